import {
  convertToRestId,
  displayNewMessageForm,
  getCurrentItem,
  getItemBody,
  getSelectedItems,
  onItemChanged,
  onSelectedItemsChanged,
  resetMailboxEventsForTests,
} from "./mailItem";
import { fail, installOffice, ok, requirements, uninstallOffice } from "./testing/mockOffice";

afterEach(() => {
  uninstallOffice();
  resetMailboxEventsForTests();
});

const readItem = {
  itemType: "message",
  itemId: "AAMk+ab/cd==",
  conversationId: "AAQk-conv",
  subject: "Quote for Q3",
  from: { emailAddress: "buyer@fabrikam.com", displayName: "Buyer" },
  to: [{ emailAddress: "zhang.wei@contoso.com", displayName: "Zhang Wei" }],
  cc: [{ emailAddress: "cc@fabrikam.com", displayName: "" }],
};

const getter = <T>(value: T) => ({ getAsync: (cb: (r: Office.AsyncResult<T>) => void) => cb(ok(value)) });

describe("getCurrentItem", () => {
  it("maps a read item", async () => {
    installOffice({ context: { mailbox: { item: readItem } } });
    await expect(getCurrentItem()).resolves.toEqual({
      itemId: "AAMk+ab/cd==",
      conversationId: "AAQk-conv",
      subject: "Quote for Q3",
      from: { name: "Buyer", address: "buyer@fabrikam.com" },
      to: [{ name: "Zhang Wei", address: "zhang.wei@contoso.com" }],
      cc: [{ address: "cc@fabrikam.com" }],
      mode: "read",
      itemType: "message",
    });
  });

  it("reads compose fields through their async getters", async () => {
    installOffice({
      context: {
        mailbox: {
          item: {
            itemType: "message",
            conversationId: "conv",
            subject: getter("RE: Quote"),
            to: getter([{ emailAddress: "a@x.com", displayName: "A" }]),
            cc: getter([]),
            from: getter({ emailAddress: "zhang.wei@contoso.com", displayName: "Zhang Wei" }),
          },
        },
      },
    });
    await expect(getCurrentItem()).resolves.toEqual({
      itemId: null,
      conversationId: "conv",
      subject: "RE: Quote",
      from: { name: "Zhang Wei", address: "zhang.wei@contoso.com" },
      to: [{ name: "A", address: "a@x.com" }],
      cc: [],
      mode: "compose",
      itemType: "message",
    });
  });

  it("rejects with Failed (and Office's code) when a compose getter fails", async () => {
    installOffice({
      context: {
        mailbox: {
          item: {
            subject: getter("x"),
            to: { getAsync: (cb: (r: Office.AsyncResult<unknown>) => void) => cb(fail(9041, "no network")) },
            cc: getter([]),
          },
        },
      },
    });
    await expect(getCurrentItem()).rejects.toMatchObject({ code: "Failed", officeCode: 9041 });
  });

  it("rejects rather than throws when a getter throws synchronously", async () => {
    installOffice({
      context: {
        mailbox: {
          item: { subject: { getAsync: () => { throw new Error("sync"); } }, to: getter([]), cc: getter([]) },
        },
      },
    });
    await expect(getCurrentItem()).rejects.toMatchObject({ code: "Failed" });
  });

  it("is null when a pinned pane has no item", async () => {
    // office-addin-mock can't hold a null in its initial data: clear the item afterwards.
    const mock = installOffice({ context: { mailbox: { item: readItem } } });
    mock.context.mailbox.item = null;
    await expect(getCurrentItem()).resolves.toBeNull();
  });

  it("rejects NotAvailable without a mailbox", async () => {
    installOffice({ context: {} });
    await expect(getCurrentItem()).rejects.toMatchObject({ code: "NotAvailable" });
  });
});

