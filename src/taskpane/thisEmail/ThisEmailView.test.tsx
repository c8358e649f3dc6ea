import { act, render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider, type MailItemSnapshot } from "../../app";
import { createFakeServices } from "../../app/testing/fakeServices";
import { createI18n } from "../i18n/createI18n";
import { ThisEmailView } from "./ThisEmailView";

const item: MailItemSnapshot = {
  itemId: null,
  conversationId: "conv",
  subject: "RE: Pricing",
  from: { address: "zhang.wei@contoso.com" },
  to: [
    { name: "Buyer", address: "buyer@fabrikam.com" },
    { address: "ops@fabrikam.com" },
  ],
  cc: [],
  mode: "compose",
  itemType: "message",
};

function renderView(services = createFakeServices({ item })) {
  return render(
    <I18nextProvider i18n={createI18n("en-US")}>
      <ServicesProvider services={services}>
        <ThisEmailView />
      </ServicesProvider>
    </I18nextProvider>,
  );
}

it("shows the open email's people and mode", async () => {
  renderView();
  expect(screen.getByText("Reading the open email…")).toBeInTheDocument();
  expect(await screen.findByRole("heading", { name: "RE: Pricing" })).toBeInTheDocument();
  expect(screen.getByText("Composing")).toBeInTheDocument();
  expect(screen.getByText("ops@fabrikam.com")).toBeInTheDocument();
  expect(screen.getAllByRole("listitem")).toHaveLength(3);
});

it("shows an empty state when no email is open (pinned pane)", async () => {
  renderView(createFakeServices({ item: null }));
  expect(await screen.findByRole("heading", { name: "No email is open" })).toBeInTheDocument();
});

it("follows ItemChanged", async () => {
  const services = createFakeServices({ item });
  let fire: () => void = () => undefined;
  let current: MailItemSnapshot | null = item;
  services.office.getCurrentItem = async () => current;
  services.office.onItemChanged = async (h) => {
    fire = h;
    return async () => undefined;
  };
  renderView(services);
  expect(await screen.findByRole("heading", { name: "RE: Pricing" })).toBeInTheDocument();
  current = { ...item, subject: "Next one", mode: "read" };
  await act(async () => fire());
  expect(await screen.findByRole("heading", { name: "Next one" })).toBeInTheDocument();
  current = null;
  await act(async () => fire());
  expect(await screen.findByRole("heading", { name: "No email is open" })).toBeInTheDocument();
});

it("shows an error when the item can't be read", async () => {
  const services = createFakeServices();
  services.office.getCurrentItem = () => Promise.reject(Object.assign(new Error("x"), { code: "Failed" }));
  renderView(services);
  expect(await screen.findByText("The open email could not be read.")).toBeInTheDocument();
});
