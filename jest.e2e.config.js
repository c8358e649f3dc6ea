/**
 * Browser tests (e2e/**\/*.e2e.ts): the built demo task pane + the Graph emulator + real Chromium.
 * Run them with `npm run test:e2e` (node e2e/run.js), which checks Chromium and builds dist-e2e first.
 * One worker: each file starts its own server and browser, and the machine has 2 cores.
 */
module.exports = {
  rootDir: __dirname,
  displayName: "e2e",
  testEnvironment: "node",
  testMatch: ["<rootDir>/e2e/**/*.e2e.ts"],
  maxWorkers: 1,
  testTimeout: 90_000,
  slowTestThreshold: 30,
  transform: {
    "^.+\\.(ts|tsx)$": [
      "ts-jest",
      {
        tsconfig: {
          module: "commonjs",
          moduleResolution: "node",
          esModuleInterop: true,
          resolveJsonModule: true,
          isolatedModules: true,
          target: "ES2022",
        },
      },
    ],
  },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
};
