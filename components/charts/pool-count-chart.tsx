"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatChartTime, formatCount, formatDateTime } from "@/lib/format";
import type { PoolCountPoint } from "@/lib/model/history-series";

type Props = { points: PoolCountPoint[] };

/** A pool's node count over time against its autoscaler's min and max, and the nodes that were Ready. */
export function PoolCountChart({ points }: Props) {
  const last = points.findLast((point) => point.count !== null);
  if (points.length < 2)
    return (
      <p className="muted chart-empty">
        {last ? `One run has read this pool in this range (${formatCount(last.count ?? 0)} nodes); the chart fills in as runs are collected.` : "No run read this pool in this range."}
      </p>
    );
  // Axis labels follow the history drawn (hours for a day of it, days beyond), not the range asked for.
  const spanMs = points[points.length - 1].t - points[0].t;
  return (
    <div className="chart" role="img" aria-label={`Node count over time; now ${formatCount(last?.count ?? 0)} nodes${last?.max !== null && last?.max !== undefined ? `, autoscaler ${last.min} to ${last.max}` : ""}`}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#eef1f4" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(t: number) => formatChartTime(t, spanMs)} tick={{ fontSize: 12 }} minTickGap={40} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={48} label={{ value: "nodes", angle: -90, position: "insideLeft", fontSize: 12, fill: "#5b6573" }} />
          <Tooltip labelFormatter={(t) => formatDateTime(new Date(Number(t)))} formatter={(value, name) => [value === null ? "–" : `${formatCount(Number(value))} nodes`, name]} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line type="stepAfter" dataKey="max" name="Autoscaler max" stroke="#c9262b" strokeDasharray="5 4" dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="count" name="Node count" stroke="#0b63c5" strokeWidth={2} dot={points.length < 40} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="ready" name="Ready" stroke="#1a7f37" dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="min" name="Autoscaler min" stroke="#9a6700" strokeDasharray="5 4" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
