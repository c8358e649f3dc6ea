import { MailboxGate, mailboxKeyOf, slotsFor } from "./mailboxGate";

describe("mailboxGate", () => {
  it("names the mailbox of a request: /me, /users/{upn}/…; none for the directory or $batch itself", () => {
    expect(mailboxKeyOf("https://graph.microsoft.com/v1.0/me/contacts?$top=1")).toBe("me");
    expect(mailboxKeyOf("/users/Li.Na%40contoso.com/contactFolders/x/contacts")).toBe("li.na@contoso.com");
    expect(mailboxKeyOf("https://graph.microsoft.com/v1.0/users/li.na@contoso.com")).toBeUndefined();
    expect(mailboxKeyOf("https://graph.microsoft.com/v1.0/$batch")).toBeUndefined();
  });

  it("a $batch takes one slot per sub-request of each mailbox, at most 4", () => {
    const body = JSON.stringify({ requests: [...Array(20)].map((_, i) => ({ id: String(i), method: "GET", url: i < 2 ? "/users/x@y.com/contacts" : "/me/contacts" })) });
    expect([...slotsFor("https://graph.microsoft.com/v1.0/$batch", body)]).toEqual([["x@y.com", 2], ["me", 4]]);
    expect([...slotsFor("https://graph.microsoft.com/v1.0/me/messages", undefined)]).toEqual([["me", 1]]);
  });

  it("never lets more than 4 in, first come first served (a waiting batch is not overtaken by single requests)", async () => {
    const gate = new MailboxGate();
    const order: string[] = [];
    const singles = await Promise.all([1, 2, 3].map(() => gate.acquire(new Map([["me", 1]]))));
    const batch = gate.acquire(new Map([["me", 4]])).then((r) => (order.push("batch"), r));
    const late = gate.acquire(new Map([["me", 1]])).then((r) => (order.push("late"), r));
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]);
    expect(gate.inUse("me")).toBe(3);
    singles.forEach((release) => release());
    (await batch)();
    (await late)();
    expect(order).toEqual(["batch", "late"]);
    expect(gate.inUse("me")).toBe(0);
  });
});
