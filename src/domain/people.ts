/**
 * Salespeople and managers as the team configuration names them (issue 13 item 5): "张伟 <zhang.wei@contoso.com>"
 * or a bare address. The manager sees owners by display name, the address as secondary text; names come from the
 * configuration, so no directory scope (User.ReadBasic.All) is needed to read them.
 *
 * Pure.
 */

export interface Person {
  /** Lower-cased, trimmed address. */
  address: string;
  /** Display name as configured; absent for a bare address. */
  name?: string;
}

const ADDRESS = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;
/** Names are labels: control characters and angle brackets would break the "Name <address>" form. */
const NAME_MAX = 64;

/** "Name <address>", "<address>" or "address" → a Person; undefined when there is no valid address. */
export function parsePerson(input: string): Person | undefined {
  const m = /^(.*?)\s*<([^<>]+)>$/.exec(input.replace(/[\u0000-\u001f\u007f]/g, "").trim());
  const address = (m ? (m[2] as string) : input).trim().toLowerCase();
  const name = m ? (m[1] as string).replace(/^"(.*)"$/, "$1").trim() : "";
  if (!ADDRESS.test(address) || name.length > NAME_MAX || /[<>]/.test(name)) return undefined;
  return name ? { address, name } : { address };
}

/** The stored form: "Name <address>" when there is a name. */
export function formatPerson(p: Person): string {
  return p.name ? `${p.name} <${p.address}>` : p.address;
}

/** Address → Person, for looking names up. Later entries do not override an earlier name with none. */
export function directoryOf(people: readonly Person[]): Map<string, Person> {
  const out = new Map<string, Person>();
  for (const p of people) {
    const had = out.get(p.address);
    if (!had || (!had.name && p.name)) out.set(p.address, p);
  }
  return out;
}

/** What to show for an address: the configured name, else the address itself (never guessed from it). */
export function displayNameOf(directory: ReadonlyMap<string, Person>, address: string | null | undefined): string {
  const a = (address ?? "").trim().toLowerCase();
  return directory.get(a)?.name ?? a;
}
