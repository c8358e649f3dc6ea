/* Jest stand-in for @fluentui/react-charts (its d3 dependencies are ESM-only). Renders the title only. */
const React = require("react");

function GroupedVerticalBarChart(props) {
  return React.createElement("div", { "data-testid": "chart-stub" }, props.chartTitle);
}

module.exports = { GroupedVerticalBarChart };
