"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatChartTime, formatCount, formatDateTime } from "@/lib/format";
import type { FleetNodesPoint } from "@/lib/model/history-series";

type Props = { points: FleetNodesPoint[] };

/** Nodes of the fleet over time, regular and spot stacked: one point per run (or per bucket of runs). */
export function FleetNodesChart({ points }: Props) {
  if (points.length < 2) return <p className="muted chart-empty">Not enough runs in this range to draw a trend yet ({points.length} so far).</p>;
  // Axis labels follow the history drawn (hours for a day of it, days beyond), not the range asked for.
  const spanMs = points[points.length - 1].t - points[0].t;
  return (
    <div className="chart" role="img" aria-label={`Nodes over time: from ${formatCount(points.find((p) => p.total !== null)?.total ?? 0)} to ${formatCount(points.at(-1)?.total ?? 0)} nodes`}>
      <ResponsiveContainer width="100%" height={240}>
        <AreaChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#eef1f4" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(t: number) => formatChartTime(t, spanMs)} tick={{ fontSize: 12 }} minTickGap={40} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={56} label={{ value: "nodes", angle: -90, position: "insideLeft", fontSize: 12, fill: "#5b6573" }} />
          <Tooltip
            labelFormatter={(t) => formatDateTime(new Date(Number(t)))}
            formatter={(value, name) => [`${formatCount(Number(value))} nodes`, name]}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area type="stepAfter" dataKey="regular" name="Regular" stackId="nodes" stroke="#0b63c5" fill="#cfe2f7" isAnimationActive={false} connectNulls={false} />
          <Area type="stepAfter" dataKey="spot" name="Spot" stackId="nodes" stroke="#9a6700" fill="#fbe7b0" isAnimationActive={false} connectNulls={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
