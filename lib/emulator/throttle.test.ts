import { describe, expect, it } from "vitest";
import { createArmThrottle, createCostThrottle } from "./throttle";

describe("ARM token bucket", () => {
  it("allows 250 reads at once, then refills 25 a second", () => {
    let now = 0;
    const bucket = createArmThrottle(() => now);
    for (let i = 0; i < 250; i++) expect(bucket.take("sub", "read").ok).toBe(true);
    expect(bucket.take("sub", "read")).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(bucket.take("other", "read").ok).toBe(true);
    now += 1000;
    for (let i = 0; i < 25; i++) expect(bucket.take("sub", "read").ok).toBe(true);
    expect(bucket.take("sub", "read").ok).toBe(false);
  });
});

describe("Cost Management QPU", () => {
  it("allows 12 QPU per 10 s and says when to retry", () => {
    let now = 0;
    const qpu = createCostThrottle(() => now);
    for (let i = 0; i < 6; i++) expect(qpu.take("tenant", 2).ok).toBe(true);
    const refused = qpu.take("tenant", 2);
    expect(refused.ok).toBe(false);
    expect(refused.retryAfterSeconds).toBe(10);
    now += 10_001;
    expect(qpu.take("tenant", 2).ok).toBe(true);
  });

  it("also holds to 60 a minute", () => {
    let now = 0;
    const qpu = createCostThrottle(() => now);
    let granted = 0;
    // Six 10-second windows would allow 72; the minute allows 60.
    for (let i = 0; i < 600; i++, now += 100) if (qpu.take("t", 1).ok) granted++;
    expect(granted).toBe(60);
  });
});
