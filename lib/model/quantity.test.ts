import { describe, expect, it } from "vitest";
import { parseBytes, parseCount, parseCpuMillis } from "./quantity";

describe("quantities", () => {
  it.each([
    ["250m", 250],
    ["1", 1000],
    ["1.5", 1500],
    ["3920m", 3920],
    ["0.1", 100],
    ["100u", 1],
    ["500000n", 1],
    ["2k", 2_000_000],
    [4, 4000],
    ["", undefined],
    ["lots", undefined],
    [undefined, undefined],
  ])("parseCpuMillis(%j) = %j", (text, millis) => expect(parseCpuMillis(text)).toBe(millis));

  it.each([
    ["128Mi", 128 * 2 ** 20],
    ["16393316Ki", 16_393_316 * 1024],
    ["1Gi", 2 ** 30],
    ["2G", 2e9],
    ["1e9", 1e9],
    ["129e6", 129e6],
    ["512", 512],
    ["1.5Gi", 1.5 * 2 ** 30],
    ["12QB", undefined],
  ])("parseBytes(%j) = %j", (text, bytes) => expect(parseBytes(text)).toBe(bytes));

  it.each([
    ["110", 110],
    ["250", 250],
    ["1", 1],
    [null, undefined],
  ])("parseCount(%j) = %j", (text, count) => expect(parseCount(text)).toBe(count));
});
