/**
 * Both jest projects (jest.config.js setupFilesAfterEnv): a test that logs console.error or console.warn fails
 * (test/failOnConsole.ts). Logged after a test's last hook (a timer or promise that outlived it) fails the file.
 */
import { consoleFailure, installConsoleGuard } from "./failOnConsole";

const guard = installConsoleGuard();

beforeEach(() => {
  // Logged between tests: work an earlier test of this file left running (one that timed out, an un-awaited update).
  const before = consoleFailure(guard.take(), "Something before this test (an earlier test's unfinished work, e.g. after a timeout)");
  if (before) throw before;
});

afterEach(() => {
  const failure = consoleFailure(guard.take());
  if (failure) throw failure;
});

afterAll(() => {
  const failure = consoleFailure(guard.take(), "This file's last test (or its afterAll)");
  guard.uninstall();
  if (failure) throw failure;
});
