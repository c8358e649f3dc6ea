import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider, type ContactImportService, type Services } from "../../app";
import { createFakeServices } from "../../app/testing/fakeServices";
import { DEFAULT_SCHEMA } from "../../domain/schema";
import type { Contact, FieldSchema } from "../../domain/types";
import { createI18n } from "../i18n/createI18n";
import { TextDecoder as NodeTextDecoder } from "util";
import { CsvImport } from "./CsvImport";

// jsdom has no TextDecoder; browsers (and Node, with its full ICU: gb18030 included) do.
if (typeof globalThis.TextDecoder === "undefined") (globalThis as unknown as { TextDecoder: unknown }).TextDecoder = NodeTextDecoder;

const existing: Contact = { id: "x1", displayName: "James Miller", emailAddresses: [{ address: "james.miller@fabrikam.com" }], categories: [], fields: {} };

const CSV = [
  '"First Name","Last Name","Company","E-mail Address","Customer tier"',
  '"Sarah","Connor","Cyberdyne","sarah@cyberdyne.example","Key"',
  '"James","Miller","Fabrikam","James.Miller@fabrikam.com",""',
  '"Robert","Tables","Contoso","not-an-email",""',
  '"Sarah","C.","Cyberdyne","SARAH@cyberdyne.example",""',
].join("\r\n");

function fakeImport(failFor?: string): ContactImportService & { created: Omit<Contact, "id">[]; chunks: number[]; refreshes: number } {
  const created: Omit<Contact, "id">[] = [];
  const chunks: number[] = [];
  const target = {
    created,
    chunks,
    refreshes: 0,
    loadMine: async () => ({ contacts: [existing], schema: DEFAULT_SCHEMA as FieldSchema }),
    finish: async () => void target.refreshes++,
    createMany: async (drafts: readonly Omit<Contact, "id">[], _schema: FieldSchema, onCreated?: () => void) =>
      (chunks.push(drafts.length), drafts).map((draft) => {
        onCreated?.();
        if (failFor && draft.emailAddresses[0]?.address === failFor) return { status: "failed" as const, code: "ErrorQuotaExceeded" };
        created.push(draft);
        return { status: "created" as const };
      }),
  };
  return target;
}

function renderImport(contactImport: ContactImportService) {
  const services: Services = { ...createFakeServices(), contactImport };
  return render(
    <I18nextProvider i18n={createI18n("en-US")}>
      <ServicesProvider services={services}>
        <CsvImport />
      </ServicesProvider>
    </I18nextProvider>,
  );
}

async function pick(text: string | Uint8Array) {
  const file = new File([text as BlobPart], "contacts.csv", { type: "text/csv" });
  await userEvent.upload(screen.getByLabelText("Choose CSV file"), file);
}

it("maps columns, previews duplicates and errors, imports the new rows with per-row results", async () => {
  const target = fakeImport();
  renderImport(target);
  await pick(CSV);
  expect(await screen.findByRole("heading", { name: "Match the columns" })).toBeInTheDocument();
  expect(screen.getByRole("combobox", { name: "Column “E-mail Address”" })).toHaveValue("email");
  expect(screen.getByRole("combobox", { name: "Column “Customer tier”" })).toHaveValue("field:CustomerTier");

  await userEvent.click(screen.getByRole("button", { name: "Preview import" }));
  expect(await screen.findByText("1 new, 1 already in your contacts, 1 repeated in the file, 1 with errors")).toBeInTheDocument();
  const table = screen.getByRole("table", { name: "Preview (dry run)" });
  const rows = within(table).getAllByRole("row");
  expect(rows).toHaveLength(5);
  expect(within(rows[3] as HTMLElement).getByText(/“E-mail Address”: “not-an-email” is not a valid e-mail address/)).toBeInTheDocument();
  expect(within(rows[4] as HTMLElement).getByText("Duplicate of row 2")).toBeInTheDocument();
  expect(target.created).toEqual([]);

  await userEvent.click(screen.getByRole("button", { name: "Import 1 contacts" }));
  expect(await screen.findByText("Imported 1 contacts; 0 failed.")).toBeInTheDocument();
  expect(target.created).toHaveLength(1);
  expect(target.created[0]).toMatchObject({ displayName: "Sarah Connor", companyName: "Cyberdyne", fields: { CustomerTier: "key" } });
});

