import { PeopleRegular } from "@fluentui/react-icons";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../shell/EmptyState";

/** The contacts list (issue 5) grows here: useContactList → ContactList → ContactList.styles. */
export function ContactsView() {
  const { t } = useTranslation();
  return (
    <section aria-label={t("contacts.heading")}>
      <EmptyState icon={<PeopleRegular />} title={t("contacts.emptyTitle")} body={t("contacts.emptyBody")} />
    </section>
  );
}
