/**
 * Calendar events (issue 13 item 2: planned visits on the salesperson's calendar), kept in their own module with a
 * small routing hook in graph.ts. Pages of microsoftgraph/microsoft-graph-docs-contrib:
 *  - resources/event.md (properties; start/end "By default … in UTC"), resources/datetimetimezone.md (time zones),
 *  - api/user-post-events.md (POST /me/events, /users/{id}/events, /me/calendar/events → 201 + event),
 *  - api/user-list-events.md, api/event-get.md (GET; `Prefer: outlook.timezone` for start/end),
 *  - api/event-update.md (PATCH → 200 + event; unsent properties keep their values),
 *  - api/event-delete.md (DELETE → 204),
 *  - api/singlevaluelegacyextendedproperty-post-singlevalueextendedproperties.md (extended properties created with the
 *    event or by PATCH, not echoed in the response), api/singlevaluelegacyextendedproperty-get.md (`$expand` with
 *    `$filter=id eq`, and `$filter=singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')` on events).
 * Only the user's own default calendar: another user's events need a shared calendar and Calendars.*.Shared, which
 * this emulator does not model → 403 (never more lenient than Graph).
 */
import { GraphError, badRequest, notFound, notImplemented } from "./errors";
import { readPropsFromBody } from "./extprops";
import { compileExtendedPropertyFilter, expandIds } from "./filters";
import { parseExpand, parseSelect } from "./odata";
import { Doc, Store, changeKey } from "./store";
import { BODY_TYPE, ComplexT, DATE_TIME_TIME_ZONE, EMAIL_ADDRESS, EnumT, IMPORTANCE, ITEM_BODY, PHYSICAL_ADDRESS, Prop, checkObject, enumValue } from "./validate";

export interface EventsCtx {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
  origin: string;
  caller: Doc;
}
interface Resp { status: number; body?: unknown; headers?: Record<string, string> }

const SCHEMA = `CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, owner TEXT NOT NULL COLLATE NOCASE, seq INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_owner ON events(owner, seq);`;

// ------------------------------------------------------------------ types (resources/event.md, location.md, attendee.md)
const S: Prop = { type: "Edm.String" };
const SC: Prop = { type: "Edm.String", collection: true };
const B: Prop = { type: "Edm.Boolean", nullable: false };
const LOCATION_TYPE: EnumT = { enum: "locationType", members: ["default", "conferenceRoom", "homeAddress", "businessAddress", "geoCoordinates", "streetAddress", "hotel", "restaurant", "localBusiness", "postalAddress"] };
const LOCATION_UNIQUE_ID_TYPE: EnumT = { enum: "locationUniqueIdType", members: ["unknown", "locationStore", "directory", "private", "bing"] };
const FREE_BUSY: EnumT = { enum: "freeBusyStatus", members: ["unknown", "free", "tentative", "busy", "oof", "workingElsewhere"] };
const SENSITIVITY: EnumT = { enum: "sensitivity", members: ["normal", "personal", "private", "confidential"] };
const ATTENDEE_TYPE: EnumT = { enum: "attendeeType", members: ["required", "optional", "resource"] };
const LOCATION: ComplexT = {
  complex: "location",
  props: { displayName: S, locationEmailAddress: S, locationUri: S, locationType: { type: LOCATION_TYPE }, uniqueId: S, uniqueIdType: { type: LOCATION_UNIQUE_ID_TYPE }, address: { type: PHYSICAL_ADDRESS } },
};
const ATTENDEE: ComplexT = { complex: "attendee", props: { emailAddress: { type: EMAIL_ADDRESS }, type: { type: ATTENDEE_TYPE } } };
export const EVENT: ComplexT = {
  complex: "event",
  props: {
    id: S, changeKey: S, createdDateTime: { type: "Edm.DateTimeOffset" }, lastModifiedDateTime: { type: "Edm.DateTimeOffset" }, categories: SC,
    subject: S, body: { type: ITEM_BODY }, start: { type: DATE_TIME_TIME_ZONE }, end: { type: DATE_TIME_TIME_ZONE },
    location: { type: LOCATION }, locations: { type: LOCATION, collection: true }, attendees: { type: ATTENDEE, collection: true },
    isReminderOn: B, reminderMinutesBeforeStart: { type: "Edm.Int32", nullable: false }, showAs: { type: FREE_BUSY }, importance: { type: IMPORTANCE },
    sensitivity: { type: SENSITIVITY }, isAllDay: B, allowNewTimeProposals: B, responseRequested: B, isOnlineMeeting: B, hideAttendees: B,
    // recurrence is checked by hand (patternedRecurrence is outside the subset → 501).
  },
};
/** Writable subset; read-only properties in a body are ignored, as for contacts (contact-update.md). */
const WRITABLE = new Set(["categories", "subject", "body", "start", "end", "location", "locations", "attendees", "isReminderOn", "reminderMinutesBeforeStart", "showAs", "importance", "sensitivity", "isAllDay", "allowNewTimeProposals", "responseRequested", "isOnlineMeeting", "hideAttendees"]);
const READ_ONLY = new Set(["id", "changeKey", "createdDateTime", "lastModifiedDateTime"]);
const EXT_NAVS = ["singleValueExtendedProperties", "multiValueExtendedProperties", "recurrence"];

