/**
 * npm run verify-tenant -- [--token <access token> | --client-id <id> --tenant <id>] [--graph <url>] [--keep] [--json]
 *
 * The tenant self-check for administrators (docs/real-outlook.md "Self-check"): runs the add-in's capability
 * probes and a round trip of every write the add-in makes on a scratch contact in a scratch folder, cleans up,
 * and prints a table: behaviour, documented?, result, path the add-in will use. Exit code 0 when everything
 * passed, 1 when a row needs attention, 2 on bad arguments or sign-in failure.
 *
 * Sign-in: `--token` (e.g. copied from Graph Explorer's "Access token" tab, with Contacts.ReadWrite and
 * Tasks.ReadWrite consented), or device-code sign-in with MSAL Node against the add-in's own app registration
 * (`--client-id`, default ADDIN_CLIENT_ID; `--tenant`, default ADDIN_TENANT) — the registration needs
 * "Allow public client flows" = Yes for the device-code flow. `--graph` points at another Graph, e.g. the
 * local emulator: `--graph http://127.0.0.1:4000/v1.0 --token dev:zhang.wei@contoso.com`.
 */
/* eslint-disable no-console */
import { runSelfCheck, formatSelfCheck } from "../src/app/selfCheck";
import { createGraphClient } from "../src/graph/createGraphClient";

interface Args {
  token?: string;
  clientId?: string;
  tenant?: string;
  graph: string;
  keep: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const a = argv[i]!;
    return a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[i + 1];
  };
  return {
    token: get("token"),
    clientId: get("client-id") ?? process.env.ADDIN_CLIENT_ID,
    tenant: get("tenant") ?? process.env.ADDIN_TENANT,
    graph: get("graph") ?? "https://graph.microsoft.com/v1.0",
    keep: argv.includes("--keep"),
    json: argv.includes("--json"),
  };
}

/** The scopes the self-check needs: contacts and To Do (src/auth/scopes.ts base + reminders). */
export const SELF_CHECK_SCOPES = ["https://graph.microsoft.com/Contacts.ReadWrite", "https://graph.microsoft.com/Tasks.ReadWrite"];

async function deviceCodeToken(clientId: string, tenant: string): Promise<string> {
  const { PublicClientApplication } = await import("@azure/msal-node");
  const pca = new PublicClientApplication({ auth: { clientId, authority: `https://login.microsoftonline.com/${tenant}` } });
  const result = await pca.acquireTokenByDeviceCode({
    scopes: SELF_CHECK_SCOPES,
    deviceCodeCallback: (r) => console.error(r.message),
  });
  if (!result?.accessToken) throw new Error("No access token from the device-code sign-in");
  return result.accessToken;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  let url: URL;
  try {
    url = new URL(args.graph);
  } catch {
    console.error(`--graph must be a URL such as https://graph.microsoft.com/v1.0 (got ${args.graph})`);
    return 2;
  }
  if (url.pathname.replace(/\/$/, "") !== "/v1.0") {
    console.error("--graph must end in /v1.0 (the add-in uses Graph v1.0 only)");
    return 2;
  }
  let token = args.token;
  if (!token) {
    if (!args.clientId) {
      console.error("Give --token <access token> (e.g. from Graph Explorer) or --client-id <app registration id> for device-code sign-in.");
      return 2;
    }
    try {
      token = await deviceCodeToken(args.clientId, args.tenant || "organizations");
    } catch (e) {
      console.error(`Sign-in failed: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
  }
  const local = url.hostname === "127.0.0.1" || url.hostname === "localhost";
  if (url.protocol !== "https:" && !local) {
    console.error("--graph must be https (plain http only for a local emulator on 127.0.0.1/localhost)");
    return 2;
  }
  const client = createGraphClient({
    authProvider: async () => token!,
    baseUrl: url.origin,
    customHosts: local ? [url.host] : undefined,
    retry: { maxRetries: 5 },
    // The SDK attaches the token to https Graph/custom hosts only; a local emulator over plain http gets it here.
    ...(url.protocol === "http:"
      ? {
          terminal: (req: Request) => {
            const headers = new Headers(req.headers);
            headers.set("Authorization", `Bearer ${token}`);
            return fetch(new Request(req, { headers }));
          },
        }
      : {}),
  });
  const report = await runSelfCheck(client, { keep: args.keep, onStep: args.json ? undefined : (s) => console.error(`… ${s}`) });
  console.log(args.json ? JSON.stringify(report, null, 2) : formatSelfCheck(report));
  return report.ok ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`verify-tenant failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
