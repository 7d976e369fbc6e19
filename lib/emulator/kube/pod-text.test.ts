import { describe, expect, it } from "vitest";
import { generateEstate } from "../estate/generate";
import { createClock } from "../sim/clock";
import { createSimulation } from "../sim/simulation";
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
