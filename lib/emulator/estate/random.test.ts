import { describe, expect, it } from "vitest";
import { createRng, hash32, hashPrefix, stableHex, stableUuid, unit } from "./random";

/** Keys as the emulator makes them: names, and numbers (times, indexes) of any size and sign. */
function randomKey(rng: ReturnType<typeof createRng>): Array<string | number> {
  const number = () => [rng.int(0, 2 ** 45), rng.int(0, 9), -rng.int(1, 1000), rng.next() * 1e6, 2 ** 53 - rng.int(1, 1000), 1e21, NaN][rng.int(0, 6)];
  return Array.from({ length: rng.int(0, 4) }, () => (rng.chance(0.4) ? number() : rng.hex(rng.int(0, 40))));
}

describe("stableUuid", () => {
  it("is the uuid-keyed stableHex with the version and variant digits set", () => {
    const rng = createRng("stable-uuid-test");
    for (let i = 0; i < 5_000; i++) {
      const key = randomKey(rng);
      const h = stableHex(32, "uuid", ...key);
      const variant = "89ab"[parseInt(h[16], 16) % 4];
      expect(stableUuid(...key)).toBe(`${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`);
    }
  });
});

describe("hashing keys in parts", () => {
  it("gives what hashing the joined text gives", () => {
    const rng = createRng("hash-parts-test");
    for (let i = 0; i < 5_000; i++) {
      const key = randomKey(rng);
      expect(unit(...key)).toBe(hash32(key.join("\u0000")) / 4294967296);
      const [start, rest] = [rng.hex(rng.int(0, 30)), rng.hex(rng.int(0, 30))];
      expect(hash32(rest, hashPrefix(start))).toBe(hash32(start + rest));
    }
  });
});