it("reports a row that fails to write", async () => {
  renderImport(fakeImport("sarah@cyberdyne.example"));
  await pick(CSV);
  await userEvent.click(await screen.findByRole("button", { name: "Preview import" }));
  await userEvent.click(await screen.findByRole("button", { name: "Import 1 contacts" }));
  expect(await screen.findByText("Imported 0 contacts; 1 failed.")).toBeInTheDocument();
  expect(screen.getByText(/Failed \(ErrorQuotaExceeded\)/)).toBeInTheDocument();
});

it("says so when the file has no data rows", async () => {
  renderImport(fakeImport());
  await pick('"First Name","E-mail Address"\r\n');
  expect(await screen.findByText("The file has no data rows.")).toBeInTheDocument();
});

const hex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
/**
 * An Outlook export from Windows in a Chinese locale (code page 936), bytes from Python's str.encode("gb18030"):
 * 姓,名,职务,移动电话,商务地址 市/县,电子邮件地址 / 赵,建国,采购主管,13712345678,深圳,zhao@xinyuan.cn
 */
const GBK_CSV = hex(
  "d0d52cc3fb2cd6b0cef12cd2c6b6afb5e7bbb02cc9cccef1b5d8d6b720cad02fcfd82cb5e7d7d3d3cabcfeb5d8d6b70d0a" +
    "d5d42cbda8b9fa2cb2c9b9bad6f7b9dc2c31333731323334353637382cc9eedbda2c7a68616f4078696e7975616e2e636e0d0a",
);

it("reads a GBK (GB18030) export: detects the encoding, shows Chinese names, imports job title, mobile and city", async () => {
  const target = fakeImport();
  renderImport(target);
  await pick(GBK_CSV);
  expect(await screen.findByRole("heading", { name: "Match the columns" })).toBeInTheDocument();
  const encoding = screen.getByRole("combobox", { name: "File encoding" });
  expect(encoding).toHaveValue("gb18030");
  expect(screen.getByText("Detected from the file's content: GB18030 / GBK (Chinese Windows)")).toBeInTheDocument();
  expect(screen.getByRole("combobox", { name: "Column “姓”" })).toHaveValue("surname");
  expect(screen.getByRole("combobox", { name: "Column “职务”" })).toHaveValue("jobTitle");
  expect(screen.getByRole("combobox", { name: "Column “商务地址 市/县”" })).toHaveValue("businessCity");
  expect(screen.getByText("e.g. 采购主管")).toBeInTheDocument();
  expect(screen.queryByText(/could not be read in this encoding/)).not.toBeInTheDocument();

  await userEvent.click(screen.getByRole("button", { name: "Preview import" }));
  expect(within(await screen.findByRole("table", { name: "Preview (dry run)" })).getByText("赵建国")).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Import 1 contacts" }));
  expect(await screen.findByText("Imported 1 contacts; 0 failed.")).toBeInTheDocument();
  expect(target.created[0]).toMatchObject({ displayName: "赵建国", jobTitle: "采购主管", mobilePhone: "13712345678", businessAddressParts: { city: "深圳" } });
});

