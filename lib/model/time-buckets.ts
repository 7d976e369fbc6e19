/**
 * Bucket sizes for history charts: one point per run while runs are sparse enough, and wider buckets (each the
 * last run in it) for long ranges, so a chart never has more than about `maxPoints` points.
 */
const NICE_SECONDS = [60, 300, 600, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400];

export function chooseBucketSeconds(rangeMs: number, maxPoints = 240): number {
  const needed = rangeMs / 1000 / maxPoints;
  return NICE_SECONDS.find((seconds) => seconds >= needed) ?? Math.ceil(needed / 86400) * 86400;
}

export const chartRanges = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000, "90d": 90 * 86_400_000 } as const;
export type ChartRange = keyof typeof chartRanges;
export const DEFAULT_CHART_RANGE: ChartRange = "7d";

export function isChartRange(value: string | undefined): value is ChartRange {
  return value !== undefined && Object.hasOwn(chartRanges, value);
}
