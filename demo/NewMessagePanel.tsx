import { useMemo } from "react";
import type { NewMessageFormRecord } from "./hostState";
import { sanitizeHtml } from "./sanitizeHtml";

/**
 * Stands in for Outlook's new-message window: shows what displayNewMessageForm prefilled, so a person and the e2e
 * tests can check the draft. The body is shown as rendered HTML, with active content removed.
 */
export function NewMessagePanel({ form, onClose }: { form: NewMessageFormRecord; onClose: () => void }) {
  const body = useMemo(() => ({ __html: sanitizeHtml(form.htmlBody) }), [form.htmlBody]);
  return (
    <div role="dialog" aria-label="New message (fake Outlook)" data-testid="fake-new-message" className="fo-new-message">
      <div className="fo-new-message-head">
        <strong>New message — fake Outlook</strong>
        <button type="button" onClick={onClose} data-testid="fake-new-message-close">
          Discard
        </button>
      </div>
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