/** event properties (resources/event.md) the emulator returns; `$select` of anything else → 400. */
export const EVENT_PROPS = [
  "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "transactionId", "originalStartTimeZone", "originalEndTimeZone",
  "iCalUId", "reminderMinutesBeforeStart", "isReminderOn", "hasAttachments", "subject", "bodyPreview", "importance", "sensitivity", "isAllDay",
  "isCancelled", "isOrganizer", "responseRequested", "seriesMasterId", "showAs", "type", "webLink", "onlineMeetingUrl", "isOnlineMeeting",
  "onlineMeetingProvider", "allowNewTimeProposals", "isDraft", "hideAttendees", "responseStatus", "body", "start", "end", "location", "locations",
  "recurrence", "attendees", "organizer", "onlineMeeting",
];

// ------------------------------------------------------------------ time zones (resources/datetimetimezone.md)
/**
 * Windows time zone ids the emulator knows, with the IANA zone used to compute instants (CLDR windowsZones.xml,
 * territory 001). Graph accepts every Windows zone; an id missing here is refused — stricter, never more lenient.
 */
const WINDOWS_TO_IANA: Record<string, string> = {
  "UTC": "UTC", "GMT Standard Time": "Europe/London", "Greenwich Standard Time": "Atlantic/Reykjavik",
  "W. Europe Standard Time": "Europe/Berlin", "Romance Standard Time": "Europe/Paris", "Central European Standard Time": "Europe/Warsaw",
  "Central Europe Standard Time": "Europe/Budapest", "GTB Standard Time": "Europe/Bucharest", "FLE Standard Time": "Europe/Kiev", "Russian Standard Time": "Europe/Moscow",
  "Eastern Standard Time": "America/New_York", "Central Standard Time": "America/Chicago", "Mountain Standard Time": "America/Denver",
  "US Mountain Standard Time": "America/Phoenix", "Pacific Standard Time": "America/Los_Angeles", "Alaskan Standard Time": "America/Anchorage",
  "Hawaiian Standard Time": "Pacific/Honolulu", "Central Standard Time (Mexico)": "America/Mexico_City", "E. South America Standard Time": "America/Sao_Paulo",
  "China Standard Time": "Asia/Shanghai", "Taipei Standard Time": "Asia/Taipei", "Singapore Standard Time": "Asia/Singapore",
  "Tokyo Standard Time": "Asia/Tokyo", "Korea Standard Time": "Asia/Seoul", "SE Asia Standard Time": "Asia/Bangkok",
  "India Standard Time": "Asia/Kolkata", "Arabian Standard Time": "Asia/Dubai", "Central Asia Standard Time": "Asia/Almaty",
  "AUS Eastern Standard Time": "Australia/Sydney", "W. Australia Standard Time": "Australia/Perth", "New Zealand Standard Time": "Pacific/Auckland",
};
/** The IANA names datetimetimezone.md lists as accepted besides the Windows ones. */
const DOCUMENTED_IANA = new Set([
  "Etc/GMT+12", "Etc/GMT+11", "Pacific/Honolulu", "America/Anchorage", "America/Santa_Isabel", "America/Los_Angeles", "America/Phoenix",
  "America/Chihuahua", "America/Denver", "America/Guatemala", "America/Chicago", "America/Mexico_City", "America/Regina", "America/Bogota",
  "America/New_York", "America/Indiana/Indianapolis", "America/Caracas", "America/Asuncion", "America/Halifax", "America/Cuiaba", "America/La_Paz",
  "America/Santiago", "America/St_Johns", "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Cayenne", "America/Godthab",
  "America/Montevideo", "America/Bahia", "Etc/GMT+2", "Atlantic/Azores", "Atlantic/Cape_Verde", "Africa/Casablanca", "Etc/GMT", "Europe/London",
  "Atlantic/Reykjavik", "Europe/Berlin", "Europe/Budapest", "Europe/Paris", "Europe/Warsaw", "Africa/Lagos", "Africa/Windhoek", "Europe/Bucharest",
  "Asia/Beirut", "Africa/Cairo", "Asia/Damascus", "Africa/Johannesburg", "Europe/Kyiv", "Europe/Kiev", "Europe/Istanbul", "Asia/Jerusalem", "Asia/Amman",
  "Asia/Baghdad", "Europe/Kaliningrad", "Asia/Riyadh", "Africa/Nairobi", "Asia/Tehran", "Asia/Dubai", "Asia/Baku", "Europe/Moscow", "Indian/Mauritius",
  "Asia/Tbilisi", "Asia/Yerevan", "Asia/Kabul", "Asia/Karachi", "Asia/Tashkent", "Asia/Kolkata", "Asia/Colombo", "Asia/Kathmandu", "Asia/Almaty",
  "Asia/Dhaka", "Asia/Yekaterinburg", "Asia/Yangon", "Asia/Rangoon", "Asia/Bangkok", "Asia/Novosibirsk", "Asia/Shanghai", "Asia/Krasnoyarsk",
  "Asia/Singapore", "Australia/Perth", "Asia/Taipei", "Asia/Ulaanbaatar", "Asia/Irkutsk", "Asia/Tokyo", "Asia/Seoul", "Australia/Adelaide",
  "Australia/Darwin", "Australia/Brisbane", "Australia/Sydney", "Pacific/Port_Moresby", "Australia/Hobart", "Asia/Yakutsk", "Pacific/Guadalcanal",
  "Asia/Vladivostok", "Pacific/Auckland", "Etc/GMT-12", "Pacific/Fiji", "Asia/Magadan", "Pacific/Tongatapu", "Pacific/Apia", "Pacific/Kiritimati",
]);

