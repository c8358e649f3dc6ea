import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "../i18n/createI18n";
import { ErrorBoundary } from "./ErrorBoundary";

function Boom(): never {
  throw new Error("render failed");
}

describe("ErrorBoundary", () => {
  let consoleError: jest.SpyInstance;
  beforeEach(() => {
    consoleError = jest.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(() => consoleError.mockRestore());

  it("shows a clear message and a reload button instead of a blank pane", async () => {
    const onReload = jest.fn();
    render(
      <I18nextProvider i18n={createI18n("en-US")}>
        <ErrorBoundary onReload={onReload}>
          <Boom />
        </ErrorBoundary>
      </I18nextProvider>,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Something went wrong");
    expect(screen.getByText(/Your saved data is safe/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Reload" }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it("speaks Chinese in a Chinese pane", () => {
    render(
      <I18nextProvider i18n={createI18n("zh-CN")}>
        <ErrorBoundary onReload={() => undefined}>
          <Boom />
        </ErrorBoundary>
      </I18nextProvider>,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("出错了");
    expect(screen.getByRole("button", { name: "重新加载" })).toBeInTheDocument();
  });

  it("logs the error's kind and code, never its message (which may quote personal data)", () => {
    function Leaky(): never {
      throw Object.assign(new Error("cannot save liu.yang@huaxin-tech.cn"), { code: "ErrorItemNotFound" });
    }
    render(
      <I18nextProvider i18n={createI18n("en-US")}>
        <ErrorBoundary onReload={() => undefined}>
          <Leaky />
        </ErrorBoundary>
      </I18nextProvider>,
    );
    const ours = consoleError.mock.calls.filter((args) => args[0] === "Task pane crashed");
    expect(ours).toHaveLength(1);
    expect(ours[0]![1]).toBe("Error ErrorItemNotFound");
    expect(JSON.stringify(ours)).not.toContain("liu.yang");
  });
});

