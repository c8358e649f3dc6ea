import { makeStyles, shorthands, tokens } from "@fluentui/react-components";

export const ROW_HEIGHT = 44;
/** The list box's least height: the column header and about four rows, even in a very short pane. */
export const LIST_MIN_HEIGHT = 32 + 4 * ROW_HEIGHT;

export const useContactListStyles = makeStyles({
  // Fills the rest of the pane (the Shell's panel is a flex column): the list below takes what the controls leave.
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0, flexGrow: 1 },
  toolbar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end", minWidth: 0 },
  search: { flexGrow: 1, minWidth: 0, width: "100%" },
  // 170 px: room for an eight-character Chinese field name (是否需要再次联系) beside the chevron; at 350 px the sort field wraps below.
  control: { flexGrow: 1, flexShrink: 1, flexBasis: "170px", minWidth: 0, maxWidth: "100%" },
  // A <select> is as wide as its longest option by default: let it shrink to the pane (320 px).
  selectFill: { width: "100%", minWidth: 0, "& select": { minWidth: 0, width: "100%" } },
  fillInput: { minWidth: 0, width: "100%" },
  iconButtons: { display: "flex", gap: tokens.spacingHorizontalXS, flexShrink: 0 },
  filterForm: { flexBasis: "100%", minWidth: 0 },
  chips: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, alignItems: "center" },
  summary: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center", color: tokens.colorNeutralForeground3 },
  // The list's box takes the space left in the pane (flex-basis 0) and never less than a header and ~4 rows; it
  // scrolls sideways (header and rows together) when the columns are wider than the pane.
  scroller: {
    display: "flex",
    flexDirection: "column",
    flexGrow: 1,
    flexShrink: 1,
    flexBasis: 0,
    minHeight: `${LIST_MIN_HEIGHT}px`,
    overflowX: "auto",
    overflowY: "hidden",
    minWidth: 0,
    ...shorthands.border(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
    borderRadius: tokens.borderRadiusMedium,
  },
  // What is measured for the virtual list's height. Its size comes from the flex layout alone: the list inside is
  // absolutely positioned, so it contributes nothing to this box's size. (Measuring a box that the list itself
  // sized was a feedback loop: each measurement set the list 1 px smaller than the last, down to one row.)
  listBox: { position: "relative", flexGrow: 1, flexShrink: 1, flexBasis: 0, minHeight: 0 },
  header: {
    display: "flex",
    alignItems: "center",
    height: "32px",
    flexShrink: 0,
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  // Same box as a row's cell (border-box, same left padding): a header's text starts where its column's values do.
  headerCell: { flexShrink: 0, overflow: "hidden", whiteSpace: "nowrap", paddingLeft: tokens.spacingHorizontalXS, boxSizing: "border-box" },
  // A small Button is at least 64 px wide and centres its text: start it at the cell's left edge instead.
  headerButton: { minWidth: 0, maxWidth: "100%", justifyContent: "flex-start", paddingLeft: 0, paddingRight: 0, borderLeftWidth: 0, borderRightWidth: 0 },
  row: {
    display: "flex",
    alignItems: "center",
    boxSizing: "border-box",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  rowSelected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  groupRow: {
    display: "flex",
    alignItems: "center",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  cell: { flexShrink: 0, overflow: "hidden", whiteSpace: "nowrap", textOverflow: "ellipsis", paddingLeft: tokens.spacingHorizontalXS, boxSizing: "border-box" },
  nameCell: { display: "flex", flexDirection: "column", minWidth: 0 },
  nameButton: { justifyContent: "flex-start", minWidth: 0, maxWidth: "100%", paddingLeft: 0, paddingRight: 0, fontWeight: tokens.fontWeightSemibold },
  nameText: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  secondary: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  sync: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  // Read by screen readers (the list's keyboard help), not shown.
  srOnly: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
  syncFailed: { color: tokens.colorPaletteRedForeground1 },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalS),
    ...shorthands.border(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke1),
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  panelHeader: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  panelRow: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  preview: { maxHeight: "160px", overflowY: "auto", margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  failed: { color: tokens.colorPaletteRedForeground1 },
});
