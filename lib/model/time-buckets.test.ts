import { describe, expect, test } from "vitest";
import { chooseBucketSeconds, isChartRange } from "./time-buckets";

describe("chooseBucketSeconds", () => {
  test.each([
    ["an hour", 3_600_000, 240, 60],
    ["a day", 86_400_000, 240, 600],
    ["a week", 7 * 86_400_000, 240, 3600],
    ["30 days", 30 * 86_400_000, 240, 3 * 3600],
    ["90 days", 90 * 86_400_000, 240, 12 * 3600],
    ["400 days", 400 * 86_400_000, 240, 2 * 86400],
    ["ten years", 3650 * 86_400_000, 240, 16 * 86400],
    ["ten years, few points", 3650 * 86_400_000, 10, 365 * 86400],
    ["nothing", 0, 240, 60],
  ])("%s", (_name, rangeMs, maxPoints, expected) => {
    expect(chooseBucketSeconds(rangeMs, maxPoints)).toBe(expected);
  });

  test("ranges", () => {
    expect(isChartRange("7d")).toBe(true);
    expect(isChartRange("toString")).toBe(false);
    expect(isChartRange(undefined)).toBe(false);
  });
});
