import { Button, Caption1, Checkbox, mergeClasses, Spinner } from "@fluentui/react-components";
import { ArrowDownRegular, ArrowUpRegular, ChevronDownRegular, ChevronRightRegular } from "@fluentui/react-icons";
import { forwardRef, useCallback, useEffect, useId, useRef, useState, type CSSProperties, type HTMLAttributes, type KeyboardEvent, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { FixedSizeList, type ListChildComponentProps } from "react-window";
import type { ColumnRef } from "../../domain/contactQuery";
import type { Contact, FieldDefinition, Locale } from "../../domain/types";
import { useContactListStyles, ROW_HEIGHT } from "./ContactList.styles";
import { displayValue, fieldLabel } from "./fieldText";
import { columnKey, type ListRow, type RowModel, type RowSync } from "./useContactList";
import { useRovingRows, type RovingTarget, type RowCol } from "./useRovingRows";

const SELECT_W = 36;
// Room for the header's "Re-contact" and a sort arrow; the row's checkbox sits at the cell's start like the header text.
const CHECK_W = 92;
const NAME_W = 180;
const FIELD_W = 130;

export interface ContactListProps {
  rows: RowModel;
  fields: FieldDefinition[];
  needsField?: FieldDefinition;
  locale: Locale;
  sort: { column: ColumnRef; direction?: "asc" | "desc" };
  selected: ReadonlySet<string>;
  syncById: ReadonlyMap<string, RowSync>;
  onSort: (e: MouseEvent, data: { column: ColumnRef }) => void;
  onToggleGroup: (e: MouseEvent, data: { groupKey: string }) => void;
  onSelectGroup: (e: unknown, data: { ids: string[]; checked: boolean }) => void;
  onSelectContact: (e: MouseEvent | unknown, data: { id: string; checked: boolean; shift: boolean }) => void;
  onNeedsRecontact: (e: unknown, data: { contact: Contact; checked: boolean }) => void;
  onOpen: (e: MouseEvent, data: { contact: Contact }) => void;
}

/**
 * The height of the list's box (ResizeObserver; a fixed fallback where there is none, e.g. jsdom). The box is
 * sized by the pane's flex layout alone — the list window inside is absolutely positioned — so setting the list's
 * height never changes what is measured here (no feedback loop), and the list follows pane resizes both ways.
 */
function useHeight(fallback = 420) {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(([entry]) => {
      const h = Math.floor(entry?.contentRect.height ?? 0);
      if (h > 0) setHeight(h);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return { ref, height };
}

/** Out of the flow of its box (react-window's own style says position: relative), so it cannot size the box. */
const LIST_WINDOW_STYLE: CSSProperties = { position: "absolute", top: 0, left: 0 };

const ListInner = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(function ListInner(props, ref) {
  const { t } = useTranslation();
  return <div ref={ref} role="list" aria-label={t("contactList.listLabel")} {...props} />;
});

/** The virtualized contact list: one flat list where group headers are rows (react-window). */
export function ContactList(p: ContactListProps) {
  const { t } = useTranslation();
  const styles = useContactListStyles();
  const { ref, height } = useHeight();
  const width = SELECT_W + CHECK_W + NAME_W + p.fields.filter((f) => f !== p.needsField).length * FIELD_W;
  const sortKey = columnKey(p.sort.column);
  // The re-contact column is narrow: its header reads "Re-contact"/"再联系", the field's own label is its tooltip.
  const columns: { column: ColumnRef; label: string; w: number; title?: string }[] = [
    ...(p.needsField
      ? [{ column: { field: p.needsField.propertyName }, label: t("contactList.recontactColumn"), w: CHECK_W, title: fieldLabel(p.needsField, p.locale) }]
      : [{ column: { field: "" }, label: "", w: CHECK_W }]),
    { column: { builtin: "displayName" }, label: t("contactList.name"), w: NAME_W },
    ...p.fields.filter((f) => f !== p.needsField).map((f) => ({ column: { field: f.propertyName }, label: fieldLabel(f, p.locale), w: FIELD_W })),
  ];
  const dir = p.sort.direction === "desc" ? t("contactList.sortDesc") : t("contactList.sortAsc");

  const rootRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<FixedSizeList<RowData>>(null);
  const roving = useRovingRows(p.rows, rootRef, listRef);
  const helpId = useId();
  const itemData: RowData = { p, tabStop: roving.tabStop, helpId };

  const Row = useCallback(
    ({ index, style, data }: ListChildComponentProps<RowData>) => {
      const row = data.p.rows.at(index);
      return <RowView row={row} index={index} style={style} p={data.p} tabStop={data.tabStop} helpId={data.helpId} width={width} />;
    },
    [width],
  );

  return (
    <div
      className={styles.scroller}
      data-testid="contact-list"
      ref={rootRef}
      onKeyDown={roving.onKeyDown}
      onFocus={roving.onFocus}
      onBlur={roving.onBlur}
    >
      <span id={helpId} className={styles.srOnly}>
        {t("contactList.keyboardHelp")}
      </span>
      <div className={styles.header} style={{ width }}>
        <span className={styles.headerCell} style={{ width: SELECT_W }} />
        {columns.map((c) => {
          const active = columnKey(c.column) === sortKey;
          return (
            <span key={columnKey(c.column)} className={styles.headerCell} style={{ width: c.w }} data-column={columnKey(c.column)}>
              {c.label && (
              <Button
                size="small"
                appearance="transparent"
                className={styles.headerButton}
                aria-label={active ? t("contactList.sortedColumn", { label: c.label, state: t("contactList.sortDirection", { direction: dir }) }) : t("contactList.sortByColumn", { label: c.label })}
                title={c.title}
                onClick={(e) => p.onSort(e, { column: c.column })}
                icon={active ? p.sort.direction === "desc" ? <ArrowDownRegular /> : <ArrowUpRegular /> : undefined}
                iconPosition="after"
              >
                {c.label}
              </Button>
              )}
            </span>
          );
        })}
      </div>
      <div className={styles.listBox} ref={ref} style={{ width }}>
      <FixedSizeList
        ref={listRef}
        onItemsRendered={roving.onItemsRendered}
        style={LIST_WINDOW_STYLE}
        height={height}
        width={width}
        itemCount={p.rows.length}
        itemSize={ROW_HEIGHT}
        itemData={itemData}
        itemKey={(i, data) => data.p.rows.at(i).key}
        innerElementType={ListInner}
        overscanCount={4}
      >
        {Row}
      </FixedSizeList>
      </div>
    </div>
  );
}

interface RowData {
  p: ContactListProps;
  tabStop: RovingTarget | undefined;
  helpId: string;
}

/** Space on a row's main button selects the row instead of pressing the button (whose click comes on keyup). */
function spaceTo(action: (e: KeyboardEvent) => void) {
  return {
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key !== " ") return;
      e.preventDefault();
      action(e);
    },
    onKeyUp: (e: KeyboardEvent) => {
      if (e.key === " ") e.preventDefault();
    },
  };
}

function RowView({ row, index, style, p, tabStop, helpId, width }: { row: ListRow; index: number; style: CSSProperties; p: ContactListProps; tabStop: RovingTarget | undefined; helpId: string; width: number }) {
  const { t } = useTranslation();
  const styles = useContactListStyles();
  // Exactly one control of the whole list is tabbable (roving tab stop); the others are reached with the arrows.
  const stopHere = tabStop?.key === row.key;
  const roving = (col: RowCol) => ({
    "data-col": col,
    tabIndex: stopHere && (tabStop.col === col || (col === "primary" && !(tabStop.col === "select" || (tabStop.col === "needs" && row.kind === "contact" && p.needsField)))) ? 0 : -1,
  });
  if (row.kind === "group") {
    const g = row.group;
    const gk = g.key ?? "\u0000none";
    const ids = g.rows.map((c) => c.id);
    const all = ids.length > 0 && ids.every((id) => p.selected.has(id));
    const some = !all && ids.some((id) => p.selected.has(id));
    return (
      <div role="listitem" style={{ ...style, width }} className={styles.groupRow} data-testid={`group-${g.key ?? "none"}`} data-row-key={row.key} data-row-index={index}>
        <span style={{ width: SELECT_W }} className={styles.cell}>
          <Checkbox
            checked={all ? true : some ? "mixed" : false}
            aria-label={t("contactList.selectGroup", { label: g.label })}
            onChange={(e, d) => p.onSelectGroup(e, { ids, checked: d.checked === true })}
            {...roving("select")}
          />
        </span>
        <Button
          appearance="transparent"
          icon={row.collapsed ? <ChevronRightRegular /> : <ChevronDownRegular />}
          aria-expanded={!row.collapsed}
          aria-describedby={helpId}
          onClick={(e) => p.onToggleGroup(e, { groupKey: gk })}
          {...roving("primary")}
          {...spaceTo((e) => p.onSelectGroup(e, { ids, checked: !all }))}
        >
          {t("contactList.groupToggle", { label: g.label, count: g.count })}
        </Button>
      </div>
    );
  }
  const c = row.contact;
  const sync = p.syncById.get(c.id);
  const isSelected = p.selected.has(c.id);
  const needs = p.needsField ? c.fields[p.needsField.propertyName] === true : false;
  const secondary = c.companyName || c.emailAddresses[0]?.address || "";
  return (
    <div
      role="listitem"
      style={{ ...style, width }}
      className={mergeClasses(styles.row, isSelected && styles.rowSelected)}
      data-testid="contact-row"
      data-contact-id={c.id}
      data-row-key={row.key}
      data-row-index={index}
    >
      <span style={{ width: SELECT_W }} className={styles.cell}>
        <Checkbox
          checked={isSelected}
          aria-label={t("contactList.selectContact", { name: c.displayName })}
          onClick={(e) => p.onSelectContact(e, { id: c.id, checked: !isSelected, shift: e.shiftKey })}
          onChange={() => undefined}
          {...roving("select")}
        />
      </span>
      <span style={{ width: CHECK_W }} className={styles.cell} data-column={p.needsField ? `f:${p.needsField.propertyName}` : undefined}>
        {p.needsField && (
          <Checkbox
            checked={needs}
            aria-label={t("contactList.fieldFor", { field: fieldLabel(p.needsField, p.locale), name: c.displayName })}
            onChange={(e, d) => p.onNeedsRecontact(e, { contact: c, checked: d.checked === true })}
            data-testid="needs-recontact"
            {...roving("needs")}
          />
        )}
      </span>
      <span style={{ width: NAME_W }} className={mergeClasses(styles.cell, styles.nameCell)} data-column="b:displayName">
        <Button
          appearance="transparent"
          size="small"
          className={styles.nameButton}
          aria-label={t("contactList.openDetails", { name: c.displayName })}
          aria-describedby={helpId}
          onClick={(e) => p.onOpen(e, { contact: c })}
          {...roving("primary")}
          {...spaceTo((e) => p.onSelectContact(e, { id: c.id, checked: !isSelected, shift: e.shiftKey }))}
        >
          <span className={styles.nameText}>{c.displayName}</span>
        </Button>
        <span className={styles.secondary}>
          {sync === "pending" ? (
            <span className={styles.sync} role="status">
              <Spinner size="extra-tiny" as="span" /> {t("contactList.rowPending")}
            </span>
          ) : sync === "failed" ? (
            <span className={mergeClasses(styles.sync, styles.syncFailed)} role="status">
              {t("contactList.rowFailed")}
            </span>
          ) : (
            secondary
          )}
        </span>
      </span>
      {p.fields
        .filter((f) => f !== p.needsField)
        .map((f) => (
          <Caption1 key={f.propertyName} className={styles.cell} style={{ width: FIELD_W }} data-column={`f:${f.propertyName}`}>
            {displayValue(f, c.fields[f.propertyName], p.locale)}
          </Caption1>
        ))}
    </div>
  );
}
