/**
 * Entry of signin.html, the page the Office dialog opens when nested app authentication is unavailable.
 * It is its own tiny page in its own window: src/office (part of the task pane bundle) isn't loaded here,
 * and `messageParent` is the only way back to the task pane — hence the one direct use of `Office` below.
 */
/* eslint-disable no-restricted-globals -- separate dialog page; see above. */
import { runSigninDialog } from "./runSigninDialog";

function showStatus(text: string): void {
  const el = document.getElementById("status");
  if (el) el.textContent = text;
}

if (typeof Office === "undefined") {
  // Demo build (no office.js) or opened directly in a browser.
  showStatus("This page only works inside Outlook's sign-in window. 此页面仅用于 Outlook 登录窗口。");
} else {
  void Office.onReady(() =>
    runSigninDialog({
      config: __ADDIN_CONFIG__,
      search: window.location.search,
      redirectUri: `${window.location.origin}${window.location.pathname}`,
      messageParent: (message) => Office.context.ui.messageParent(message),
    }),
  );
}
