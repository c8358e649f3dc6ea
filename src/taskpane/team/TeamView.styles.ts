import { makeStyles, tokens } from "@fluentui/react-components";

export const useTeamViewStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
  },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  rowNameButton: { minWidth: 0, maxWidth: "100%", justifyContent: "flex-start", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", paddingLeft: 0 },
  members: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, listStyleType: "none", margin: 0, padding: 0 },
  addRow: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-end", flexWrap: "wrap" },
  addInput: { flexGrow: 1, minWidth: "160px" },
  filters: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(130px, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  // Owner addresses make long options: without this a native select's intrinsic width overflows its grid cell.
  filterField: { minWidth: 0 },
  filterSelect: { minWidth: 0, maxWidth: "100%" },
  tableWrap: { overflowX: "auto", maxWidth: "100%" },
  // Auto layout: the salesperson column takes what its names need, the numbers stay narrow.
  countsTable: { tableLayout: "auto" },
  numeric: { textAlign: "end" },
  // Chinese headers (联系人, 即将失效) would otherwise break after every character at 350 px: keep each on
  // one line and give the number columns narrow padding so the table still fits the pane.
  numericHeader: { textAlign: "end", whiteSpace: "nowrap", paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  numericCell: { textAlign: "end", paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  muted: { color: tokens.colorNeutralForeground3 },
  chart: { minHeight: "220px", width: "100%", overflow: "hidden" },
  rowList: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  row: {
    display: "flex",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  rowName: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", minWidth: 0 },
  rowMeta: { color: tokens.colorNeutralForeground3, flexShrink: 0, fontSize: tokens.fontSizeBase200 },
});
