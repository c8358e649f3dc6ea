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
    if (m && !line.trim().startsWith("#")) out[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
  }
  return out;
}

function loadConfig(env) {
  const merged = { ...readDotEnv(path.join(__dirname, "..", ".env")), ...env };
  const clientId = (merged.ADDIN_CLIENT_ID || "").trim();
  const tenant = (merged.ADDIN_TENANT || "common").trim();
  const authority = (merged.ADDIN_AUTHORITY || `https://login.microsoftonline.com/${tenant}`).trim();
  const productionUrl = (merged.ADDIN_PRODUCTION_URL || "https://addin.example.com").trim().replace(/\/$/, "");
  if (clientId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(clientId)) {
    throw new Error(`ADDIN_CLIENT_ID must be the application (client) id GUID from Entra ID; got "${clientId}"`);
  }
  if (clientId && !/^https:\/\//.test(productionUrl)) {
    throw new Error(`ADDIN_PRODUCTION_URL must be an https:// URL; got "${productionUrl}"`);
  }
  return { clientId, tenant, authority, authorityOrigin: new URL(authority).origin, productionUrl };
}

module.exports = { loadConfig };
