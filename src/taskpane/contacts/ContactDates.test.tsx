import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider } from "../../app";
import { createFakeContactsService } from "../../app/testing/fakeContactsService";
import { createFakeServices } from "../../app/testing/fakeServices";
import type { Contact } from "../../domain/types";
import { createI18n } from "../i18n/createI18n";
import { ContactsView } from "./ContactsView";

// QA round 2: the contacts list showed 03/02/2026 in English while the other views showed 2026-03-02. One form
// everywhere now (domain formatDayKey): the English medium date, Chinese 2026/03/02.
const liu: Contact = {
  id: "c1",
  displayName: "Liu Yang",
  emailAddresses: [{ address: "liu.yang@huaxin-tech.cn" }],
  categories: [],
  // Noon UTC: the same calendar day in any test machine's zone.
  fields: { NextContact: "2026-03-02T12:00:00.000Z" },
};

jest.setTimeout(30_000);

it.each([
  ["en-US", "Mar 2, 2026"],
  ["zh-CN", "2026/03/02"],
] as const)("%s: the list's date cells use the pane's one date form", async (lang, shown) => {
  const services = createFakeServices({ contacts: createFakeContactsService({ contacts: [liu] }) });
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nextProvider i18n={createI18n(lang)}>
        <ServicesProvider services={services}>
          <ContactsView />
        </ServicesProvider>
      </I18nextProvider>
    </FluentProvider>,
  );
  expect(await screen.findByText(shown)).toBeInTheDocument();
  expect(screen.queryByText("03/02/2026")).toBeNull();
  expect(screen.queryByText("2026-03-02")).toBeNull();
});
