import { describe, expect, it } from "vitest";
import { formatAge, formatChartTime, formatCores, formatCount, formatDelta, formatDuration, formatMemory, formatMoney, formatPercent } from "./format";

describe("format", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [-999, "-999"],
    [1000, "1,000"],
    [-1000, "-1,000"],
    [6000, "6,000"],
    [2.6, "3"],
    [999.7, "1,000"],
  ])("formatCount(%d) = %s", (value, text) => expect(formatCount(value)).toBe(text));

  it.each([
    [250, "0.3 vCPU"],
    [4000, "4 vCPU"],
    [15_500, "15.5 vCPU"],
    [1_234_000, "1,234 vCPU"],
  ])("formatCores(%d) = %s", (millis, text) => expect(formatCores(millis)).toBe(text));

  it.each([
    [512 * 1024 ** 2, "512 MiB"],
    [16 * 1024 ** 3, "16 GiB"],
    [1.5 * 1024 ** 4, "1.5 TiB"],
  ])("formatMemory(%d) = %s", (bytes, text) => expect(formatMemory(bytes)).toBe(text));

  it.each([
    [0, "no change"],
    [3, "+3"],
    [-12, "−12"],
  ])("formatDelta(%d) = %s", (delta, text) => expect(formatDelta(delta)).toBe(text));

  it.each([
    [250, "250 ms"],
    [12_300, "12.3 s"],
    [125_000, "2 min 5 s"],
    [3_900_000, "1 h 5 min"],
  ])("formatDuration(%d) = %s", (ms, text) => expect(formatDuration(ms)).toBe(text));

  it("formats money and percentages with their units", () => {
    expect(formatMoney(12.5)).toBe("$12.50");
    expect(formatMoney(1234.4)).toBe("$1,234");
    expect(formatPercent(0.456)).toBe("45.6%");
  });

  it("says how old a reading is", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(formatAge(new Date("2026-11-23T11:59:30Z"), now)).toBe("30 s ago");
    expect(formatAge(new Date("2026-11-23T11:00:00Z"), now)).toBe("1 h ago");
    expect(formatAge(new Date("2026-11-20T12:00:00Z"), now)).toBe("3 d ago");
  });
});

describe("formatChartTime", () => {
  it.each([
    [Date.UTC(2026, 10, 20, 13, 5), 86_400_000, "13:05"],
    [Date.UTC(2026, 10, 20, 13, 5), 30 * 86_400_000, "Nov 20"],
    [Date.UTC(2026, 0, 2, 23, 59), 7 * 86_400_000, "Jan 2"],
  ])("formatChartTime(%d, %d) = %s", (at, span, text) => expect(formatChartTime(at, span)).toBe(text));
});
