/**
 * The per-salesperson chart, in its own module so that React.lazy splits it (with d3) out of the initial bundle
 * and component tests of the Team view never import it.
 */
import { GroupedVerticalBarChart, type GroupedVerticalBarChartData } from "@fluentui/react-charts";

export interface TeamChartProps {
  title: string;
  /** One group per salesperson; one bar per measure (legend = localized measure name). */
  groups: { name: string; bars: { key: string; legend: string; value: number }[] }[];
  width: number;
}

export default function TeamChart({ title, groups, width }: TeamChartProps) {
  const data: GroupedVerticalBarChartData[] = groups.map((g) => ({
    name: g.name,
    series: g.bars.map((b) => ({ key: b.key, legend: b.legend, data: b.value, xAxisCalloutData: g.name })),
  }));
  return <GroupedVerticalBarChart chartTitle={title} data={data} width={width} height={220} barWidth="auto" hideTooltip={false} />;
}
