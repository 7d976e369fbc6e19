import { describe, expect, it } from "vitest";
import { generateEstate } from "../estate/generate";
import { createRng } from "../estate/random";
import { createClock } from "../sim/clock";
import { createSimulation } from "../sim/simulation";
import { iso } from "./objects";
import { fieldValue } from "./selectors";
import { createKubeState } from "./snapshot";

describe("pods served from their plans", () => {
  it.each([
    ["demo", 1, 100],
    ["medium", 7, 6],
  ] as const)("write the JSON of the pod objects byte for byte, and select by the same field values (%s estate)", (size, seed, clusters) => {
    const clock = createClock({ startTime: new Date("2026-11-18T14:00:00Z"), speed: 60, realNow: () => 1_800_000_000_000 });
    const estate = generateEstate({ seed, size, startMs: clock.startMs });
    const kube = createKubeState(createSimulation(estate, clock));
    let running = 0;
    for (const cluster of estate.clusters.slice(0, clusters)) {
      for (const pod of kube.snapshot(cluster).pods) {
        expect(pod.json()).toBe(JSON.stringify(pod.object()));
        for (const field of ["metadata.name", "metadata.namespace", "spec.nodeName", "status.phase", "status.podIP"]) expect(pod.field(field)).toBe(fieldValue(pod.object(), field));
        expect(pod.labels).toEqual((pod.object().metadata as { labels: unknown }).labels);
        if (pod.field("status.phase") === "Running") running++;
      }
    }
    expect(running).toBeGreaterThan(100);
  });
});

describe("iso", () => {
  it("writes what toISOString gives, to the second", () => {
    const rng = createRng("iso-test");
    const times = [0, 1, 999, 951_782_400_000, 4_107_542_399_999, 253_402_300_799_999, 253_402_300_800_000, -1, -62_198_755_200_000];
    for (let i = 0; i < 20_000; i++) times.push(rng.int(0, 253_402_300_799_999), 1_700_000_000_000 + rng.int(0, 10 ** 11));
    for (const ms of times) expect(iso(ms)).toBe(new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z"));
  });
});
