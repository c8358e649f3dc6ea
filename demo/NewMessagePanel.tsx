import { useMemo } from "react";
import type { HostState, NewMessageFormRecord } from "./hostState";
import { sanitizeHtml } from "./sanitizeHtml";

/**
 * Stands in for Outlook's new-message window: shows what displayNewMessageForm prefilled, so a person and the e2e
 * tests can check the draft, and Send it (the emulator's sendMail, into the recipients' Inboxes). The body is shown
 * as rendered HTML, with active content removed.
 */
export function NewMessagePanel({ form, onClose, onSend, status }: { form: NewMessageFormRecord; onClose: () => void; onSend: () => void; status: HostState["sendStatus"] }) {
  const body = useMemo(() => ({ __html: sanitizeHtml(form.htmlBody) }), [form.htmlBody]);
  return (
    <div role="dialog" aria-label="New message (fake Outlook)" data-testid="fake-new-message" className="fo-new-message">
      <div className="fo-new-message-head">
        <strong>New message — fake Outlook</strong>
        <span>
          <button type="button" onClick={onSend} disabled={status.kind === "sending" || form.toRecipients.length === 0} data-testid="fake-new-message-send">
            Send
          </button>{" "}
          <button type="button" onClick={onClose} data-testid="fake-new-message-close">
            Discard
          </button>
        </span>
      </div>
      {status.kind === "failed" && (
        <p role="alert" data-testid="fake-new-message-error">
          Not sent: {status.message}
        </p>
      )}
      <dl>
        <dt>To</dt>
        <dd data-testid="fake-new-message-to">{form.toRecipients.join("; ")}</dd>
        <dt>Subject</dt>
        <dd data-testid="fake-new-message-subject">{form.subject}</dd>
      </dl>
      <div
        role="document"
        aria-label="Message body"
        data-testid="fake-new-message-body"
        className="fo-new-message-body"
        dangerouslySetInnerHTML={body}
      />
    </div>
  );
}
