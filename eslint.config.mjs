// ESLint flat config. The boundary rules (design.md §3) are the point of this file: each message says why.
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import officeAddins from "eslint-plugin-office-addins";

const OURS = ["graph", "auth", "office", "store", "app", "taskpane"];

/** no-restricted-imports patterns forbidding our own layers, with a reason. */
const forbid = (layers, reason, fromDepth = ["../", "../../", "../../../"]) =>
  layers.flatMap((layer) =>
    fromDepth.map((prefix) => ({ group: [`${prefix}${layer}`, `${prefix}${layer}/*`, `**/src/${layer}/*`], message: reason })),
  );

const OFFICE_GLOBAL = {
  name: "Office",
  message: "Only src/office touches the Office global: wrap the call there (callbacks → promises with typed errors).",
};

export default tseslint.config(
  {
    ignores: ["node_modules/**", "dist/**", "dist-demo/**", "coverage/**", "test/fixtures/**", "**/*.js", "!e2e/**/*.js"],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "office-addins": officeAddins },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "office-addins/no-context-sync-in-loop": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/office/**"],
    rules: { "no-restricted-globals": ["error", OFFICE_GLOBAL] },
  },
  {
    files: ["src/domain/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...forbid(OURS, "src/domain is pure: it imports nothing of ours, so the rules can be tested and reused anywhere."),
            { group: ["react", "react-dom", "@fluentui/*", "@microsoft/*", "@azure/*", "**/emulator/*"], message: "src/domain is pure: no UI, Graph, auth or emulator libraries." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        OFFICE_GLOBAL,
        { name: "fetch", message: "src/domain does no I/O: pass data in, return data out." },
        { name: "indexedDB", message: "src/domain does no I/O: persistence belongs in src/store." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "src/domain takes the clock as an argument, so rules are testable at their boundaries." },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "src/domain takes the clock as an argument (`now: Date`), never `new Date()`." },
      ],
    },
  },
  {
    files: ["src/graph/**/*.ts", "src/auth/**/*.ts", "src/store/**/*.ts", "src/office/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...forbid(["app", "taskpane"], "Outside-world adapters (graph/auth/office/store) must not depend on the app or the UI: dependencies point inwards to src/domain."),
            { group: ["**/emulator", "**/emulator/*"], message: "Only src/app (the composition root) knows the emulator exists." },
            { group: ["react", "react-dom", "@fluentui/*"], message: "Adapters have no UI: React belongs in src/taskpane." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...forbid(["graph", "office", "auth", "store"], "src/taskpane reaches Graph, Office, auth and storage only through src/app (useServices()), so views stay testable and the composition root stays single."),
            { group: ["**/emulator", "**/emulator/*"], message: "The UI never knows whether the emulator or real Graph is behind src/app." },
            { group: ["@microsoft/microsoft-graph-client", "@azure/msal-browser"], message: "src/taskpane reaches Graph and sign-in only through src/app." },
          ],
        },
      ],
    },
  },
  {
    files: ["emulator/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/src", "**/src/*", "../src/*", "../../src/*"], message: "emulator/ stands alone: it plays Microsoft Graph and must not share code with the add-in it tests (a shared bug would pass unseen)." }] },
      ],
    },
  },
  {
    files: ["**/*.test.{ts,tsx}", "test/**/*.ts", "e2e/**/*.ts", "bench/**/*.ts", "demo/**/*.{ts,tsx}"],
    rules: { "no-restricted-globals": "off", "no-console": "off" },
  },
);
