/**
 * SQLite storage (better-sqlite3). Each Outlook item is one JSON document row; extended properties are rows in
 * `props` (one per item+property id) so `$expand` of a few ids over a 1000-item page is one indexed query.
 * A per-folder change log (`changes`) backs contact delta.
 */
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

export type Doc = Record<string, unknown>;
export interface ContactRow { id: string; owner: string; folder: string; seq: number; doc: Doc }
export interface FolderRow { id: string; owner: string; parent: string | null; isDefault: boolean; displayName: string }

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, upn TEXT NOT NULL UNIQUE COLLATE NOCASE, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS folders (id TEXT PRIMARY KEY, owner TEXT NOT NULL, parent TEXT, is_default INTEGER NOT NULL,
  display_name TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS folders_owner ON folders(owner, parent);
CREATE TABLE IF NOT EXISTS contacts (id TEXT PRIMARY KEY, owner TEXT NOT NULL, folder TEXT NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS contacts_folder ON contacts(folder, seq);
CREATE TABLE IF NOT EXISTS props (item TEXT NOT NULL, pid TEXT NOT NULL, single INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (item, pid)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS props_pid ON props(pid);
CREATE TABLE IF NOT EXISTS changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, folder TEXT NOT NULL, item TEXT NOT NULL, op TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS changes_folder ON changes(folder, seq);
CREATE TABLE IF NOT EXISTS messages (id TEXT PRIMARY KEY, owner TEXT NOT NULL, conv TEXT NOT NULL, received TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS messages_owner ON messages(owner, received);
CREATE TABLE IF NOT EXISTS categories (id TEXT PRIMARY KEY, owner TEXT NOT NULL, name TEXT NOT NULL COLLATE NOCASE, color TEXT NOT NULL, seq INTEGER NOT NULL,
  UNIQUE (owner, name));
CREATE TABLE IF NOT EXISTS todo_lists (id TEXT PRIMARY KEY, owner TEXT NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS todo_tasks (id TEXT PRIMARY KEY, list TEXT NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS todo_tasks_list ON todo_tasks(list, seq);
CREATE TABLE IF NOT EXISTS shares (folder TEXT NOT NULL, grantee TEXT NOT NULL COLLATE NOCASE, role TEXT NOT NULL, PRIMARY KEY (folder, grantee));
`;

/** A contact row whose JSON document is parsed on first access (filters on extended properties never parse it). */
class LazyContactRow implements ContactRow {
  private parsed: Doc | undefined;
  constructor(readonly id: string, readonly owner: string, readonly folder: string, readonly seq: number, private readonly raw: string | (() => string)) {}
  get doc(): Doc { return (this.parsed ??= JSON.parse(typeof this.raw === "string" ? this.raw : this.raw()) as Doc); }
}

export class Store {
  readonly db: Database.Database;
  readonly isNew: boolean;
  private counter: number;
  private readonly st: Record<string, Database.Statement>;

  constructor(file: string) {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    const existed = !!this.db.prepare("SELECT name FROM sqlite_master WHERE name='meta'").get();
    this.db.exec(SCHEMA);
    this.isNew = !existed || !this.db.prepare("SELECT v FROM meta WHERE k='seeded'").get();
    const c = this.db.prepare("SELECT v FROM meta WHERE k='counter'").get() as { v: string } | undefined;
    this.counter = c ? Number(c.v) : 0;
    const p = (sql: string): Database.Statement => this.db.prepare(sql);
    this.st = {
      setMeta: p("INSERT INTO meta(k,v) VALUES(?,?) ON CONFLICT(k) DO UPDATE SET v=excluded.v"),
      getMeta: p("SELECT v FROM meta WHERE k=?"),
      insUser: p("INSERT INTO users(id,upn,doc) VALUES(?,?,?)"),
      userByKey: p("SELECT doc FROM users WHERE id=? OR upn=?"),
      users: p("SELECT doc FROM users ORDER BY rowid"),
      insFolder: p("INSERT INTO folders(id,owner,parent,is_default,display_name,seq) VALUES(?,?,?,?,?,?)"),
      folder: p("SELECT id,owner,parent,is_default,display_name FROM folders WHERE id=?"),
      defaultFolder: p("SELECT id,owner,parent,is_default,display_name FROM folders WHERE owner=? AND is_default=1"),
      childFolders: p("SELECT id,owner,parent,is_default,display_name FROM folders WHERE owner=? AND parent=? ORDER BY seq"),
      renameFolder: p("UPDATE folders SET display_name=? WHERE id=?"),
      insContact: p("INSERT INTO contacts(id,owner,folder,seq,doc) VALUES(?,?,?,?,?)"),
      contact: p("SELECT id,owner,folder,seq,doc FROM contacts WHERE id=?"),
      updContact: p("UPDATE contacts SET doc=? WHERE id=?"),
      delContact: p("DELETE FROM contacts WHERE id=?"),
      folderContacts: p("SELECT id,owner,folder,seq,doc FROM contacts WHERE folder=? ORDER BY seq"),
      countFolder: p("SELECT count(*) AS n FROM contacts WHERE folder=?"),
      pageFolder: p("SELECT id,owner,folder,seq,doc FROM contacts WHERE folder=? ORDER BY seq LIMIT ? OFFSET ?"),
      upsertProp: p("INSERT INTO props(item,pid,single,value) VALUES(?,?,?,?) ON CONFLICT(item,pid) DO UPDATE SET value=excluded.value, single=excluded.single"),
      delProps: p("DELETE FROM props WHERE item=?"),
      change: p("INSERT INTO changes(folder,item,op) VALUES(?,?,?)"),
      maxChange: p("SELECT coalesce(max(seq),0) AS s FROM changes"),
      changesSince: p("SELECT seq,item,op FROM changes WHERE folder=? AND seq>? AND seq<=? ORDER BY seq"),
      insMessage: p("INSERT INTO messages(id,owner,conv,received,doc) VALUES(?,?,?,?,?)"),
      message: p("SELECT id,owner,doc FROM messages WHERE id=?"),
      messages: p("SELECT id,owner,doc FROM messages WHERE owner=? ORDER BY received DESC, id"),
      messagesByConv: p("SELECT id,owner,doc FROM messages WHERE owner=? AND conv=? ORDER BY received DESC, id"),
      insCategory: p("INSERT INTO categories(id,owner,name,color,seq) VALUES(?,?,?,?,?)"),
      categories: p("SELECT id,name,color FROM categories WHERE owner=? ORDER BY seq"),
      category: p("SELECT id,owner,name,color FROM categories WHERE id=?"),
      categoryByName: p("SELECT id FROM categories WHERE owner=? AND name=?"),
      updCategory: p("UPDATE categories SET color=? WHERE id=?"),
      delCategory: p("DELETE FROM categories WHERE id=?"),
      insList: p("INSERT INTO todo_lists(id,owner,seq,doc) VALUES(?,?,?,?)"),
      lists: p("SELECT id,owner,doc FROM todo_lists WHERE owner=? ORDER BY seq"),
      list: p("SELECT id,owner,doc FROM todo_lists WHERE id=?"),
      updList: p("UPDATE todo_lists SET doc=? WHERE id=?"),
      delList: p("DELETE FROM todo_lists WHERE id=?"),
      insTask: p("INSERT INTO todo_tasks(id,list,seq,doc) VALUES(?,?,?,?)"),
      tasks: p("SELECT id,list,doc FROM todo_tasks WHERE list=? ORDER BY seq"),
      task: p("SELECT id,list,doc FROM todo_tasks WHERE id=?"),
      updTask: p("UPDATE todo_tasks SET doc=? WHERE id=?"),
      delTask: p("DELETE FROM todo_tasks WHERE id=?"),
      share: p("INSERT INTO shares(folder,grantee,role) VALUES(?,?,?) ON CONFLICT(folder,grantee) DO UPDATE SET role=excluded.role"),
      unshare: p("DELETE FROM shares WHERE folder=? AND grantee=?"),
      shareRole: p("SELECT role FROM shares WHERE folder=? AND grantee=?"),
      folderIds: p("SELECT id,owner,folder,seq FROM contacts WHERE folder=? ORDER BY seq").raw(true),
      contactDoc: p("SELECT doc FROM contacts WHERE id=?").raw(true),
      propsByPid: p("SELECT item,single,value FROM props WHERE pid=?").raw(true),
      itemProps: p("SELECT pid,single,value FROM props WHERE item=?").raw(true),
    };
  }

  private s(name: string): Database.Statement {
    const st = this.st[name];
    if (!st) throw new Error(`no statement ${name}`);
    return st;
  }

  tx<T>(fn: () => T): T {
    return this.db.transaction(() => {
      const r = fn();
      this.persistCounter();
      return r;
    })();
  }
  private dirty = false;
  private bump(): number {
    this.counter++;
    // Inside a transaction the counter is written once at the end (tx); outside, immediately.
    if (this.db.inTransaction) this.dirty = true;
    else this.st.setMeta!.run("counter", String(this.counter));
    return this.counter;
  }
  private persistCounter(): void {
    if (this.dirty) { this.st.setMeta!.run("counter", String(this.counter)); this.dirty = false; }
  }
  close(): void { this.db.close(); }

  /** Opaque, URL-safe, case-sensitive ids (deterministic for a fresh database: a counter hashed). */
  newId(kind: string): string {
    const n = this.bump();
    const h = createHash("sha256").update(`${kind}:${n}`).digest("base64url");
    const prefix = kind === "contact" ? "AAMkADc" : kind === "folder" ? "AAMkADf" : kind === "message" ? "AAMkADm" : "AQMkAD";
    return `${prefix}${h.slice(0, 38)}AAA=`.replace(/=/g, "_");
  }
  nextSeq(): number { return this.bump(); }
  setMeta(k: string, v: string): void { this.s("setMeta").run(k, v); }
  getMeta(k: string): string | undefined { return (this.s("getMeta").get(k) as { v: string } | undefined)?.v; }

  // users
  insertUser(id: string, upn: string, doc: Doc): void { this.s("insUser").run(id, upn, JSON.stringify(doc)); }
  user(key: string): Doc | undefined {
    const r = this.s("userByKey").get(key, key) as { doc: string } | undefined;
    return r ? (JSON.parse(r.doc) as Doc) : undefined;
  }
  users(): Doc[] { return (this.s("users").all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as Doc); }

  // folders
  private folderRow(r: unknown): FolderRow | undefined {
    if (!r) return undefined;
    const x = r as { id: string; owner: string; parent: string | null; is_default: number; display_name: string };
    return { id: x.id, owner: x.owner, parent: x.parent, isDefault: !!x.is_default, displayName: x.display_name };
  }
  insertFolder(owner: string, parent: string | null, displayName: string, isDefault: boolean): FolderRow {
    const id = this.newId("folder");
    this.s("insFolder").run(id, owner, parent, isDefault ? 1 : 0, displayName, this.nextSeq());
    return { id, owner, parent, isDefault, displayName };
  }
  folder(id: string): FolderRow | undefined { return this.folderRow(this.s("folder").get(id)); }
  defaultFolder(owner: string): FolderRow | undefined { return this.folderRow(this.s("defaultFolder").get(owner)); }
  childFolders(owner: string, parent: string): FolderRow[] {
    return this.s("childFolders").all(owner, parent).map((r) => this.folderRow(r)!);
  }
  renameFolder(id: string, name: string): void { this.s("renameFolder").run(name, id); }
  /** A folder with its contacts, their properties and its child folders (contactfolder-delete.md). */
  deleteFolder(id: string): void {
    const f = this.folder(id);
    if (!f) return;
    for (const c of this.childFolders(f.owner, id)) this.deleteFolder(c.id);
    for (const row of this.folderContacts(id)) this.deleteContact(row);
    this.db.prepare("DELETE FROM props WHERE item=?").run(id);
    this.db.prepare("DELETE FROM shares WHERE folder=?").run(id);
    this.db.prepare("DELETE FROM folders WHERE id=?").run(id);
  }

  // contacts
  private contactRow(r: unknown): ContactRow | undefined {
    if (!r) return undefined;
    const x = r as { id: string; owner: string; folder: string; seq: number; doc: string };
    return new LazyContactRow(x.id, x.owner, x.folder, x.seq, x.doc);
  }
  insertContact(owner: string, folder: string, id: string, doc: Doc): void {
    this.s("insContact").run(id, owner, folder, this.nextSeq(), JSON.stringify(doc));
    this.s("change").run(folder, id, "upsert");
  }
  contact(id: string): ContactRow | undefined { return this.contactRow(this.s("contact").get(id)); }
  updateContact(row: ContactRow, doc: Doc): void {
    this.s("updContact").run(JSON.stringify(doc), row.id);
    this.s("change").run(row.folder, row.id, "upsert");
  }
  deleteContact(row: ContactRow): void {
    this.s("delContact").run(row.id);
    this.s("delProps").run(row.id);
    this.s("change").run(row.folder, row.id, "delete");
  }
  folderContacts(folder: string): ContactRow[] { return this.s("folderContacts").all(folder).map((r) => this.contactRow(r)!); }
  /** Rows without their documents; each document is read by primary key on first access. */
  folderContactsLazy(folder: string): ContactRow[] {
    const docById = this.s("contactDoc");
    return (this.s("folderIds").all(folder) as [string, string, string, number][]).map(
      ([id, owner, f, seq]) => new LazyContactRow(id, owner, f, seq, () => (docById.get(id) as [string])[0]),
    );
  }
  folderCount(folder: string): number { return (this.s("countFolder").get(folder) as { n: number }).n; }
  folderPage(folder: string, limit: number, offset: number): ContactRow[] {
    return this.s("pageFolder").all(folder, limit, offset).map((r) => this.contactRow(r)!);
  }

  // extended properties (contacts and folders)
  setProp(item: string, pid: string, single: boolean, value: string | string[]): void {
    this.s("upsertProp").run(item, pid, single ? 1 : 0, single ? (value as string) : JSON.stringify(value));
  }
  /** Values of the given property ids for many items: Map<item, Map<pid, value>> (one PK seek per item — fastest here). */
  props(items: string[], pids: string[]): Map<string, Map<string, { single: boolean; value: string | string[] }>> {
    const out = new Map<string, Map<string, { single: boolean; value: string | string[] }>>();
    if (items.length === 0 || pids.length === 0) return out;
    const want = new Set(pids);
    const st = this.s("itemProps");
    for (const item of items) {
      const rows = st.all(item) as [string, number, string][];
      let m: Map<string, { single: boolean; value: string | string[] }> | undefined;
      for (const [pid, single, value] of rows) {
        if (!want.has(pid)) continue;
        if (!m) out.set(item, (m = new Map()));
        m.set(pid, { single: !!single, value: single ? value : (JSON.parse(value) as string[]) });
      }
    }
    return out;
  }

  propsByPid(pids: string[]): Map<string, Map<string, { single: boolean; value: string | string[] }>> {
    const out = new Map<string, Map<string, { single: boolean; value: string | string[] }>>();
    const st = this.s("propsByPid");
    for (const pid of pids) {
      for (const [item, single, value] of st.all(pid) as [string, number, string][]) {
        let m = out.get(item);
        if (!m) out.set(item, (m = new Map()));
        m.set(pid, { single: !!single, value: single ? value : (JSON.parse(value) as string[]) });
      }
    }
    return out;
  }

  // delta change log
  maxChange(): number { return (this.s("maxChange").get() as { s: number }).s; }
  changesSince(folder: string, since: number, upto: number): { seq: number; item: string; op: string }[] {
    return this.s("changesSince").all(folder, since, upto) as { seq: number; item: string; op: string }[];
  }

  // messages
  insertMessage(owner: string, doc: Doc): void {
    this.s("insMessage").run(doc.id, owner, doc.conversationId, doc.receivedDateTime, JSON.stringify(doc));
  }
  message(id: string): { owner: string; doc: Doc } | undefined {
    const r = this.s("message").get(id) as { owner: string; doc: string } | undefined;
    return r ? { owner: r.owner, doc: JSON.parse(r.doc) as Doc } : undefined;
  }
  messages(owner: string, conv?: string): Doc[] {
    const rows = (conv !== undefined ? this.s("messagesByConv").all(owner, conv) : this.s("messages").all(owner)) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as Doc);
  }

  // master categories
  insertCategory(owner: string, name: string, color: string): string {
    const id = crypto.randomUUID();
    this.s("insCategory").run(id, owner, name, color, this.nextSeq());
    return id;
  }
  categories(owner: string): { id: string; name: string; color: string }[] {
    return this.s("categories").all(owner) as { id: string; name: string; color: string }[];
  }
  category(id: string): { id: string; owner: string; name: string; color: string } | undefined {
    return this.s("category").get(id) as { id: string; owner: string; name: string; color: string } | undefined;
  }
  categoryByName(owner: string, name: string): boolean { return !!this.s("categoryByName").get(owner, name); }
  updateCategory(id: string, color: string): void { this.s("updCategory").run(color, id); }
  deleteCategory(id: string): void { this.s("delCategory").run(id); }

  // To Do
  insertList(owner: string, doc: Doc): void { this.s("insList").run(doc.id, owner, this.nextSeq(), JSON.stringify(doc)); }
  lists(owner: string): Doc[] { return (this.s("lists").all(owner) as { doc: string }[]).map((r) => JSON.parse(r.doc) as Doc); }
  list(id: string): { owner: string; doc: Doc } | undefined {
    const r = this.s("list").get(id) as { owner: string; doc: string } | undefined;
    return r ? { owner: r.owner, doc: JSON.parse(r.doc) as Doc } : undefined;
  }
  updateList(id: string, doc: Doc): void { this.s("updList").run(JSON.stringify(doc), id); }
  deleteList(id: string): void { this.s("delList").run(id); }
  insertTask(list: string, doc: Doc): void { this.s("insTask").run(doc.id, list, this.nextSeq(), JSON.stringify(doc)); }
  tasks(list: string): Doc[] { return (this.s("tasks").all(list) as { doc: string }[]).map((r) => JSON.parse(r.doc) as Doc); }
  task(id: string): { list: string; doc: Doc } | undefined {
    const r = this.s("task").get(id) as { list: string; doc: string } | undefined;
    return r ? { list: r.list, doc: JSON.parse(r.doc) as Doc } : undefined;
  }
  updateTask(id: string, doc: Doc): void { this.s("updTask").run(JSON.stringify(doc), id); }
  deleteTask(id: string): void { this.s("delTask").run(id); }

  // sharing
  share(folder: string, grantee: string, role: "read" | "write"): void { this.s("share").run(folder, grantee, role); }
  unshare(folder: string, grantee: string): void { this.s("unshare").run(folder, grantee); }
  shareRole(folder: string, grantee: string): "read" | "write" | undefined {
    return (this.s("shareRole").get(folder, grantee) as { role: "read" | "write" } | undefined)?.role;
  }
}

export function changeKey(): string {
  // changeKey is opaque (contact.md: "Identifies the version of the contact"); 24 random bytes, base64.
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}

/** Values of the given property ids for every item that has them (index on pid; used by `$filter`). */
export function propsInFolder(store: Store, _folder: string, pids: string[]): Map<string, Map<string, { single: boolean; value: string | string[] }>> {
  return store.propsByPid(pids);
}
