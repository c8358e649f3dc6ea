import { DEFAULT_SCHEMA } from "../../domain/schema";
import { fieldInputText, rawFieldInput } from "./rawValue";

const products = DEFAULT_SCHEMA.fields.find((f) => f.kind === "keywords")!;

describe("keyword input splits only on the separators its hint names (commas)", () => {
  it("splits on ASCII and full-width commas", () => {
    expect(rawFieldInput(products, "Widget, 服务器，路由器 ,")).toEqual(["Widget", "服务器", "路由器"]);
  });
  it("keeps semicolons, enumeration commas and other punctuation inside a value", () => {
    expect(rawFieldInput(products, "Model A; rev 2, 产品A、产品B")).toEqual(["Model A; rev 2", "产品A、产品B"]);
  });
  it("round-trips what the form shows", () => {
    const shown = fieldInputText(products, ["Model A; rev 2", "服务器"], "Asia/Shanghai");
    expect(rawFieldInput(products, shown)).toEqual(["Model A; rev 2", "服务器"]);
  });
});
