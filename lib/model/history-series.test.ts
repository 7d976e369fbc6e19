import { describe, expect, test } from "vitest";
import { breakGaps, toFleetNodeSeries, toPoolCountSeries, type PoolHistoryRow } from "./history-series";

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 0, minutes)).toISOString();
const t = (minutes: number) => Date.UTC(2026, 10, 20, 0, minutes);
const row = (minutes: number, patch: Partial<PoolHistoryRow> = {}): PoolHistoryRow => ({ at: at(minutes), count: 3, ready: 3, notReady: 0, measured: true, autoscaling: true, min: 1, max: 5, ...patch });

describe("toPoolCountSeries", () => {
  test.each<[string, PoolHistoryRow[], ReturnType<typeof toPoolCountSeries>]>([
    ["nothing", [], []],
    ["one run", [row(0)], [{ t: t(0), count: 3, ready: 3, min: 1, max: 5 }]],
    [
      "no bounds without the autoscaler",
      [row(0, { autoscaling: false }), row(1, { autoscaling: true, count: 4 })],
      [
        { t: t(0), count: 3, ready: 3, min: null, max: null },
        { t: t(1), count: 4, ready: 3, min: 1, max: 5 },
      ],
    ],
    ["no ready count when the cluster was not read", [row(0, { measured: false })], [{ t: t(0), count: 3, ready: null, min: 1, max: 5 }]],
    [
      "a break across a hole of more than 15 minutes in minutely runs",
      [row(0), row(1), row(2), row(30)],
      [
        { t: t(0), count: 3, ready: 3, min: 1, max: 5 },
        { t: t(1), count: 3, ready: 3, min: 1, max: 5 },
        { t: t(2), count: 3, ready: 3, min: 1, max: 5 },
        { t: t(2) + 1, count: null, ready: null, min: null, max: null },
        { t: t(30), count: 3, ready: 3, min: 1, max: 5 },
      ],
    ],
    ["no break across 10 minutes", [row(0), row(10)], [{ t: t(0), count: 3, ready: 3, min: 1, max: 5 }, { t: t(10), count: 3, ready: 3, min: 1, max: 5 }]],
  ])("%s", (_name, rows, expected) => {
    expect(toPoolCountSeries(rows, 60)).toEqual(expected);
  });

  test("wide buckets tolerate wider spacing", () => {
    expect(toPoolCountSeries([row(0), row(180)], 3600)).toHaveLength(2);
    expect(toPoolCountSeries([row(0), row(60 * 4)], 3600)).toHaveLength(3);
  });

  test("runs sparser than the buckets are no holes; a day without runs among hourly ones is", () => {
    const hourly = [0, 60, 120, 180, 240].map((minutes) => row(minutes));
    expect(toPoolCountSeries(hourly, 600)).toHaveLength(5);
    expect(toPoolCountSeries([...hourly, row(240 + 24 * 60)], 600)).toHaveLength(7);
  });
});

describe("toFleetNodeSeries", () => {
  test("totals regular and spot", () => {
    expect(toFleetNodeSeries([{ at: at(0), regular: 10, spot: 4 }], 60)).toEqual([{ t: t(0), regular: 10, spot: 4, total: 14 }]);
  });
});

describe("breakGaps", () => {
  test("keeps order and adds one blank per hole", () => {
    const points = [{ t: 0 }, { t: 10 }, { t: 20 }, { t: 100 }, { t: 110 }, { t: 200 }];
    expect(breakGaps(points, 20, (at) => ({ t: at, blank: true }))).toEqual([{ t: 0 }, { t: 10 }, { t: 20 }, { t: 21, blank: true }, { t: 100 }, { t: 110 }, { t: 111, blank: true }, { t: 200 }]);
  });
});
