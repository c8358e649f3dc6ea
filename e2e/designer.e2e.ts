/**
 * Field designer in real Chromium: add a choice field, save it on the folder (read back from the emulator over
 * HTTP), use it as the contacts view's group-by; axe on Settings. Screenshots: e2e/screenshots/designer-*.png.
 */
import type { Browser } from "playwright-core";
import { graphGet } from "./contactsHelpers";
import { type E2EServer, newPage, openPane, pageErrors, screenshot, withE2E } from "./harness";
import { axeSeriousViolations } from "./helpers";

const SCHEMA_ID = "String {6e3a1c52-9f0b-4d8e-a2c4-5b7d9e1f3a60} Name CustomerFollowUpSchema";

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

test("add a field in the designer, save it on the folder, and group the contacts by it", async () => {
  const page = await newPage(browser, server, { width: 400, height: 900 });
  await openPane(page, { lang: "en-US" });
  await page.getByRole("list", { name: "Contacts list" }).waitFor();
  await page.getByRole("tab", { name: "Settings", exact: true }).click();
  const form = page.getByRole("form", { name: "Add a field" });
  await form.waitFor();
  expect(await axeSeriousViolations(page)).toEqual([]);

  // Outlook's own field names are refused with a clear message.
  await form.getByRole("textbox", { name: "Chinese label" }).fill("地区");
  await form.getByRole("textbox", { name: "English label" }).fill("Region");
  await form.getByRole("textbox", { name: /Name in classic Outlook/ }).fill("Categories");
  await form.getByRole("button", { name: "Add field" }).click();
  await form.getByText("“Categories” is one of Outlook's own fields. Choose another name.").waitFor();

  await form.getByRole("combobox", { name: "Type" }).selectOption("choice");
  await form.getByRole("textbox", { name: "Choices (comma-separated)" }).fill("North, South");
  await form.getByRole("textbox", { name: /Name in classic Outlook/ }).fill("SalesRegion");
  await form.getByRole("button", { name: "Add field" }).click();
  await page.getByText("Classic Outlook: Field Chooser → New… a user-defined field named “SalesRegion” of type Text.").waitFor();
  await page.getByRole("button", { name: "Save fields" }).click();
  await page.getByText("Fields saved on your Contacts folder.").waitFor();
  await screenshot(page, "designer-field-added", { fullPage: true });

  const probe = await graphGet<{ value: { parentFolderId: string }[] }>(server, "/me/contacts?$top=1&$select=parentFolderId");
  const folderId = probe.value[0]!.parentFolderId;
  const folder = await graphGet<{ singleValueExtendedProperties?: { id: string; value: string }[] }>(
    server,
    `/me/contactFolders/${encodeURIComponent(folderId)}?$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${SCHEMA_ID}')`)}`,
  );
  const stored = JSON.parse(folder.singleValueExtendedProperties?.[0]?.value ?? "{}") as { fields?: { propertyName: string; kind: string }[] };
  expect(stored.fields?.find((f) => f.propertyName === "SalesRegion")).toMatchObject({ kind: "choice" });

  await page.getByRole("tab", { name: "Contacts", exact: true }).click();
  await page.getByRole("combobox", { name: "Group by" }).selectOption("f:SalesRegion");
  await page.getByRole("button", { name: /^\(none\), \d+ contacts$/ }).waitFor();
  await screenshot(page, "designer-group-by-new-field");
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});

test("the field designer in zh-CN at 320 px: no overflow, axe clean", async () => {
  const page = await newPage(browser, server, { width: 320, height: 1000 });
  await openPane(page, { lang: "zh-CN", width: 320 });
  await page.getByRole("tab", { name: "设置", exact: true }).click();
  await page.getByRole("form", { name: "添加字段" }).waitFor();
  await page.getByText("经典 Outlook：字段选择器 → 新建… 名为“NeedsRecontact”、类型为是/否的用户定义字段。").waitFor();
  await screenshot(page, "designer-zh-CN-320", { fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  expect(await axeSeriousViolations(page)).toEqual([]);
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});
