import { makeStyles, tabClassNames, tokens } from "@fluentui/react-components";

export const useShellStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    flexGrow: 1,
    // At least the pane's height, so a view can fill what is left below the tabs (the contacts list grows into it).
    minHeight: "100%",
    boxSizing: "border-box",
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  tabs: {
    // The tabs must fit the narrowest pane (320 px): let them wrap rather than overflow if a language needs it.
    flexWrap: "wrap",
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    // Below 480 px the five labels alone fit on one line in both languages (from about 350 px); the icons are decoration.
    "@media (max-width: 479px)": {
      [`& .${tabClassNames.icon}`]: { display: "none" },
    },
  },
  banner: { paddingLeft: tokens.spacingHorizontalM, paddingRight: tokens.spacingHorizontalM },
  panel: {
    flexGrow: 1,
    minWidth: 0,
    // A column, so the selected view can take the rest of the pane's height (flex-grow), never a fixed height.
    display: "flex",
    flexDirection: "column",
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalM,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
  },
});
