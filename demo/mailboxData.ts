/** The signed-in user's messages, read from the Graph emulator the demo's dev server mounts at /v1.0. */
export interface Address {
  name: string;
  address: string;
}

export interface FakeMessage {
  /** Emulator (REST) id. */
  restId: string;
  subject: string;
  from: Address | null;
  to: Address[];
  cc: Address[];
  conversationId: string;
  isDraft: boolean;
}

interface GraphRecipient {
  emailAddress?: { name?: string; address?: string };
}

interface GraphMessage {
  id: string;
  subject?: string;
  from?: GraphRecipient;
  toRecipients?: GraphRecipient[];
  ccRecipients?: GraphRecipient[];
  conversationId?: string;
  isDraft?: boolean;
}

/**
 * fetch, sent again after a 429 (or a 503 on a read), waiting Retry-After seconds, at most 5 tries. The fake host reads the mailbox through
 * the same emulator as the add-in, which counts both against one mailbox's 4 concurrent requests (emulator
 * index.ts, throttling-outlook.md); real Outlook does not spend the add-in's Graph budget, so the host waits its turn
 * instead of showing an empty mailbox when the pane's start-up requests happen to fill the budget.
 */
async function fetchPatiently(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, init);
    // 429: not executed, safe to send again; 503 only for reads (a send may have gone through).
    const again = res.status === 429 || (res.status === 503 && (init.method ?? "GET") === "GET");
    if (!again || attempt >= 5) return res;
    const seconds = Number(res.headers.get("Retry-After"));
    await new Promise((r) => setTimeout(r, Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 5) * 1000 : 200 * attempt));
  }
}

function toAddress(r: GraphRecipient | undefined): Address | null {
  const a = r?.emailAddress?.address;
  return a ? { name: r?.emailAddress?.name || a, address: a } : null;
}

function toAddresses(list: GraphRecipient[] | undefined): Address[] {
  return (list ?? []).map(toAddress).filter((a): a is Address => a !== null);
}

/** Up to 100 messages (Outlook's multi-select limit is 100 too). */
export async function fetchMessages(upn: string, origin = window.location.origin): Promise<FakeMessage[]> {
  const url =
    `${origin}/v1.0/me/messages?$select=subject,from,toRecipients,ccRecipients,conversationId,isDraft&$top=100`;
  const res = await fetchPatiently(url, { headers: { Authorization: `Bearer dev:${upn}`, Accept: "application/json" } });
  if (!res.ok) throw new Error(`The Graph emulator answered ${res.status}`);
  const body = (await res.json()) as { value?: GraphMessage[] };
  return (body.value ?? []).map((m) => ({
    restId: m.id,
    subject: m.subject ?? "",
    from: toAddress(m.from),
    to: toAddresses(m.toRecipients),
    cc: toAddresses(m.ccRecipients),
    conversationId: m.conversationId ?? "",
    isDraft: Boolean(m.isDraft),
  }));
}

/** One message's body (the fake host is Outlook: it reads what the add-in itself may not). */
export async function fetchBody(upn: string, restId: string, origin = window.location.origin): Promise<string> {
  const res = await fetchPatiently(`${origin}/v1.0/me/messages/${encodeURIComponent(restId)}?$select=body`, {
    headers: { Authorization: `Bearer dev:${upn}`, Accept: "application/json" },
  });
  if (!res.ok) throw new Error(`The Graph emulator answered ${res.status}`);
  const body = (await res.json()) as { body?: { content?: string } };
  return body.body?.content ?? "";
}

/**
 * Sends a form the user filled in the fake new-message window, as Outlook would: POST /me/sendMail
 * (api/user-sendmail.md, 202), so it lands in the sender's Sent Items and the recipients' Inboxes.
 */
export async function sendMessage(upn: string, form: { toRecipients: string[]; subject: string; htmlBody: string }, origin = window.location.origin): Promise<void> {
  const res = await fetchPatiently(`${origin}/v1.0/me/sendMail`, {
    method: "POST",
    headers: { Authorization: `Bearer dev:${upn}`, "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({
      message: {
        subject: form.subject,
        body: { contentType: "HTML", content: form.htmlBody },
        toRecipients: form.toRecipients.filter(Boolean).map((address) => ({ emailAddress: { address } })),
      },
    }),
  });
  if (res.status !== 202) {
    const err = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new Error(err.error?.message ?? `The Graph emulator answered ${res.status}`);
  }
}
