import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider, type ContactImportService, type Services } from "../../app";
import { createFakeServices } from "../../app/testing/fakeServices";
import { DEFAULT_SCHEMA } from "../../domain/schema";
import type { Contact, FieldSchema } from "../../domain/types";
import { createI18n } from "../i18n/createI18n";
import { CsvImport } from "./CsvImport";

const existing: Contact = { id: "x1", displayName: "James Miller", emailAddresses: [{ address: "james.miller@fabrikam.com" }], categories: [], fields: {} };

const CSV = [
  '"First Name","Last Name","Company","E-mail Address","Customer tier"',
  '"Sarah","Connor","Cyberdyne","sarah@cyberdyne.example","Key"',
  '"James","Miller","Fabrikam","James.Miller@fabrikam.com",""',
  '"Robert","Tables","Contoso","not-an-email",""',
  '"Sarah","C.","Cyberdyne","SARAH@cyberdyne.example",""',
].join("\r\n");

function fakeImport(failFor?: string): ContactImportService & { created: Omit<Contact, "id">[] } {
  const created: Omit<Contact, "id">[] = [];
  return {
    created,
    loadMine: async () => ({ contacts: [existing], schema: DEFAULT_SCHEMA as FieldSchema }),
    create: async (draft) => {
      if (failFor && draft.emailAddresses[0]?.address === failFor) throw Object.assign(new Error("x"), { code: "ErrorQuotaExceeded" });
      created.push(draft);
    },
  };
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

async function pick(text: string) {
  const file = new File([text], "contacts.csv", { type: "text/csv" });
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
  expect(screen.getByText("1 new, 1 already in your contacts, 1 repeated in the file, 1 with errors")).toBeInTheDocument();
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
  await userEvent.click(screen.getByRole("button", { name: "Import 1 contacts" }));
  expect(await screen.findByText("Imported 0 contacts; 1 failed.")).toBeInTheDocument();
  expect(screen.getByText(/Failed \(ErrorQuotaExceeded\)/)).toBeInTheDocument();
});

it("says so when the file has no data rows", async () => {
  renderImport(fakeImport());
  await pick('"First Name","E-mail Address"\r\n');
  expect(await screen.findByText("The file has no data rows.")).toBeInTheDocument();
});
