import { configure, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createFakeServices } from "../app/testing/fakeServices";
import { App, type AppProps } from "./App";

/**
 * Renders the pane on its first section (Contacts) and waits until the contacts have loaded, as a user would see
 * the pane settle: the assertions then run on the loaded pane, and no state update lands after the test ended.
 */
async function renderLoaded(props: AppProps) {
  const r = render(<App {...props} />);
  await screen.findByRole("heading", { name: /^(No contacts yet|还没有联系人)$/ });
  return r;
}

// The sections load lazily (React.lazy): on the shared 2-core machine under load a chunk's first import takes
// seconds, which is what the 1 s default of findBy* and jest's 5 s per test were failing on (on main too).
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(45_000);

const item = {
  itemId: "AAMk+1",
  conversationId: "conv-1",
  subject: "Quote for Q3",
  from: { name: "Buyer", address: "buyer@fabrikam.com" },
  to: [{ name: "Zhang Wei", address: "zhang.wei@contoso.com" }],
  cc: [],
  mode: "read" as const,
  itemType: "message" as const,
};

const MANAGER = { emailAddress: "li.na@contoso.com", displayName: "李娜" };

describe("task pane shell", () => {
  it("a salesperson sees four sections: the Team tab is the managers' (issue 13)", async () => {
    await renderLoaded({ services: createFakeServices({ displayLanguage: "en-US" }), search: "", initialSection: "team" });
    const tabs = within(screen.getByRole("tablist", { name: "Sections" })).getAllByRole("tab");
    expect(tabs).toHaveLength(4);
    ["Contacts", "Today", "This email", "Settings"].forEach((name, i) => expect(tabs[i]).toBe(screen.getByRole("tab", { name })));
    expect(screen.queryByRole("tab", { name: "Team" })).toBeNull();
    // Asked for the Team section, a salesperson lands on Contacts.
    expect(screen.getByRole("tab", { name: "Contacts" })).toHaveAttribute("aria-selected", "true");
  });

  it("shows the five sections in English for an English Outlook (a manager)", async () => {
    await renderLoaded({ services: createFakeServices({ displayLanguage: "en-US", managers: ["Zhang Wei <zhang.wei@contoso.com>"] }), search: "" });
    const tabs = within(screen.getByRole("tablist", { name: "Sections" })).getAllByRole("tab");
    expect(tabs).toHaveLength(5);
    ["Contacts", "Today", "This email", "Team", "Settings"].forEach((name, i) =>
      expect(tabs[i]).toBe(screen.getByRole("tab", { name })),
    );
    expect(screen.getByRole("heading", { level: 1, name: "Customer Follow-up" })).toBeInTheDocument();
  });

  it("renders Chinese tab names for a zh-CN Outlook", async () => {
    await renderLoaded({ services: createFakeServices({ displayLanguage: "zh-CN", user: MANAGER }), search: "" });
    for (const name of ["联系人", "今日", "本邮件", "团队", "设置"]) {
      expect(screen.getByRole("tab", { name })).toBeInTheDocument();
    }
    expect(document.documentElement.lang).toBe("zh-CN");
  });

  it("?lang= overrides Outlook's language", async () => {
    await renderLoaded({ services: createFakeServices({ displayLanguage: "en-US" }), search: "?lang=zh-CN" });
    expect(screen.getByRole("tab", { name: "设置" })).toBeInTheDocument();
  });

  it("navigates between sections with the tabs", async () => {
    const user = userEvent.setup();
    render(<App services={createFakeServices({ item, managers: ["ZHANG.WEI@contoso.com"] })} search="" />);
    expect(await screen.findByRole("heading", { name: "No contacts yet" })).toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "This email" }));
    expect(screen.getByRole("tab", { name: "This email" })).toHaveAttribute("aria-selected", "true");
    expect(await screen.findByRole("heading", { name: "Quote for Q3" })).toBeInTheDocument();
    expect(await screen.findByText("buyer@fabrikam.com", { exact: false })).toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "Team" }));
    expect(await screen.findByText("No teammates yet")).toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "Settings" }));
    expect(await screen.findByText("Zhang Wei (zhang.wei@contoso.com)")).toBeInTheDocument();
  });

  it("switches language from Settings", async () => {
    const user = userEvent.setup();
    render(<App services={createFakeServices()} search="" initialSection="settings" />);
    await user.selectOptions(await screen.findByRole("combobox", { name: "Language" }), "zh-CN");
    expect(screen.getByRole("tab", { name: "联系人" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "语言" })).toHaveValue("zh-CN");
  });

  it("shows the demo banner in the demo build only", async () => {
    const { unmount } = await renderLoaded({ services: createFakeServices({ demo: true }), search: "" });
    expect(screen.getByText(/Demo build — no client id configured/)).toBeInTheDocument();
    unmount();
    await renderLoaded({ services: createFakeServices({ demo: false }), search: "" });
    expect(screen.queryByText(/Demo build/)).not.toBeInTheDocument();
  });

  it("shows the demo banner in Chinese", async () => {
    await renderLoaded({ services: createFakeServices({ displayLanguage: "zh-CN" }), search: "" });
    expect(screen.getByText(/演示版本/)).toBeInTheDocument();
  });

  it("has a sync status area in the header: nothing pending while loading, all saved once loaded", async () => {
    render(<App services={createFakeServices()} search="" />);
    expect(screen.getByRole("status", { name: "Sync status" })).toHaveTextContent("No pending changes");
    await screen.findByRole("heading", { name: "No contacts yet" });
    expect(screen.getByRole("status", { name: "Sync status" })).toHaveTextContent("All changes saved");
  });

  it("follows the Office theme", async () => {
    const { container } = await renderLoaded({ services: createFakeServices({ theme: "dark" }), search: "" });
    expect(container.querySelector("[data-theme='dark']")).not.toBeNull();
  });
});
