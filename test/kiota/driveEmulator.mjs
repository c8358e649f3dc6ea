/**
 * A second, independent Graph client against the emulator (issue 12): Microsoft's Kiota-based TypeScript SDK
 * (@microsoft/msgraph-sdk + @microsoft/msgraph-sdk-users, ESM only), pointed at the emulator's real HTTP server.
 * Usage: node test/kiota/driveEmulator.mjs <baseUrl …/v1.0> <upn>. Prints one JSON object on stdout; the jest
 * test (test/kiota.contract.test.ts) asserts on it. Every call goes through the SDK's own URL templates,
 * serializers, parse nodes and error mapping — nothing here builds a URL or parses JSON by hand (except $batch
 * bodies, which msgraph-sdk-core hands back raw).
 */
import { BaseBearerTokenAuthenticationProvider } from "@microsoft/kiota-abstractions";
import { createGraphServiceClient, GraphRequestAdapter } from "@microsoft/msgraph-sdk";
import "@microsoft/msgraph-sdk-users";
import { BatchRequestContent } from "@microsoft/msgraph-sdk-core";
import { createODataErrorFromDiscriminatorValue } from "@microsoft/msgraph-sdk/models/oDataErrors/index.js";

const errors = { XXX: createODataErrorFromDiscriminatorValue };

const [baseUrl, upn] = process.argv.slice(2);
if (!baseUrl || !upn) throw new Error("usage: driveEmulator.mjs <baseUrl> <upn>");

// The emulator's dev token (emulator/README.md "Auth"); Kiota asks the provider for every request.
const tokens = { getAuthorizationToken: async () => `dev:${upn}`, getAllowedHostsValidator: () => ({ isUrlHostValid: () => true, getAllowedHosts: () => [], setAllowedHosts: () => undefined }) };
const adapter = new GraphRequestAdapter(new BaseBearerTokenAuthenticationProvider(tokens));
adapter.baseUrl = baseUrl;
const client = createGraphServiceClient(adapter);
const me = client.users.byUserId(upn);

const out = {};
/** Run one step; record its value or the SDK's ODataError (status, code, message). */
async function step(name, fn) {
  try {
    out[name] = { ok: true, value: await fn() };
  } catch (e) {
    // Kiota's ODataError keeps Graph's error object in `errorEscaped` (MainError: code, message).
    out[name] = { ok: false, status: e?.responseStatusCode, code: e?.errorEscaped?.code, message: e?.errorEscaped?.message ?? e?.message };
  }
  return out[name];
}

const TIER = "String {00020329-0000-0000-c000-000000000046} Name CustomerTier";
const PRODUCTS = "StringArray {00020329-0000-0000-c000-000000000046} Name IntendedProducts";

