import { describe, expect, it } from "vitest";
import { isTransientError, requestedDelayMs, retryDelayMs } from "./retry";

const headers = (values: Record<string, string>) => (name: string) => values[name];

describe("requestedDelayMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each<[Record<string, string>, number | undefined]>([
    [{}, undefined],
    [{ "retry-after": "7" }, 7000],
    [{ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }, 5000],
    [{ "retry-after-ms": "250" }, 250],
    [{ "x-ms-retry-after-ms": "120" }, 120],
    [{ "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after": "12", "retry-after": "1" }, 12_000],
    [{ "retry-after": "soon" }, undefined],
  ])("%j asks for %j ms", (values, expected) => expect(requestedDelayMs(headers(values), now)).toBe(expected));
});

describe("retryDelayMs", () => {
  it.each([
    [0, 0, 250],
    [0, 1, 500],
    [3, 0, 2000],
    [3, 1, 4000],
    [10, 1, 30_000],
  ])("backoff for retry %d with random %d is %d ms", (attempt, random, delay) => {
    expect(retryDelayMs(attempt, undefined, { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000 }, () => random)).toBe(delay);
  });
  it("honours the service's wait and never goes below it", () => {
    expect(retryDelayMs(0, 5000, undefined, () => 0)).toBe(5000);
    expect(retryDelayMs(0, 5000, undefined, () => 1)).toBe(5550);
  });
});

describe("isTransientError", () => {
  it.each<[unknown, boolean]>([
    [Object.assign(new Error("reset"), { code: "ECONNRESET" }), true],
    [Object.assign(new Error("refused"), { code: "ECONNREFUSED" }), true],
    [Object.assign(new Error("wrapped"), { cause: Object.assign(new Error("x"), { code: "ETIMEDOUT" }) }), true],
    [Object.assign(new Error("t"), { name: "CallTimeoutError" }), true],
    [new Error("bad certificate"), false],
    [Object.assign(new Error("abort"), { name: "AbortError" }), false],
  ])("%s is transient: %s", (error, expected) => expect(isTransientError(error)).toBe(expected));
});
