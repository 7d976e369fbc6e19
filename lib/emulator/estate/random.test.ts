import { describe, expect, it } from "vitest";
import { createRng, stableHex, stableUuid } from "./random";

describe("stableUuid", () => {
  it("is the uuid-keyed stableHex with the version and variant digits set", () => {
    const rng = createRng("stable-uuid-test");
    for (let i = 0; i < 5_000; i++) {
      const key = Array.from({ length: rng.int(0, 4) }, () => (rng.chance(0.3) ? rng.int(0, 2 ** 45) : rng.hex(rng.int(0, 40))));
      const h = stableHex(32, "uuid", ...key);
      const variant = "89ab"[parseInt(h[16], 16) % 4];
      expect(stableUuid(...key)).toBe(`${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`);
    }
  });
});
