import { describe, expect, it } from "vitest";
import { generateEstate } from "../estate/generate";
import { createClock } from "../sim/clock";
import { createSimulation } from "../sim/simulation";
import { createKubeState } from "./snapshot";

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
