import { describe, expect, it } from "vitest";
import { generateEstate } from "../estate/generate";
import { createClock } from "../sim/clock";
import { createSimulation } from "../sim/simulation";
import { createKubeState } from "./snapshot";

describe("nodes served from their plans", () => {
  it.each([
    ["demo", 1],
    ["medium", 7],
  ] as const)("write the JSON of the node objects byte for byte (%s estate)", (size, seed) => {
    const clock = createClock({ startTime: new Date("2026-11-18T14:00:00Z"), speed: 60, realNow: () => 1_800_000_000_000 });
    const estate = generateEstate({ seed, size, startMs: clock.startMs });
    const kube = createKubeState(createSimulation(estate, clock));
    const seen = { tainted: 0, cordoned: 0, unready: 0 };
    for (const cluster of estate.clusters.filter((c) => !c.unreachable)) {
      for (const node of kube.snapshot(cluster).nodes) {
        const object = node.object() as { spec: { taints?: unknown[]; unschedulable?: boolean }; status: { conditions: Array<{ type: string; status: string }> } };
        expect(node.json()).toBe(JSON.stringify(object));
        if (object.spec.taints) seen.tainted++;
        if (object.spec.unschedulable) seen.cordoned++;
        if (object.status.conditions.some((c) => c.type === "Ready" && c.status !== "True")) seen.unready++;
      }
    }
    // The demo estate has a tainted, a cordoned and an unready node; the medium one many alike.
    if (size === "demo") expect(Math.min(seen.tainted, seen.cordoned, seen.unready)).toBeGreaterThan(0);
  });
});

describe("cluster snapshots", () => {
  const clock = createClock({ startTime: new Date("2026-11-18T14:00:00Z"), speed: 60, realNow: () => 1_800_000_000_000 });
  const estate = generateEstate({ seed: 1, size: "demo", startMs: clock.startMs });
  const sim = createSimulation(estate, clock);
  const kube = createKubeState(sim);
  const [cluster, other] = estate.clusters.filter((c) => !c.unreachable);

  it("are built once while their cluster is unchanged, whatever changes elsewhere", () => {
    const first = kube.snapshot(cluster);
    sim.changePool(other.poolIds[0], { nodeLabels: { team: "elsewhere" } });
    expect(kube.snapshot(cluster)).toBe(first);
    sim.changePool(cluster.poolIds[0], { nodeLabels: { team: "here" } });
    expect(kube.snapshot(cluster)).not.toBe(first);
  });

  it("keep the nodes they were built with while a continue token points at them, though the pool changes", () => {
    const snapshot = kube.snapshot(cluster);
    const nodes = snapshot.nodes.map((n) => n.json());
    kube.keepForContinue(cluster, snapshot);
    sim.changePool(cluster.poolIds[0], { nodeImageVersion: "AKSUbuntu-2204gen2containerd-202612.01.0", maxPods: 250 });
    const kept = kube.snapshotAt(cluster, snapshot.rv)!;
    expect(kept.nodes.map((n) => n.json())).toEqual(nodes);
    expect(kube.snapshot(cluster).nodes.map((n) => n.json())).not.toEqual(nodes);
  });
});