describe("convertToRestId", () => {
  it("asks for REST v2.0 ids", async () => {
    const calls: unknown[] = [];
    installOffice({
      context: {
        mailbox: {
          diagnostics: { hostName: "OutlookWebApp" },
          convertToRestId: (id: string, v: string) => {
            calls.push(v);
            return id.replace(/\+/g, "-").replace(/\//g, "_");
          },
        },
      },
    });
    await expect(convertToRestId("AA+b/c")).resolves.toBe("AA-b_c");
    expect(calls).toEqual(["v2.0"]);
  });
  it("returns the id unchanged on Outlook mobile, whose ids are already REST ids", async () => {
    installOffice({
      context: { mailbox: { diagnostics: { hostName: "OutlookIOS" }, convertToRestId: () => "wrong" } },
    });
    await expect(convertToRestId("AA-b_c")).resolves.toBe("AA-b_c");
  });
  it("rejects Unsupported below Mailbox 1.3", async () => {
    installOffice({
      context: {
        requirements: requirements({ Mailbox: "1.2" }),
        mailbox: { diagnostics: { hostName: "Outlook" }, convertToRestId: (id: string) => id },
      },
    });
    await expect(convertToRestId("x")).rejects.toMatchObject({ code: "Unsupported" });
  });
  it("rejects Failed when the host throws", async () => {
    installOffice({
      context: { mailbox: { diagnostics: {}, convertToRestId: () => { throw new Error("bad id"); } } },
    });
    await expect(convertToRestId("x")).rejects.toMatchObject({ code: "Failed" });
  });
});

describe("getSelectedItems", () => {
  const selected = [
    { itemId: "a", conversationId: "c1", subject: "One", itemMode: "Read", itemType: "Message" },
    { itemId: "b", conversationId: "", subject: "Two", itemMode: "Compose", itemType: "Message" },
  ];
  it("maps the selection", async () => {
    installOffice({ context: { mailbox: { getSelectedItemsAsync: (cb: (r: unknown) => void) => cb(ok(selected)) } } });
    await expect(getSelectedItems()).resolves.toEqual([
      { itemId: "a", conversationId: "c1", subject: "One", itemMode: "read" },
      { itemId: "b", conversationId: null, subject: "Two", itemMode: "compose" },
    ]);
  });
  it("rejects Unsupported below Mailbox 1.13", async () => {
    installOffice({
      context: {
        requirements: requirements({ Mailbox: "1.12" }),
        mailbox: { getSelectedItemsAsync: (cb: (r: unknown) => void) => cb(ok(selected)) },
      },
    });
    await expect(getSelectedItems()).rejects.toMatchObject({ code: "Unsupported" });
  });
  it("rejects Failed when the host fails", async () => {
    installOffice({ context: { mailbox: { getSelectedItemsAsync: (cb: (r: unknown) => void) => cb(fail(5001)) } } });
    await expect(getSelectedItems()).rejects.toMatchObject({ code: "Failed", officeCode: 5001 });
  });
});

describe("event handlers", () => {
  /** Like Outlook: several handlers per type, and removeHandlerAsync(type) removes ALL of them. */
  function mailboxWithEvents(addResult = ok(undefined)) {
    const registered = new Map<string, Set<() => void>>();
    const calls: string[] = [];
    const mailbox = {
      addHandlerAsync: (type: string, h: () => void, cb: (r: unknown) => void) => {
        calls.push(`add ${type}`);
        if (String(addResult.status) === "succeeded") {
          if (!registered.has(type)) registered.set(type, new Set());
          registered.get(type)!.add(h);
        }
        cb(addResult);
      },
      removeHandlerAsync: (type: string, cb: (r: unknown) => void) => {
        calls.push(`remove ${type}`);
        registered.delete(type);
        cb(ok(undefined));
      },
    };
    const fire = (type: string) => {
      for (const h of [...(registered.get(type) ?? [])]) h();
    };
    const handlers = {
      get size() {
        return [...registered.values()].reduce((n, s) => n + s.size, 0);
      },
      has: (type: string) => (registered.get(type)?.size ?? 0) > 0,
      get: (type: string) => (registered.has(type) ? () => fire(type) : undefined),
    };
    return { mailbox, handlers, calls, fire };
  }

  it("two subscribers share one Office registration; one unsubscribing leaves the other listening", async () => {
    const { mailbox, handlers, calls, fire } = mailboxWithEvents();
    installOffice({ context: { mailbox } });
    const seen: string[] = [];
    const offA = await onItemChanged(() => seen.push("a"));
    const offB = await onItemChanged(() => seen.push("b"));
    expect(calls).toEqual(["add olkItemSelectedChanged"]);
    expect(handlers.size).toBe(1);
    fire("olkItemSelectedChanged");
    expect(seen).toEqual(["a", "b"]);

    await offA();
    await offA(); // idempotent: does not remove b
    expect(calls).toEqual(["add olkItemSelectedChanged"]);
    fire("olkItemSelectedChanged");
    expect(seen).toEqual(["a", "b", "b"]);

    await offB();
    expect(calls).toEqual(["add olkItemSelectedChanged", "remove olkItemSelectedChanged"]);
    expect(handlers.size).toBe(0);

    // Re-subscribing after everyone left registers again.
    const offC = await onItemChanged(() => seen.push("c"));
    expect(calls).toEqual(["add olkItemSelectedChanged", "remove olkItemSelectedChanged", "add olkItemSelectedChanged"]);
    fire("olkItemSelectedChanged");
    expect(seen).toEqual(["a", "b", "b", "c"]);
    await offC();
    expect(handlers.size).toBe(0);
  });

  it("event types are independent: leaving SelectedItemsChanged keeps ItemChanged", async () => {
    const { mailbox, calls, fire } = mailboxWithEvents();
    installOffice({ context: { mailbox } });
    const seen: string[] = [];
    await onItemChanged(() => seen.push("item"));
    const offSel = await onSelectedItemsChanged(() => seen.push("sel"));
    await offSel();
    fire("olkItemSelectedChanged");
    fire("olkSelectedItemsChanged");
    expect(seen).toEqual(["item"]);
    expect(calls).toEqual(["add olkItemSelectedChanged", "add olkSelectedItemsChanged", "remove olkSelectedItemsChanged"]);
  });

  it("concurrent subscribes register once; unsubscribe and resubscribe racing ends registered", async () => {
    const { mailbox, calls, fire } = mailboxWithEvents();
    installOffice({ context: { mailbox } });
    const seen: number[] = [];
    const [off1] = await Promise.all([onItemChanged(() => seen.push(1)), onItemChanged(() => seen.push(2))]);
    expect(calls).toEqual(["add olkItemSelectedChanged"]);
    await off1();
    const offs = await Promise.all([onItemChanged(() => seen.push(3))]);
    fire("olkItemSelectedChanged");
    expect(seen).toEqual([2, 3]);
    expect(offs).toHaveLength(1);
  });

  it("a throwing subscriber does not stop the others", async () => {
    const { mailbox, fire } = mailboxWithEvents();
    installOffice({ context: { mailbox } });
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const seen: string[] = [];
    await onItemChanged(() => {
      throw new Error("handler bug");
    });
    await onItemChanged(() => seen.push("ok"));
    expect(() => fire("olkItemSelectedChanged")).not.toThrow();
    expect(seen).toEqual(["ok"]);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it("onItemChanged subscribes and unsubscribes", async () => {
    const { mailbox, handlers } = mailboxWithEvents();
    installOffice({ context: { mailbox } });
    const seen: number[] = [];
    const off = await onItemChanged(() => seen.push(1));
    handlers.get("olkItemSelectedChanged")?.();
    expect(seen).toEqual([1]);
    await off();
    expect(handlers.size).toBe(0);
  });

  it("a throwing handler does not throw into Office", async () => {
    const { mailbox, handlers } = mailboxWithEvents();
    installOffice({ context: { mailbox } });
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    await onItemChanged(() => {
      throw new Error("handler bug");
    });
    expect(() => handlers.get("olkItemSelectedChanged")?.()).not.toThrow();
    spy.mockRestore();
  });

  it("rejects Failed when addHandlerAsync fails", async () => {
    const { mailbox } = mailboxWithEvents(fail(5000) as Office.AsyncResult<undefined>);
    installOffice({ context: { mailbox } });
    await expect(onItemChanged(() => undefined)).rejects.toMatchObject({ code: "Failed", officeCode: 5000 });
  });

  it("onSelectedItemsChanged needs Mailbox 1.13", async () => {
    const { mailbox, handlers } = mailboxWithEvents();
    installOffice({ context: { mailbox } });
    await onSelectedItemsChanged(() => undefined);
    expect(handlers.has("olkSelectedItemsChanged")).toBe(true);

    installOffice({ context: { requirements: requirements({ Mailbox: "1.12" }), mailbox } });
    await expect(onSelectedItemsChanged(() => undefined)).rejects.toMatchObject({ code: "Unsupported" });
  });
});

describe("displayNewMessageForm", () => {
  it("passes the draft to Outlook", async () => {
    const forms: unknown[] = [];
    installOffice({ context: { mailbox: { displayNewMessageForm: (f: unknown) => forms.push(f) } } });
    await displayNewMessageForm({ toRecipients: ["a@x.com"], subject: "Hi", htmlBody: "<p>Hi</p>" });
    expect(forms).toEqual([{ toRecipients: ["a@x.com"], subject: "Hi", htmlBody: "<p>Hi</p>" }]);
  });
  it("rejects when Outlook throws", async () => {
    installOffice({ context: { mailbox: { displayNewMessageForm: () => { throw new Error("x"); } } } });
    await expect(displayNewMessageForm({ toRecipients: [], subject: "", htmlBody: "" })).rejects.toMatchObject({
      code: "Failed",
    });
  });
});

describe("getItemBody", () => {
  it("reads the open message's body as HTML through body.getAsync (no Graph scope)", async () => {
    const asked: unknown[] = [];
    installOffice({
      CoercionType: { Html: "html", Text: "text" },
      context: { mailbox: { item: { ...readItem, body: { getAsync: (coercion: unknown, cb: (r: Office.AsyncResult<string>) => void) => { asked.push(coercion); cb(ok("<p>hi</p>")); } } } } },
    });
    await expect(getItemBody()).resolves.toBe("<p>hi</p>");
    expect(asked).toEqual(["html"]);
  });

  it("rejects with a typed error when Office fails or nothing is open", async () => {
    installOffice({ CoercionType: { Html: "html" }, context: { mailbox: { item: { ...readItem, body: { getAsync: (_c: unknown, cb: (r: Office.AsyncResult<string>) => void) => cb(fail(9002)) } } } } });
    await expect(getItemBody()).rejects.toMatchObject({ code: "Failed", officeCode: 9002 });
    uninstallOffice();
    // office-addin-mock can't hold a null in its initial data: clear the item afterwards.
    const mock = installOffice({ context: { mailbox: { item: readItem } } });
    mock.context.mailbox.item = null;
    await expect(getItemBody()).rejects.toMatchObject({ code: "NotAvailable" });
  });
});
