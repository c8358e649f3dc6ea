import { createRoot } from "react-dom/client";
import { startApp } from "../app";
import { App } from "./App";
import { errorKind } from "./shell/ErrorBoundary";
import { StartupError } from "./shell/StartupError";

const container = document.getElementById("container");
if (container) {
  const root = createRoot(container);
  // Office calls back once it is ready (office.js, or the demo's fake host after it has loaded its mailbox).
  startApp().then(
    (services) => root.render(<App services={services} />),
    (error: unknown) => {
      console.error("The add-in could not start", errorKind(error));
      root.render(<StartupError error={error} />);
    },
  );
}
