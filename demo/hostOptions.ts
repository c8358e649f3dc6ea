/**
 * The fake Outlook host's options, from the page's query string, so e2e tests and people can open any state by URL:
 *   ?user=<upn>        signed-in mailbox (a seeded user; default zhang.wei@contoso.com)
 *   ?lang=zh-CN        Office display language (default en-US)
 *   ?theme=dark        Office theme (default light)
 *   ?item=<i|id|none>  the open email: index in the mailbox list, an emulator (REST) message id, or none
 *   ?mode=compose      read (default) or compose
 *   ?sets=Mailbox:1.12,NestedAppAuth:1.1   requirement sets the host claims (default Mailbox 1.13, no NAA)
 *   ?width=320         task pane width in px (320/350/450), default: fit the window
 */
export const SEEDED_USERS = [
  { upn: "zhang.wei@contoso.com", name: "张伟 Zhang Wei" },
  { upn: "li.na@contoso.com", name: "李娜 Li Na" },
  { upn: "wang.fang@contoso.com", name: "王芳 Wang Fang" },
  { upn: "chen.jie@contoso.com", name: "陈杰 Chen Jie" },
  { upn: "emily.zhou@contoso.com", name: "周美玲 Emily Zhou" },
] as const;

export const DEFAULT_USER = "zhang.wei@contoso.com";
export const LANGUAGES = ["en-US", "zh-CN"] as const;
export const PANE_WIDTHS = [320, 350, 450] as const;

/** Outlook on the web's default for a mailbox with multi-select; NestedAppAuth off so nothing tries MSAL. */
export const DEFAULT_SETS: Record<string, string> = { Mailbox: "1.13" };

export type ItemMode = "read" | "compose";

export interface HostOptions {
  user: string;
  lang: string;
  theme: "light" | "dark";
  /** null = the first message; "none" = no open item. */
  item: string | null;
  mode: ItemMode;
  sets: Record<string, string>;
  /** null = fit the window. */
  width: number | null;
}

export function parseHostOptions(search: string): HostOptions {
  const q = new URLSearchParams(search);
  const sets = { ...DEFAULT_SETS };
  const setsParam = q.get("sets");
  if (setsParam) {
    for (const part of setsParam.split(",")) {
      const [name, version] = part.split(":").map((s) => s.trim());
      if (!name) continue;
      if (version && version !== "0" && version.toLowerCase() !== "none") sets[name] = version;
      else delete sets[name];
    }
  }
  const width = Number(q.get("width"));
  return {
    user: (q.get("user") || DEFAULT_USER).toLowerCase(),
    lang: q.get("lang") || "en-US",
    theme: q.get("theme") === "dark" ? "dark" : "light",
    item: q.get("item"),
    mode: q.get("mode") === "compose" ? "compose" : "read",
    sets,
    width: Number.isFinite(width) && width >= 200 ? width : null,
  };
}

/** "1.13" ≥ "1.5" compares numerically per part, as Office does. */
export function versionAtLeast(have: string | undefined, want: string | undefined): boolean {
  if (!have) return false;
  const h = have.split(".").map(Number);
  const w = (want || "1.1").split(".").map(Number);
  for (let i = 0; i < Math.max(h.length, w.length); i++) {
    const a = h[i] ?? 0;
    const b = w[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** Fake EWS ids: the emulator's REST id with '-'→'+' and '_'→'/', so convertToRestId has real work to do. */
export function toEwsId(restId: string): string {
  return restId.replace(/-/g, "+").replace(/_/g, "/");
}

export function toRestId(ewsId: string): string {
  return ewsId.replace(/\+/g, "-").replace(/\//g, "_");
}