/** The IANA zone behind a dateTimeTimeZone's timeZone, or undefined when Graph would refuse it (as far as known). */
function ianaOf(tz: string): string | undefined {
  const win = Object.keys(WINDOWS_TO_IANA).find((k) => k.toLowerCase() === tz.toLowerCase());
  if (win) return WINDOWS_TO_IANA[win];
  return DOCUMENTED_IANA.has(tz) ? tz : undefined;
}

function tzNotSupported(tz: string): GraphError {
  // Graph's answer to an unknown zone (microsoft-graph-docs #4758, quoted response).
  return new GraphError(400, "TimeZoneNotSupportedException", `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${tz}'.`);
}

const offsetFmt = new Map<string, Intl.DateTimeFormat>();
function offsetMs(ms: number, iana: string): number {
  let f = offsetFmt.get(iana);
  if (!f) offsetFmt.set(iana, (f = new Intl.DateTimeFormat("en-US", { timeZone: iana, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" })));
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** `<date>T<time>` (datetimetimezone.md: "combined date and time representation"), no offset of its own. */
const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;

function toInstant(name: string, v: unknown): { ms: number; tz: string } {
  const d = v as { dateTime?: unknown; timeZone?: unknown };
  if (!d || typeof d.dateTime !== "string") throw badRequest(`The ${name}.dateTime property is required.`, "ErrorInvalidRequest");
  const tz = typeof d.timeZone === "string" && d.timeZone ? d.timeZone : "UTC";
  const iana = ianaOf(tz);
  if (!iana) throw tzNotSupported(tz);
  const m = WALL.exec(d.dateTime);
  const wall = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), Math.floor(Number(`0.${m[7] ?? "0"}`) * 1000)) : NaN;
  if (!m || Number.isNaN(wall) || new Date(wall).getUTCDate() !== +m[3]!) {
    throw badRequest(`Cannot convert the literal '${d.dateTime}' to a date and time for '${name}'.`, "RequestBodyRead");
  }
  // Two passes settle the offset across a DST change.
  let ms = wall - offsetMs(wall, iana);
  ms = wall - offsetMs(ms, iana);
  return { ms, tz };
}

/** An instant as Graph writes a dateTimeTimeZone: seven fraction digits, in `tz` (UTC by default, event.md). */
function fromInstant(ms: number, tz: string): { dateTime: string; timeZone: string } {
  const iana = ianaOf(tz) ?? "UTC";
  const wall = new Date(ms + offsetMs(ms, iana)).toISOString().slice(0, 19);
  return { dateTime: `${wall}.0000000`, timeZone: iana === "UTC" ? "UTC" : tz };
}

/** `Prefer: outlook.timezone="…"` (api/event-get.md, user-post-events.md example): the zone for start/end in responses. */
function preferredZone(headers: Headers): string {
  const m = /outlook\.timezone\s*=\s*"?([^",]+)"?/i.exec(headers.get("prefer") ?? "");
  const tz = m?.[1]?.trim();
  return tz && ianaOf(tz) ? tz : "UTC";
}

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");

// ------------------------------------------------------------------ handler
export class Events {
  constructor(private readonly store: Store, private readonly now: () => Date) {
    store.db.exec(SCHEMA);
  }

  private st(sql: string) {
    return this.store.db.prepare(sql);
  }
  private row(id: string): { owner: string; doc: Doc } | undefined {
    const r = this.st("SELECT owner, doc FROM events WHERE id=?").get(id) as { owner: string; doc: string } | undefined;
    return r ? { owner: r.owner, doc: JSON.parse(r.doc) as Doc } : undefined;
  }
  private rows(owner: string): Doc[] {
    return (this.st("SELECT doc FROM events WHERE owner=? ORDER BY seq").all(owner) as { doc: string }[]).map((r) => JSON.parse(r.doc) as Doc);
  }
  /** Every event of a mailbox (tests read what the add-in wrote). */
  all(owner: string): Doc[] {
    return this.rows(owner);
  }

  /**
   * `/me/events…`, `/me/calendar/events…`, `/users/{id}/…` — `rest` starts at "events" or "calendar".
   * `options(allowed)` checks the request's query options (query.ts) the way every GET handler does.
   */
  route(ctx: EventsCtx, upn: string, self: boolean, rest: string[], options: (allowed: string[]) => void): Resp {
    let r = rest;
    if (r[0] === "calendar") {
      if (r.length === 1) throw notImplemented("the calendar resource");
      r = r.slice(1);
    }
    if (r[0] !== "events" || r.length > 2) throw notImplemented(`'${ctx.method} /${rest.join("/")}'`);
    // Another user's calendar needs delegation/sharing and Calendars.*.Shared (not modelled): access denied.
    if (!self) throw new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    const id = r[1];
    const m = ctx.method;
    if (id === undefined) {
      if (m === "GET") return this.list(ctx, upn, options);
      if (m === "POST") return this.create(ctx, upn);
      throw methodNotAllowed();
    }
    const found = this.row(id);
    if (!found || found.owner.toLowerCase() !== upn.toLowerCase()) throw notFound();
    if (m === "GET") {
      options(["$select", "$expand"]);
      return { status: 200, body: this.out(found.doc, ctx) };
    }
    if (m === "PATCH") return this.update(ctx, found.doc);
    if (m === "DELETE") {
      this.checkIfMatch(ctx, found.doc);
      this.store.tx(() => {
        this.st("DELETE FROM events WHERE id=?").run(id);
        this.st("DELETE FROM props WHERE item=?").run(id);
      });
      return { status: 204 };
    }
    throw methodNotAllowed();
  }

  private list(ctx: EventsCtx, upn: string, options: (allowed: string[]) => void): Resp {
    options(["$select", "$top", "$skip", "$filter", "$expand"]);
    const q = ctx.url.searchParams;
    let docs = this.rows(upn);
    const filter = q.get("$filter");
    if (filter) {
      // Only the extended-property form is documented for events here (singlevaluelegacyextendedproperty-get.md).
      const c = compileExtendedPropertyFilter(filter, "event");
      const props = this.store.props(docs.map((d) => String(d.id)), c.pids);
      docs = docs.filter((d) => c.pred({ doc: d }, props.get(String(d.id))));
    }
    const top = q.get("$top");
    // $top 1–1000 like the other Outlook collections (user-list-messages.md); default page 10 (user-list-events.md).
    if (top !== null && (!/^\d+$/.test(top) || +top < 1 || +top > 1000)) throw badRequest(`Invalid $top value '${top}': the value must be between 1 and 1000.`, "ErrorInvalidUrlQuery");
    const skipRaw = q.get("$skip");
    if (skipRaw !== null && !/^\d+$/.test(skipRaw)) throw badRequest(`Invalid $skip value '${skipRaw}'.`, "ErrorInvalidUrlQuery");
    const n = top === null ? 10 : +top;
    const skip = skipRaw === null ? 0 : +skipRaw;
    const page = docs.slice(skip, skip + n).map((d) => this.out(d, ctx));
    const body: Doc = { value: page };
    if (skip + n < docs.length) {
      const u = new URL(ctx.url.toString());
      u.searchParams.set("$skip", String(skip + n));
      body["@odata.nextLink"] = `${ctx.origin}${u.pathname}?${[...u.searchParams.entries()].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`;
    }
    return { status: 200, body };
  }

  private create(ctx: EventsCtx, upn: string): Resp {
    const b = this.bodyObject(ctx);
    const now = iso(this.now());
    const id = this.store.newId("event");
    const caller = ctx.caller;
    const doc: Doc = {
      id, createdDateTime: now, lastModifiedDateTime: now, changeKey: changeKey(), categories: [], transactionId: null,
      iCalUId: `040000008200E00074C5B7101A82E008${Buffer.from(id).toString("hex").slice(0, 64).toUpperCase()}`,
      reminderMinutesBeforeStart: 15, isReminderOn: true, hasAttachments: false, subject: "", bodyPreview: "", importance: "normal",
      sensitivity: "normal", isAllDay: false, isCancelled: false, isOrganizer: true, responseRequested: true, seriesMasterId: null, showAs: "busy",
      type: "singleInstance", webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
      onlineMeetingUrl: null, isOnlineMeeting: false, onlineMeetingProvider: "unknown", allowNewTimeProposals: true, isDraft: false, hideAttendees: false,
      responseStatus: { response: "organizer", time: "0001-01-01T00:00:00Z" }, body: { contentType: "html", content: "" },
      location: emptyLocation(), locations: [], recurrence: null, attendees: [], onlineMeeting: null,
      organizer: { emailAddress: { name: String(caller.displayName ?? ""), address: String(caller.mail ?? caller.userPrincipalName) } },
    };
    // Start and end are required to create an event here (Graph's answer without them is undocumented: stricter).
    if (b.start === undefined || b.end === undefined) throw badRequest("The event needs both start and end.", "ErrorInvalidRequest");
    const props = this.apply(doc, b);
    this.store.tx(() => {
      this.st("INSERT INTO events(id, owner, seq, doc) VALUES(?,?,?,?)").run(id, upn, this.store.nextSeq(), JSON.stringify(doc));
      for (const p of props) this.store.setProp(id, p.id, p.single, p.value);
    });
    // 201 with the event, without the extended properties (S7).
    return { status: 201, body: this.out(doc, ctx, false) };
  }

  private update(ctx: EventsCtx, doc: Doc): Resp {
    this.checkIfMatch(ctx, doc);
    const b = this.bodyObject(ctx);
    const props = this.apply(doc, b);
    doc.lastModifiedDateTime = iso(this.now());
    doc.changeKey = changeKey();
    this.store.tx(() => {
      this.st("UPDATE events SET doc=? WHERE id=?").run(JSON.stringify(doc), doc.id);
      for (const p of props) this.store.setProp(String(doc.id), p.id, p.single, p.value);
    });
    return { status: 200, body: this.out(doc, ctx, false) };
  }

  /** If-Match with a stale etag → 412, like contacts (errors.md "Precondition Failed"); none or `*` applies. */
  private checkIfMatch(ctx: EventsCtx, doc: Doc): void {
    const im = ctx.headers.get("if-match");
    if (!im || im.trim() === "*") return;
    if (im.trim() !== `W/"${String(doc.changeKey)}"`) {
      throw new GraphError(412, "ErrorIrresolvableConflict", "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.");
    }
  }

  /** Validates the whole body first (nothing is written on an error), then copies it onto `doc`. */
  private apply(doc: Doc, b: Doc): ReturnType<typeof readPropsFromBody> {
    checkObject(b, EVENT, EXT_NAVS);
    if (b.recurrence !== undefined && b.recurrence !== null) throw notImplemented("recurring events (patternedRecurrence)");
    const props = readPropsFromBody(b);
    const next: Doc = { ...doc };
    for (const [k, v] of Object.entries(b)) {
      if (k.startsWith("@odata.") || k.includes("@") || EXT_NAVS.includes(k) || READ_ONLY.has(k)) continue;
      if (!WRITABLE.has(k)) continue;
      if (k === "start" || k === "end") {
        const { ms, tz } = toInstant(k, v);
        next[`${k}Ms`] = ms;
        next[k === "start" ? "originalStartTimeZone" : "originalEndTimeZone"] = tz;
      } else if (k === "location") {
        // "If you update the location property, any prior locations in the locations collection would be removed and
        // replaced by the new location value" (event.md).
        const loc = locationOut(v as Doc | null);
        next.location = loc;
        next.locations = loc.displayName ? [{ displayName: loc.displayName, locationType: loc.locationType, uniqueIdType: "unknown" }] : [];
      } else if (k === "body") {
        const body = v as { content?: string; contentType?: string } | null;
        const content = body?.content ?? "";
        next.body = { contentType: enumValue(BODY_TYPE, body?.contentType ?? "text"), content };
        next.bodyPreview = content.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 255);
      } else if (k === "reminderMinutesBeforeStart") {
        if ((v as number) < 0) throw badRequest("reminderMinutesBeforeStart must not be negative.", "ErrorInvalidRequest");
        next[k] = v;
      } else if (k === "showAs") next[k] = enumValue(FREE_BUSY, String(v));
      else if (k === "importance") next[k] = enumValue(IMPORTANCE, String(v));
      else if (k === "sensitivity") next[k] = enumValue(SENSITIVITY, String(v));
      else next[k] = v;
    }
    if (typeof next.startMs === "number" && typeof next.endMs === "number" && next.endMs < next.startMs) {
      // Graph refuses an end before the start (message not documented; the code is the Outlook validation one).
      throw badRequest("The end time of the event must be on or after its start time.", "ErrorPropertyValidationFailure");
    }
    Object.assign(doc, next);
    return props;
  }

  /** The event as Graph returns it: start/end in UTC unless `Prefer: outlook.timezone` (event.md, event-get.md). */
  private out(doc: Doc, ctx: EventsCtx, expand = true): Doc {
    const tz = preferredZone(ctx.headers);
    const { startMs, endMs, ...rest } = doc;
    const d: Doc = { "@odata.etag": `W/"${String(doc.changeKey)}"`, ...rest, start: fromInstant(startMs as number, tz), end: fromInstant(endMs as number, tz) };
    if (expand) this.expand(d, ctx);
    const sel = ctx.method === "GET" ? parseSelect(ctx.url.searchParams.get("$select")) : null;
    if (!sel) return d;
    for (const s of sel) {
      if (s === "*" || EVENT_PROPS.includes(s)) continue;
      if (/ExtendedProperties$/.test(s)) throw badRequest(`'${s}' is a navigation property and cannot be used in $select; use $expand=${s}($filter=id eq '…') (singlevaluelegacyextendedproperty-get.md).`);
      throw badRequest(`Could not find a property named '${s}' on type 'microsoft.graph.event'.`);
    }
    if (sel.includes("*")) return d;
    const o: Doc = { "@odata.etag": d["@odata.etag"], id: d.id };
    for (const s of sel) o[s] = d[s];
    for (const k of Object.keys(d)) if (k.includes("ExtendedProperties")) o[k] = d[k];
    return o;
  }

  /** `$expand` of extended properties, only with `($filter=id eq …)` (extended-properties-overview.md, S6, S8). */
  private expand(d: Doc, ctx: EventsCtx): void {
    const raw = ctx.method === "GET" ? ctx.url.searchParams.get("$expand") : null;
    if (raw === null) return;
    const base = `${ctx.origin}/v1.0/$metadata#users('${encodeURIComponent(String(ctx.caller.userPrincipalName))}')/events('${encodeURIComponent(String(d.id))}')`;
    for (const it of parseExpand(raw)) {
      const nav = it.nav.toLowerCase() === "singlevalueextendedproperties" ? "singleValueExtendedProperties" : it.nav.toLowerCase() === "multivalueextendedproperties" ? "multiValueExtendedProperties" : null;
      if (!nav) throw notImplemented(`$expand=${it.nav} on event`);
      if (it.filter === undefined) throw badRequest(`$expand=${it.nav} requires a $filter naming the property ids (extended-properties-overview.md).`, "ErrorInvalidRequest");
      const ids = expandIds(it.filter, nav);
      const p = this.store.props([String(d.id)], ids).get(String(d.id));
      const single = nav === "singleValueExtendedProperties";
      const v = ids.filter((pid) => p?.get(pid) && p.get(pid)!.single === single).map((pid) => ({ id: pid, value: p!.get(pid)!.value }));
      if (v.length) {
        d[`${nav}@odata.context`] = `${base}/${nav}`;
        d[nav] = v;
      }
    }
  }

  private bodyObject(ctx: EventsCtx): Doc {
    const b = ctx.body;
    if (!b || typeof b !== "object" || Array.isArray(b)) throw badRequest("Empty Payload. JSON content expected.", "BadRequest");
    return b as Doc;
  }
}

function emptyLocation(): Doc {
  return { displayName: "", locationType: "default", uniqueIdType: "unknown", address: {}, coordinates: {} };
}

function locationOut(v: Doc | null): Doc {
  if (!v) return emptyLocation();
  const name = typeof v.displayName === "string" ? v.displayName : "";
  // A named location comes back with uniqueId = its name, uniqueIdType "private" (user-post-events.md response 1).
  return { displayName: name, locationType: enumValue(LOCATION_TYPE, String(v.locationType ?? "default")), ...(name ? { uniqueId: name, uniqueIdType: "private" } : { uniqueIdType: "unknown" }), address: v.address ?? {}, coordinates: {} };
}

function methodNotAllowed(): GraphError {
  return new GraphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
}
