import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider } from "../../app";
import type { DiagnosticsService } from "../../app/diagnostics";
import { createFakeServices } from "../../app/testing/fakeServices";
import { createI18n } from "../i18n/createI18n";
import { DiagnosticsPanel } from "./DiagnosticsPanel";

jest.setTimeout(30_000);

const REPORT = "Customer Follow-up tenant self-check — …\nBehaviour | Documented? | Result | Path the add-in will use\n…\nOverall: OK";

function renderPanel(diagnostics: DiagnosticsService | undefined, lang: "en-US" | "zh-CN" = "en-US") {
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nextProvider i18n={createI18n(lang)}>
        <ServicesProvider services={{ ...createFakeServices(), diagnostics }}>
          <DiagnosticsPanel />
        </ServicesProvider>
      </I18nextProvider>
    </FluentProvider>,
  );
}

test("runs the self-check once per click, shows the outcome and the report, and copies it", async () => {
  const user = userEvent.setup();
  const writeText = jest.fn().mockResolvedValue(undefined);
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  const run = jest.fn().mockResolvedValue({ ok: true, text: REPORT });
  renderPanel({ run } as unknown as DiagnosticsService);
  expect(screen.queryByTestId("diagnostics-report")).toBeNull();
  await user.click(screen.getByRole("button", { name: "Run self-check" }));
  expect(await screen.findByText("All checks passed: the add-in works on this tenant.")).toBeTruthy();
  expect(run).toHaveBeenCalledTimes(1);
  expect((screen.getByTestId("diagnostics-report") as HTMLTextAreaElement).value).toBe(REPORT);
  await user.click(screen.getByRole("button", { name: "Copy report" }));
  expect(writeText).toHaveBeenCalledWith(REPORT);
  expect(await screen.findByText(/Report copied/)).toBeTruthy();
});

test("a check that needs attention, and one that cannot run, say so (zh-CN)", async () => {
  const user = userEvent.setup();
  const run = jest.fn().mockResolvedValueOnce({ ok: false, text: REPORT }).mockRejectedValueOnce(Object.assign(new Error("x"), { code: "network" }));
  renderPanel({ run } as unknown as DiagnosticsService, "zh-CN");
  await user.click(screen.getByRole("button", { name: "运行自检" }));
  expect(await screen.findByText("部分检查需要注意：请查看报告。")).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "运行自检" }));
  expect(await screen.findByText("无法运行自检（network）。")).toBeTruthy();
});

test("no diagnostics service (tests, fakes): nothing is shown", () => {
  renderPanel(undefined);
  expect(screen.queryByRole("button", { name: "Run self-check" })).toBeNull();
});
