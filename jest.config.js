/**
 * A test that logs console.error or console.warn fails, in both projects (test/setupConsole.ts).
 * Two projects: node for domain/graph/store/auth/office/emulator code (fetch globals present),
 * jsdom for the React task pane. Type checking is done once by `npm run typecheck`, so ts-jest only
 * transpiles (isolatedModules) — much faster on a 2-core machine.
 */
const tsJest = [
  "ts-jest",
  {
    tsconfig: {
      module: "commonjs",
      moduleResolution: "node",
      jsx: "react-jsx",
      esModuleInterop: true,
      isolatedModules: true,
      target: "ES2022",
    },
  },
];

const common = {
  transform: { "^.+\\.(ts|tsx)$": tsJest },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  moduleNameMapper: {
    // office-addin-mock → office-addin-manifest pulls ESM-only packages; its CJS entry avoids them.
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
    "\\.(css|png|svg)$": "<rootDir>/test/fileStub.js",
    // @fluentui/react-charts pulls d3 ESM modules jest cannot require; the Team view loads it lazily anyway.
    "^@fluentui/react-charts$": "<rootDir>/test/reactChartsStub.js",
  },
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: "node",
      testEnvironment: "node",
      setupFilesAfterEnv: ["<rootDir>/test/setupConsole.ts"],
      testMatch: [
        "<rootDir>/src/**/*.test.ts",
        "<rootDir>/emulator/**/*.test.ts",
        "<rootDir>/test/**/*.test.ts",
        "<rootDir>/scripts/**/*.test.ts",
      ],
    },
    {
      ...common,
      displayName: "ui",
      testEnvironment: "jsdom",
      // Rendering the pane in jsdom on two shared cores takes seconds; a test cut off at jest's default 5 s leaves
      // its updates to land in the next test, which the console guard then fails too.
      testTimeout: 30_000,
      setupFilesAfterEnv: ["<rootDir>/test/setupConsole.ts", "<rootDir>/test/setupUi.ts"],
      testMatch: ["<rootDir>/src/**/*.test.tsx"],
    },
  ],
};
