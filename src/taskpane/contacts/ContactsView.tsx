import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
} from "@fluentui/react-components";
import {
  ArrowClockwiseRegular,
  ArrowSortDownRegular,
  ArrowSortUpRegular,
  EditRegular,
  PeopleRegular,
  SearchRegular,
} from "@fluentui/react-icons";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { contactListViewStore, setNeedsRecontact, useSalesService, useServices } from "../../app";
import { EmptyState } from "../shell/EmptyState";
import { BulkEditPanel } from "./BulkEditPanel";
import { ContactDetails } from "./ContactDetails";
import { ContactList } from "./ContactList";
import { useContactListStyles } from "./ContactList.styles";
import { fieldLabel } from "./fieldText";
import { FilterBar } from "./FilterBar";
import { columnKey, parseColumnKey, useContactList } from "./useContactList";

/** The user's contacts with custom fields as columns: group, sort, filter, search, tick, bulk edit, details. */
export function ContactsView() {
  const { t } = useTranslation();
  const styles = useContactListStyles();
  const services = useServices();
  const service = services.contacts;
  const viewStore = useMemo(() => contactListViewStore(services), [services]);
  const s = useContactList(service, viewStore);
  // Ticking "needs re-contact" off completes the contact's open To Do task (issue 10 item 13).
  const sales = useSalesService();
  const actionServices = useMemo(() => ({ contacts: service, followUpTasks: sales }), [service, sales]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [detailsId, setDetailsId] = useState<string | undefined>();
  // Keyboard users: closing the details panel puts focus back on the name they opened it from (the row may have
  // been re-rendered or scrolled away by then: find it again by contact id, else the list itself).
  const returnFocusTo = useRef<string | undefined>(undefined);
  useEffect(() => {
    const id = returnFocusTo.current;
    if (detailsId || !id) return;
    returnFocusTo.current = undefined;
    const row = [...document.querySelectorAll<HTMLElement>("[data-contact-id]")].find((el) => el.dataset.contactId === id);
    (row?.querySelector<HTMLElement>("button[aria-label]") ?? document.querySelector<HTMLElement>('input[type="search"]'))?.focus();
  }, [detailsId]);
  const { snap, locale, fields } = s;
  const byId = useMemo(
    () => new Map(snap.contacts.map((c) => [c.id, c])),
    [snap.contacts],
  );
  const details = detailsId ? byId.get(detailsId) : undefined;
  const sortOptions = [
    { key: "b:displayName", label: t("contactList.name") },
    { key: "b:companyName", label: t("contactList.company") },
    ...fields.map((f) => ({
      key: `f:${f.propertyName}`,
      label: fieldLabel(f, locale),
    })),
  ];
  const dirLabel =
    s.sort.direction === "desc"
      ? t("contactList.sortDesc")
      : t("contactList.sortAsc");
  const selectedIds = [...s.selected].filter((id) => byId.has(id));
  const allShown =
    s.result.rows.length > 0 &&
    s.result.rows.every((c) => s.selected.has(c.id));

  const errorText =
    snap.error &&
    (snap.error.code === "network"
      ? t("contactList.errorOffline")
      : t("contactList.errorBody", { code: snap.error.code }));
  let body;
  if (snap.error && !snap.loaded) {
    body = (
      <MessageBar intent="error" data-testid="contacts-error">
        <MessageBarBody>
          <MessageBarTitle>{t("contactList.errorTitle")}</MessageBarTitle>
          {errorText}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => void service.load()}>
            {t("contactList.retry")}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  } else if (!snap.loaded) {
    body = (
      <Spinner
        label={t("contactList.loading")}
        data-testid="contacts-loading"
      />
    );
  } else if (!snap.contacts.length) {
    body = (
      <EmptyState
        icon={<PeopleRegular />}
        title={t("contactList.emptyTitle")}
        body={t("contactList.emptyBody")}
      />
    );
  } else {
    body = (
      <>
        {snap.error && (
          <MessageBar intent="warning">
            <MessageBarBody>{errorText}</MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => void service.refresh()}>
                {t("contactList.retry")}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <div className={styles.toolbar}>
          <Input
            className={styles.search}
            type="search"
            aria-label={t("contactList.search")}
            contentBefore={<SearchRegular />}
            placeholder={t("contactList.searchPlaceholder")}
            value={s.search}
            onChange={(_e, d) => s.setSearch(d.value)}
          />
        </div>
        <div className={styles.toolbar}>
          <Field label={t("contactList.groupBy")} className={styles.control}>
            <Select
              className={styles.selectFill}
              value={s.groupBy ? columnKey(s.groupBy) : ""}
              onChange={(_e, d) => s.setGroupBy(parseColumnKey(d.value))}
              data-testid="group-by"
            >
              <option value="">{t("contactList.noGrouping")}</option>
              <option value="b:companyName">{t("contactList.company")}</option>
              {fields.map((f) => (
                <option key={f.propertyName} value={`f:${f.propertyName}`}>
                  {fieldLabel(f, locale)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("contactList.sortBy")} className={styles.control}>
            <Select
              className={styles.selectFill}
              value={columnKey(s.sort.column)}
              onChange={(_e, d) =>
                s.setSort({
                  column: parseColumnKey(d.value)!,
                  direction: s.sort.direction ?? "asc",
                })
              }
            >
              {sortOptions.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
          <div className={styles.iconButtons}>
            <Button
              icon={
                s.sort.direction === "desc" ? (
                  <ArrowSortDownRegular />
                ) : (
                  <ArrowSortUpRegular />
                )
              }
              aria-label={t("contactList.sortDirection", {
                direction: dirLabel,
              })}
              onClick={() =>
                s.setSort({
                  ...s.sort,
                  direction: s.sort.direction === "desc" ? "asc" : "desc",
                })
              }
            />
            <Button
              icon={<ArrowClockwiseRegular />}
              aria-label={t("contactList.refresh")}
              disabled={snap.loading}
              onClick={() => void service.refresh()}
            />
          </div>
        </div>
        <FilterBar
          fields={fields}
          filters={s.filters}
          locale={locale}
          onAdd={(_e, d) => s.addFilter(d.condition)}
          onRemove={(_e, d) => s.removeFilter(d.index)}
          onClear={() => s.clearFilters()}
        />
        <div className={styles.summary}>
          <Checkbox
            checked={allShown ? true : selectedIds.length ? "mixed" : false}
            label={t("contactList.selectAll")}
            onChange={(_e, d) =>
              s.setSelection(
                s.result.rows.map((c) => c.id),
                d.checked === true,
              )
            }
          />
          <Caption1 role="status" data-testid="contacts-count">
            {s.result.rows.length === snap.contacts.length
              ? t("contactList.count", { count: snap.contacts.length })
              : t("contactList.shownOfTotal", {
                  shown: s.result.rows.length,
                  total: snap.contacts.length,
                })}
            {selectedIds.length > 0 &&
              ` · ${t("contactList.selectedCount", { count: selectedIds.length })}`}
          </Caption1>
          {selectedIds.length > 0 && (
            <>
              <Button
                size="small"
                icon={<EditRegular />}
                onClick={() => setBulkOpen(true)}
              >
                {t("contactList.bulkEdit")}
              </Button>
              <Button
                size="small"
                appearance="subtle"
                onClick={s.clearSelection}
              >
                {t("contactList.clearSelection")}
              </Button>
            </>
          )}
        </div>
        {bulkOpen && (
          <BulkEditPanel
            service={service}
            fields={fields}
            selectedIds={selectedIds}
            contactsById={byId}
            locale={locale}
            onClose={() => setBulkOpen(false)}
          />
        )}
        {details && (
          <ContactDetails
            key={details.id}
            service={service}
            contact={details}
            fields={fields}
            locale={locale}
            onClose={() => {
              returnFocusTo.current = details.id;
              setDetailsId(undefined);
            }}
          />
        )}
        {s.result.rows.length === 0 ? (
          <EmptyState
            title={t("contactList.noMatchTitle")}
            body={t("contactList.noMatchBody")}
          />
        ) : (
          <ContactList
            rows={s.rows}
            fields={fields}
            needsField={
              s.needsField && !s.needsField.hidden ? s.needsField : undefined
            }
            locale={locale}
            sort={s.sort}
            selected={s.selected}
            syncById={s.syncById}
            onSort={(_e, d) =>
              s.setSort({
                column: d.column,
                direction:
                  columnKey(d.column) === columnKey(s.sort.column) &&
                  s.sort.direction !== "desc"
                    ? "desc"
                    : "asc",
              })
            }
            onToggleGroup={(_e, d) => s.toggleGroup(d.groupKey)}
            onSelectGroup={(_e, d) => s.setSelection(d.ids, d.checked)}
            onSelectContact={(_e, d) =>
              s.selectContact(d.id, d.checked, d.shift)
            }
            onNeedsRecontact={(_e, d) =>
              void setNeedsRecontact
                .perform(actionServices, {
                  contactId: d.contact.id,
                  value: d.checked,
                })
                .catch(() => undefined)
            }
            onOpen={(_e, d) => setDetailsId(d.contact.id)}
          />
        )}
      </>
    );
  }
  return (
    <section
      className={styles.root}
      aria-label={t("contactList.heading")}
      data-testid="contacts-view"
    >
      {body}
    </section>
  );
}
