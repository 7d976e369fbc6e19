import { describe, expect, it } from "vitest";
import { createRng } from "../estate/random";
import { iso, microTime } from "./objects";

describe("iso", () => {
  it("writes what toISOString gives, to the second", () => {
    const rng = createRng("iso-test");
    const times = [0, 1, 999, 951_782_400_000, 4_107_542_399_999, 253_402_300_799_999, 253_402_300_800_000, -1, -62_198_755_200_000];
    for (let i = 0; i < 20_000; i++) times.push(rng.int(0, 253_402_300_799_999), 1_700_000_000_000 + rng.int(0, 10 ** 11));
    for (const ms of times) expect(iso(ms)).toBe(new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z"));
  });

  it("and with microseconds, what toISOString gives with 000 added, for times with fractions too", () => {
    const rng = createRng("micro-time-test");
    const times = [0, 0.5, 999.75, -1.5, 253_402_300_799_999.5, 253_402_300_800_000];
    for (let i = 0; i < 20_000; i++) times.push(1_700_000_000_000 + rng.next() * 10 ** 11, rng.int(0, 253_402_300_799_999));
    for (const ms of times) expect(microTime(ms)).toBe(new Date(ms).toISOString().replace("Z", "000Z"));
  });
});