it("lets the user override the encoding; a wrong one is flagged and the right one restores the names", async () => {
  renderImport(fakeImport());
  await pick(GBK_CSV);
  const encoding = await screen.findByRole("combobox", { name: "File encoding" });
  await userEvent.selectOptions(encoding, "utf-8");
  expect(encoding).toHaveValue("utf-8");
  expect(await screen.findByText("Your choice (detected: GB18030 / GBK (Chinese Windows)). Check the examples below.")).toBeInTheDocument();
  expect(screen.getByText(/could not be read in this encoding/)).toBeInTheDocument();
  expect(screen.queryByText("e.g. 采购主管")).not.toBeInTheDocument();
  await userEvent.selectOptions(encoding, "gb18030");
  expect(await screen.findByText("e.g. 采购主管")).toBeInTheDocument();
  expect(screen.getByRole("combobox", { name: "Column “职务”" })).toHaveValue("jobTitle");
  expect(screen.queryByText(/could not be read in this encoding/)).not.toBeInTheDocument();
});

it("a UTF-8 file is shown as UTF-8 (BOM detected)", async () => {
  renderImport(fakeImport());
  await pick("\uFEFF" + CSV);
  expect(await screen.findByRole("combobox", { name: "File encoding" })).toHaveValue("utf-8");
  expect(screen.getByText("Detected from the file's byte-order mark: UTF-8")).toBeInTheDocument();
});

/** An export of `n` rows, about 80 bytes each: 20,000 rows ≈ 1.6 MB, seven 256 KB slices. */
function bigCsv(n: number, bad: (i: number) => boolean = () => false): string {
  const lines = ['"First Name","Last Name","Company","E-mail Address"'];
  for (let i = 1; i <= n; i++) lines.push(`"Buyer","No ${i}","Fabrikam ${i % 13}","${bad(i) ? `broken${i}@` : `buyer${i}@fabrikam.example`}"`);
  return lines.join("\r\n");
}

it("a large file is checked in slices with progress, and Cancel stops the check and writes nothing", async () => {
  const target = fakeImport();
  renderImport(target);
  await pick(bigCsv(20_000));
  await userEvent.click(await screen.findByRole("button", { name: "Preview import" }));
  expect(await screen.findByText(/^Checking rows… [\d,]+ rows \(\d+%\)$/)).toBeInTheDocument();
  expect(screen.getByRole("progressbar", { name: /^Checking rows…/ })).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
  expect(await screen.findByText("Check cancelled. Nothing was imported.")).toBeInTheDocument();
  // Back at the columns, nothing previewed, nothing written; the check can be started again.
  expect(screen.getByRole("heading", { name: "Match the columns" })).toBeInTheDocument();
  expect(screen.queryByRole("table", { name: "Preview (dry run)" })).not.toBeInTheDocument();
  expect(target.created).toEqual([]);
  await userEvent.click(screen.getByRole("button", { name: "Preview import" }));
  expect(await screen.findByText("20000 new, 0 already in your contacts, 0 repeated in the file, 0 with errors", {}, { timeout: 20_000 })).toBeInTheDocument();
}, 60_000);

it("a large preview shows the rows with problems first, each with its row number, and imports only the valid rows", async () => {
  const target = fakeImport();
  renderImport(target);
  await pick(bigCsv(1000, (i) => i === 777 || i === 1000));
  await userEvent.click(await screen.findByRole("button", { name: "Preview import" }));
  expect(await screen.findByText("998 new, 0 already in your contacts, 0 repeated in the file, 2 with errors")).toBeInTheDocument();
  expect(screen.getByText("Showing 200 of 1000 rows, those with problems first.")).toBeInTheDocument();
  const rows = within(screen.getByRole("table", { name: "Preview (dry run)" })).getAllByRole("row");
  expect(rows).toHaveLength(1 + 200);
  // Data row 777 is record 778 of the file (the header is row 1), data row 1000 is record 1001.
  const bad = rows.filter((r) => r.getAttribute("data-status") === "invalid").map((r) => r.textContent);
  expect(bad).toEqual([
    expect.stringMatching(/^778.*“E-mail Address”: “broken777@” is not a valid e-mail address$/),
    expect.stringMatching(/^1001.*“E-mail Address”: “broken1000@” is not a valid e-mail address$/),
  ]);
  await userEvent.click(screen.getByRole("button", { name: "Import 998 contacts" }));
  expect(await screen.findByText("Imported 998 contacts; 0 failed.")).toBeInTheDocument();
  expect(target.created).toHaveLength(998);
  expect(target.created.some((c) => c.emailAddresses.length === 0)).toBe(false);
  // Written as the file is read again: chunks of 100 (each = 5 $batches of 20), one refresh at the end.
  expect(target.chunks).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 98]);
  expect(target.refreshes).toBe(1);
  expect(screen.getByText("Showing 200 of 998 rows, those with problems first.")).toBeInTheDocument();
}, 30_000);