await step("me", async () => {
  const u = await client.me.get();
  return { id: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName };
});
await step("users", async () => {
  const r = await client.users.get({ queryParameters: { top: 2, select: ["displayName", "userPrincipalName"] } });
  return { count: r.value.length, keys: Object.keys(r.value[0]).filter((k) => r.value[0][k] !== undefined && k !== "additionalData" && k !== "backingStoreEnabled").sort(), nextLink: r.odataNextLink ?? null };
});
await step("folders", async () => {
  const r = await me.contactFolders.get();
  return r.value.map((f) => ({ id: f.id, displayName: f.displayName }));
});
// The default folder's id: any contact's parentFolderId (the well-known name `contacts` also addresses it).
const first = await step("list", async () => {
  const r = await me.contacts.get({ queryParameters: { top: 5, select: ["displayName", "emailAddresses", "parentFolderId"], orderby: ["displayName"] } });
  return { count: r.value.length, names: r.value.map((c) => c.displayName), firstEmail: r.value[0]?.emailAddresses?.[0]?.address ?? null, parentFolderId: r.value[0]?.parentFolderId, nextLink: r.odataNextLink ?? null };
});
const created = await step("create", async () => {
  const c = await me.contacts.post({
    givenName: "Kiota", surname: "Client", companyName: "Second Client Ltd", birthday: new Date("1990-05-01T00:00:00Z"),
    emailAddresses: [{ address: "kiota.client@example.com", name: "Kiota Client" }], businessPhones: ["+1 555 0100"],
    categories: ["VIP"], homeAddress: { city: "Seattle", countryOrRegion: "USA" },
    singleValueExtendedProperties: [{ id: TIER, value: "key" }], multiValueExtendedProperties: [{ id: PRODUCTS, value: ["PLC", "Servo"] }],
  });
  return { id: c.id, displayName: c.displayName, birthday: c.birthday?.toISOString(), email: c.emailAddresses?.[0]?.address, city: c.homeAddress?.city, changeKey: c.changeKey, etag: c.additionalData?.["@odata.etag"] ?? null, categories: c.categories };
});
const id = created.value?.id;
await step("get", async () => {
  const c = await me.contacts.byContactId(id).get({ queryParameters: { select: ["displayName", "companyName"] } });
  return { id: c.id, displayName: c.displayName, companyName: c.companyName, jobTitle: c.jobTitle ?? null };
});
await step("expand", async () => {
  const c = await me.contacts.byContactId(id).get({ queryParameters: { expand: [`singleValueExtendedProperties($filter=id eq '${TIER}')`, `multiValueExtendedProperties($filter=id eq '${PRODUCTS}')`] } });
  return { single: c.singleValueExtendedProperties?.map((p) => [p.id, p.value]), multi: c.multiValueExtendedProperties?.map((p) => [p.id, p.value]) };
});
await step("update", async () => {
  const c = await me.contacts.byContactId(id).patch({ jobTitle: "Buyer", singleValueExtendedProperties: [{ id: TIER, value: "regular" }] });
  return { jobTitle: c.jobTitle, displayName: c.displayName, changeKey: c.changeKey };
});
await step("getAfterUpdate", async () => {
  const c = await me.contacts.byContactId(id).get({ queryParameters: { expand: [`singleValueExtendedProperties($filter=id eq '${TIER}')`] } });
  return { jobTitle: c.jobTitle, tier: c.singleValueExtendedProperties?.[0]?.value };
});
const folderId = first.value?.parentFolderId;
await step("delta", async () => {
  const d = me.contactFolders.byContactFolderId(folderId).contacts.delta;
  let r = await d.get({ queryParameters: { select: ["displayName"] } });
  let n = r.value.length;
  let pages = 1;
  while (r.odataNextLink) { r = await d.withUrl(r.odataNextLink).get(); n += r.value.length; pages++; }
  const deltaLink = r.odataDeltaLink;
  await me.contacts.post({ givenName: "AfterDelta" });
  const again = await d.withUrl(deltaLink).get();
  return { initial: n, pages, hasDeltaLink: !!deltaLink, changed: again.value.map((c) => c.displayName) };
});
await step("delete", async () => {
  await me.contacts.byContactId(id).delete();
  try { await me.contacts.byContactId(id).get(); return { after: "still there" }; } catch (e) { return { after: e.responseStatusCode, code: e.errorEscaped?.code }; }
});
await step("notFound", async () => me.contacts.byContactId("does-not-exist").get());
await step("batch", async () => {
  const batch = new BatchRequestContent(adapter, errors);
  batch.addBatchRequest(client.me.toGetRequestInformation({ queryParameters: { select: ["displayName"] } }), "me");
  batch.addBatchRequest(me.contacts.toGetRequestInformation({ queryParameters: { top: 2, select: ["displayName"] } }), "contacts");
  batch.addBatchRequest(me.contacts.byContactId("does-not-exist").toGetRequestInformation(), "missing");
  const res = await batch.postAsync();
  const statuses = Object.fromEntries([...(await res.getResponsesStatusCodes()).entries()]);
  // (This core reads each sub-response `body` as base64 bytes — getByteArrayValue — while Graph sends JSON bodies
  // as JSON objects (json-batching.md "Response format"), so only the statuses are compared here.)
  return { statuses };
});
// msgraph-sdk-core (this version) drops every sub-request's headers (BatchRequestStep.js
// convertRequestInformationToBatchItem: `let headers; if (headers !== undefined) …`), so a write carries a body
// without Content-Type — which Graph refuses for the whole batch (msgraph-sdk-dotnet #1038, #2628:
// "Write request id : … does not contain Content-Type header or body.").
await step("batchWrite", async () => {
  const batch = new BatchRequestContent(adapter, errors);
  batch.addBatchRequest(me.contacts.toPostRequestInformation({ givenName: "Batched" }), "create");
  return await batch.postAsync();
});
await step("messages", async () => {
  const r = await me.messages.get({ queryParameters: { top: 3, select: ["subject", "from", "conversationId", "receivedDateTime"], orderby: ["receivedDateTime desc"] } });
  const conv = r.value[0].conversationId;
  const thread = await me.messages.get({ queryParameters: { filter: `conversationId eq '${conv}'`, select: ["subject"] } });
  const one = await me.messages.byMessageId(r.value[0].id).get({ queryParameters: { select: ["subject", "toRecipients"] } });
  return { count: r.value.length, fromIsRecipient: typeof r.value[0].from?.emailAddress?.address === "string", received: r.value[0].receivedDateTime instanceof Date, thread: thread.value.length, subject: one.subject, to: one.toRecipients?.length ?? 0 };
});
await step("todo", async () => {
  const lists = await me.todo.lists.get();
  const def = lists.value.find((l) => l.wellknownListName === "defaultList");
  const tasks = me.todo.lists.byTodoTaskListId(def.id).tasks;
  const t = await tasks.post({
    title: "Call back Kiota", importance: "high", isReminderOn: true,
    dueDateTime: { dateTime: "2026-03-12T09:00:00", timeZone: "UTC" }, body: { content: "notes", contentType: "text" },
    linkedResources: [{ applicationName: "Customer Follow-up", displayName: "Kiota Client", webUrl: "https://localhost:3000/taskpane.html" }],
  });
  const got = await tasks.byTodoTaskId(t.id).get({ queryParameters: { expand: ["linkedResources"] } });
  const done = await tasks.byTodoTaskId(t.id).patch({ status: "completed" });
  const links = await tasks.byTodoTaskId(t.id).linkedResources.get();
  await tasks.byTodoTaskId(t.id).delete();
  return {
    defaultList: !!def, importance: t.importance, due: t.dueDateTime?.dateTime, links: got.linkedResources?.map((l) => l.applicationName),
    status: done.status, completed: !!done.completedDateTime?.dateTime, hasAttachments: got.hasAttachments, bodyLastModified: got.bodyLastModifiedDateTime instanceof Date,
    linkType: links.value[0]?.odataType ?? null,
  };
});
await step("categories", async () => {
  const r = await me.outlook.masterCategories.get();
  return r.value.map((c) => c.displayName);
});

process.stdout.write(JSON.stringify(out));
