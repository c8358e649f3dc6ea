import type { NewMessageFormRecord } from "./hostState";

/**
 * Stands in for Outlook's new-message window: shows what displayNewMessageForm prefilled, so a person and the e2e
 * tests can check the draft. The body is rendered in a sandboxed frame (no scripts), as a mail client would.
 */
export function NewMessagePanel({ form, onClose }: { form: NewMessageFormRecord; onClose: () => void }) {
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
      <iframe
        title="Message body"
        sandbox=""
        srcDoc={form.htmlBody}
        data-testid="fake-new-message-body"
        className="fo-new-message-body"
      />
    </div>
  );
}