it("a file too large to import says so and reads nothing", async () => {
  renderImport(fakeImport());
  const file = new File(["x"], "huge.csv", { type: "text/csv" });
  Object.defineProperty(file, "size", { value: 65 * 1024 * 1024 });
  await userEvent.upload(screen.getByLabelText("Choose CSV file"), file);
  expect(await screen.findByText("The file is larger than 64 MB. Split it into smaller files.")).toBeInTheDocument();
  expect(screen.queryByRole("heading", { name: "Match the columns" })).not.toBeInTheDocument();
});

it("a GBK file whose first 256 KB are plain ASCII: the check finds the Chinese row, imports nothing in UTF-8, and GBK reads it (issue 10 item 6)", async () => {
  const target = fakeImport();
  renderImport(target);
  // 5,000 ASCII rows (≈ 310 KB: more than the 256 KB encoding sample), then 赵建国 in GBK bytes (d5d4 bda8 b9fa) on line 5,002.
  const ascii = Uint8Array.from(Buffer.from(`${bigCsv(5_000)}\r\n"`, "ascii"));
  // First name 建国 (bda8 b9fa), last name 赵 (d5d4): Outlook's Chinese display name is 赵建国.
  const tail = new Uint8Array([...hex("bda8b9fa"), ...Buffer.from('","', "ascii"), ...hex("d5d4"), ...Buffer.from('","Huaxin","zhao@xinyuan.cn"\r\n', "ascii")]);
  const file = new Uint8Array(ascii.length + tail.length);
  file.set(ascii, 0);
  file.set(tail, ascii.length);
  await pick(file);
  const encoding = await screen.findByRole("combobox", { name: "File encoding" });
  expect(encoding).toHaveValue("utf-8"); // the sample is ASCII: nothing to tell UTF-8 from GBK
  expect(screen.queryByText(/could not be read in this encoding/)).not.toBeInTheDocument();

  await userEvent.click(screen.getByRole("button", { name: "Preview import" }));
  // Back at the columns with the line that failed, no preview and no Import button: nothing can be written garbled.
  expect(await screen.findByText("From line 5002 on, some characters could not be read in this encoding (the start of the file could). Nothing was imported: choose another file encoding, then preview again.", {}, { timeout: 20_000 })).toBeInTheDocument();
  expect(screen.getByRole("heading", { name: "Match the columns" })).toBeInTheDocument();
  expect(screen.queryByRole("table", { name: "Preview (dry run)" })).not.toBeInTheDocument();

  // The columns step is drawn anew: the encoding choice is a new element.
  await userEvent.selectOptions(screen.getByRole("combobox", { name: "File encoding" }), "gb18030");
  await waitFor(() => expect(screen.queryByText(/could not be read in this encoding/)).not.toBeInTheDocument());
  await userEvent.click(screen.getByRole("button", { name: "Preview import" }));
  expect(await screen.findByText("5001 new, 0 already in your contacts, 0 repeated in the file, 0 with errors", {}, { timeout: 20_000 })).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Import 5001 contacts" }));
  expect(await screen.findByText("Imported 5001 contacts; 0 failed.", {}, { timeout: 30_000 })).toBeInTheDocument();
  expect(target.created.find((c) => c.emailAddresses[0]?.address === "zhao@xinyuan.cn")?.displayName).toBe("赵建国");
  expect(target.created.some((c) => c.displayName.includes("\uFFFD"))).toBe(false);
}, 90_000);
