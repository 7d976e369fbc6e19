/**
 * Chart series for history charts, from rows the read models return (one per run, or the last run of each bucket
 * for long ranges). Where no run was read for a while (the collector was down, the pool did not exist) the series
 * gets an empty point, so the line breaks instead of drawing a straight line over the hole.
 */

/** Breaks a series wherever consecutive points are more than `maxGapMs` apart. */
export function breakGaps<P extends { t: number }>(points: readonly P[], maxGapMs: number, blank: (t: number) => P): P[] {
  const out: P[] = [];
  if (points.length > 2) maxGapMs = Math.max(maxGapMs, 3 * medianSpacing(points));
  for (const point of points) {
    const previous = out.at(-1);
    if (previous && point.t - previous.t > maxGapMs) out.push(blank(previous.t + 1));
    out.push(point);
  }
  return out;
}

export type PoolHistoryRow = { at: Date | string; count: number | null; ready: number; notReady: number; measured: boolean; autoscaling: boolean; min: number | null; max: number | null };

/** A point of a pool's node count chart: what it was set to, what was ready, and its autoscaler bounds. */
export type PoolCountPoint = { t: number; count: number | null; ready: number | null; min: number | null; max: number | null };

export function toPoolCountSeries(rows: readonly PoolHistoryRow[], bucketSeconds: number): PoolCountPoint[] {
  const points = rows.map((row): PoolCountPoint => ({
    t: new Date(row.at).getTime(),
    count: row.count,
    ready: row.measured ? row.ready : null,
    min: row.autoscaling ? row.min : null,
    max: row.autoscaling ? row.max : null,
  }));
  return breakGaps(points, gapMs(bucketSeconds), (t) => ({ t, count: null, ready: null, min: null, max: null }));
}

export type FleetNodesRow = { at: Date | string; regular: number; spot: number };
export type FleetNodesPoint = { t: number; regular: number | null; spot: number | null; total: number | null };

export function toFleetNodeSeries(rows: readonly FleetNodesRow[], bucketSeconds: number): FleetNodesPoint[] {
  const points: FleetNodesPoint[] = rows.map((row) => ({ t: new Date(row.at).getTime(), regular: row.regular, spot: row.spot, total: row.regular + row.spot }));
  return breakGaps(points, gapMs(bucketSeconds), (t) => ({ t, regular: null, spot: null, total: null }));
}

function medianSpacing(points: readonly { t: number }[]): number {
  const spacing = points.slice(1).map((point, index) => point.t - points[index].t).sort((a, b) => a - b);
  return spacing[Math.floor((spacing.length - 1) / 2)];
}

/**
 * A hole is three buckets without a run (a missed run or two is not a hole), never less than 15 minutes, and never
 * less than three times the usual spacing of the runs (`breakGaps`): hourly runs on a 10-minute grid are no holes.
 */
function gapMs(bucketSeconds: number): number {
  return Math.max(3 * bucketSeconds, 900) * 1000;
}
