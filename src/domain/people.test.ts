import { directoryOf, displayNameOf, formatPerson, parsePerson } from "./people";

test("a configured entry reads as name and address; a bare address has no name", () => {
  expect(parsePerson("张伟 <Zhang.Wei@Contoso.com>")).toEqual({ address: "zhang.wei@contoso.com", name: "张伟" });
  expect(parsePerson('"Wang, Fang" <wang.fang@contoso.com>')).toEqual({ address: "wang.fang@contoso.com", name: "Wang, Fang" });
  expect(parsePerson("  chen.jie@contoso.com ")).toEqual({ address: "chen.jie@contoso.com" });
  expect(parsePerson("<li.na@contoso.com>")).toEqual({ address: "li.na@contoso.com" });
  expect(formatPerson({ address: "zhang.wei@contoso.com", name: "张伟" })).toBe("张伟 <zhang.wei@contoso.com>");
  expect(formatPerson({ address: "chen.jie@contoso.com" })).toBe("chen.jie@contoso.com");
});

test("bad entries are refused, not half-read", () => {
  for (const bad of ["", "张伟", "张伟 <not-an-address>", "a <b@c.d> <e@f.g>", "x".repeat(65) + " <a@b.cn>", "a@b"]) expect(parsePerson(bad)).toBeUndefined();
});

test("names are looked up by address whatever its case; an unknown address shows as itself", () => {
  const dir = directoryOf([{ address: "zhang.wei@contoso.com" }, { address: "zhang.wei@contoso.com", name: "张伟" }, { address: "wang.fang@contoso.com", name: "王芳" }]);
  expect(displayNameOf(dir, "Zhang.Wei@contoso.com ")).toBe("张伟");
  expect(displayNameOf(dir, "wang.fang@contoso.com")).toBe("王芳");
  expect(displayNameOf(dir, "emily.zhou@contoso.com")).toBe("emily.zhou@contoso.com");
  expect(displayNameOf(dir, null)).toBe("");
});
