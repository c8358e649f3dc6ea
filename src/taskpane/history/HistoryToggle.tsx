import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Contact } from "../../app";
import { ContactHistory } from "./ContactHistory";

/**
 * A folded contact history (This email's person cards, the team view's rows): a native disclosure (cheap for
 * a card list of 120 people), the history loaded only once opened.
 */
export function HistoryToggle({ contact, readOnly = false }: { contact: Pick<Contact, "id" | "mailbox" | "displayName"> & Partial<Contact>; readOnly?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary aria-label={t("history.toggleFor", { name: contact.displayName })}>{t("history.heading")}</summary>
      {open && <ContactHistory contact={contact} readOnly={readOnly} />}
    </details>
  );
}
