/**
 * Build-time configuration from environment variables (documented in .env.example).
 * A `.env` file in the project root is read when present; real environment variables win.
 */
const fs = require("fs");
const path = require("path");

function readDotEnv(file) {
  const out = {};
  if (!fs.existsSync(file)) return out;
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && !line.trim().startsWith("#")) out[m[1]] = m[2].replace(/^(["'])(.*)\1$/, "$2");
  }
  return out;
}

/** Each warning is printed once per process (webpack and the size report both load the configuration). */
const warned = new Set();
function warnOnce(message) {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`[config] ${message}`);
}

function loadConfig(env) {
  const merged = { ...readDotEnv(path.join(__dirname, "..", ".env")), ...env };
  const clientId = (merged.ADDIN_CLIENT_ID || "").trim();
  const tenant = (merged.ADDIN_TENANT || "common").trim();
  const authority = (merged.ADDIN_AUTHORITY || `https://login.microsoftonline.com/${tenant}`).trim();
  let productionUrl = (merged.ADDIN_PRODUCTION_URL || "https://addin.example.com").trim().replace(/\/$/, "");
  if (clientId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(clientId)) {
    throw new Error(`ADDIN_CLIENT_ID must be the application (client) id GUID from Entra ID; got "${clientId}"`);
  }
  if (clientId && !/^https:\/\//.test(productionUrl)) {
    throw new Error(`ADDIN_PRODUCTION_URL must be an https:// URL; got "${productionUrl}"`);
  }
  if (clientId) {
    let url;
    try {
      url = new URL(productionUrl);
    } catch {
      throw new Error(`ADDIN_PRODUCTION_URL is not a valid URL; got "${productionUrl}"`);
    }
    if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
      throw new Error(
        `ADDIN_PRODUCTION_URL must be an origin only, like https://followup.contoso.com (no path or query): the ` +
          `pages load their scripts from "/", so dist/ must be served at the root of its own origin; got "${productionUrl}"`,
      );
    }
    productionUrl = url.origin;
  }
  if (clientId && !(merged.ADDIN_PRODUCTION_URL || "").trim()) {
    warnOnce(
      `ADDIN_PRODUCTION_URL is not set: the manifest points at the placeholder ${productionUrl}. ` +
        "Set it to the https origin that will serve dist/ before you install the add-in (docs/real-outlook.md, step 2).",
    );
  }
  if (clientId && !(merged.ADDIN_TENANT || "").trim() && !(merged.ADDIN_AUTHORITY || "").trim()) {
    warnOnce(
      "ADDIN_TENANT is not set: users sign in through /common, which works only for a multitenant app registration. " +
        "For a single-tenant registration (\"Accounts in this organizational directory only\") set ADDIN_TENANT to the " +
        "Directory (tenant) ID, or sign-in fails with AADSTS50194.",
    );
  }
  // The sales managers (issue 13): who sees the Team tab. "Name <address>" or addresses, separated by "," or ";".
  const managers = (merged.ADDIN_MANAGERS || "").split(/[;,](?=(?:[^"]*"[^"]*")*[^"]*$)/).map((s) => s.trim()).filter(Boolean);
  return { clientId, tenant, authority, authorityOrigin: new URL(authority).origin, productionUrl, managers };
}

module.exports = { loadConfig };
