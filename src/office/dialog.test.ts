import { openDialog } from "./dialog";
import { fail, installOffice, ok, uninstallOffice } from "./testing/mockOffice";

afterEach(uninstallOffice);

function fakeDialogHost() {
  const handlers = new Map<string, (arg: unknown) => void>();
  const dialog = {
    closed: 0,
    addEventHandler: (type: string, h: (arg: unknown) => void) => handlers.set(type, h),
    close() {
      this.closed++;
    },
  };
  const opened: unknown[] = [];
  const ui = {
    displayDialogAsync: (url: string, options: unknown, cb: (r: unknown) => void) => {
      opened.push({ url, options });
      cb(ok(dialog));
    },
  };
  return {
    ui,
    dialog,
    opened,
    send: (message: string, origin?: string) => handlers.get("dialogMessageReceived")?.(origin === undefined ? { message } : { message, origin }),
    event: (error: number) => handlers.get("dialogEventReceived")?.({ error }),
  };
}

it("opens outside an iframe and yields messages in order, including ones sent before asking", async () => {
  const host = fakeDialogHost();
  installOffice({ context: { ui: host.ui } });
  const d = await openDialog("https://localhost:3000/signin.html", { height: 60, width: 30 });
  expect(host.opened).toEqual([
    {
      url: "https://localhost:3000/signin.html",
      options: { height: 60, width: 30, displayInIframe: false, promptBeforeOpen: undefined },
    },
  ]);
  host.send("first");
  await expect(d.nextMessage()).resolves.toBe("first");
  const waiting = d.nextMessage();
  host.send("second");
  host.send("third");
  await expect(waiting).resolves.toBe("second");
  await expect(d.nextMessage()).resolves.toBe("third");
});

it("ignores messages from any origin but the dialog page's own (DialogOrigin 1.1); accepts them when the client gives no origin", async () => {
  const host = fakeDialogHost();
  installOffice({ context: { ui: host.ui } });
  const d = await openDialog("https://localhost:3000/signin.html?scopes=x", { height: 60, width: 30 });
  host.send('{"type":"token","accessToken":"forged"}', "https://evil.example.com");
  host.send("from the sign-in page", "https://localhost:3000");
  await expect(d.nextMessage()).resolves.toBe("from the sign-in page");
  host.send("older client, no origin");
  await expect(d.nextMessage()).resolves.toBe("older client, no origin");
});

it("rejects pending and later reads with DialogClosed on 12006", async () => {
  const host = fakeDialogHost();
  installOffice({ context: { ui: host.ui } });
  const d = await openDialog("https://x/", { height: 50, width: 50 });
  const pending = d.nextMessage();
  host.event(12006);
  await expect(pending).rejects.toMatchObject({ code: "DialogClosed", officeCode: 12006 });
  await expect(d.nextMessage()).rejects.toMatchObject({ code: "DialogClosed" });
});

it("maps a page-load failure (12002) to Failed", async () => {
  const host = fakeDialogHost();
  installOffice({ context: { ui: host.ui } });
  const d = await openDialog("https://x/", { height: 50, width: 50 });
  host.event(12002);
  await expect(d.nextMessage()).rejects.toMatchObject({ code: "Failed", officeCode: 12002 });
});

it("close is idempotent and ends waiting reads", async () => {
  const host = fakeDialogHost();
  installOffice({ context: { ui: host.ui } });
  const d = await openDialog("https://x/", { height: 50, width: 50 });
  const pending = d.nextMessage();
  d.close();
  d.close();
  expect(host.dialog.closed).toBe(1);
  await expect(pending).rejects.toMatchObject({ code: "DialogClosed" });
});

it.each([
  [12007, "DialogAlreadyOpen"],
  [12009, "DialogBlocked"],
  [12011, "DialogBlocked"],
  [12004, "Failed"],
])("rejects opening with Office code %i as %s", async (officeCode, code) => {
  installOffice({
    context: { ui: { displayDialogAsync: (_u: string, _o: unknown, cb: (r: unknown) => void) => cb(fail(officeCode)) } },
  });
  await expect(openDialog("https://x/", { height: 50, width: 50 })).rejects.toMatchObject({ code, officeCode });
});

it("rejects Unsupported when the host has no dialog API", async () => {
  installOffice({ context: {} });
  await expect(openDialog("https://x/", { height: 50, width: 50 })).rejects.toMatchObject({ code: "Unsupported" });
});
