/**
 * Changes that happen "now and then" in a living estate, on the load cycle's clock: a label edited, a manual
 * count bumped, an autoscaler max raised, owner tags added, a version upgrade (Upgrading for 45 cycle-minutes,
 * then done), a node image refresh. The first comes 90 cycle-minutes in (90 s in the demo), then every few hours.
 */
import type { Estate, EstatePool } from "../estate/types";
import { createRng, unit } from "../estate/random";
import { KUBERNETES_VERSIONS, compareVersions, latestImage } from "../estate/versions";
import type { PoolPatch } from "./pool-change";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type DriftEvent = { atCycleMs: number; poolId: string; kind: string; patch: PoolPatch };

export type DriftPlanner = { peek(): DriftEvent | undefined; take(): DriftEvent | undefined };

const kinds = ["label", "count", "upgrade", "tags", "max", "image"] as const;

export function createDriftPlanner(estate: Estate, startCycleMs: number, clusterVersionOf: (pool: EstatePool) => string): DriftPlanner {
  let n = 0;
  let cursor = startCycleMs + 90 * MINUTE;
  const queue: DriftEvent[] = [];
  const live = estate.pools.filter((p) => p.arm.properties.powerState?.code !== "Stopped");

  const plan = () => {
    while (queue.length < 2 && live.length > 0) {
      const rng = createRng(estate.seed, "drift", n);
      const kind = kinds[n % kinds.length];
      // Upgrades go to a pool that has one available (behind its control plane), when there is such a pool.
      const behind = kind === "upgrade" ? live.filter((p) => canUpgrade(p, clusterVersionOf(p))) : [];
      const candidates = behind.length ? behind : live;
      const pool = candidates[Math.floor(unit(estate.seed, "drift-pool", n) * candidates.length)];
      const atCycleMs = cursor;
      cursor += rng.int(3 * 60, 7 * 60) * MINUTE;
      n++;
      const events = eventsFor(kind, pool, atCycleMs, rng.int(1, 99), clusterVersionOf(pool));
      queue.push(...events);
      queue.sort((a, b) => a.atCycleMs - b.atCycleMs);
    }
  };
  return {
    peek: () => {
      plan();
      return queue[0];
    },
    take: () => {
      plan();
      return queue.shift();
    },
  };
}

function canUpgrade(pool: EstatePool, clusterVersion: string): boolean {
  const p = pool.arm.properties;
  const current = p.currentOrchestratorVersion ?? p.orchestratorVersion ?? clusterVersion;
  return p.provisioningState !== "Upgrading" && compareVersions(current, clusterVersion) < 0;
}

function eventsFor(kind: (typeof kinds)[number], pool: EstatePool, at: number, r: number, clusterVersion: string): DriftEvent[] {
  const p = pool.arm.properties;
  const id = pool.id;
  switch (kind) {
    case "label":
      return [{ atCycleMs: at, poolId: id, kind, patch: { nodeLabels: { ...(p.nodeLabels ?? {}), "team-tier": r % 2 ? "gold" : "silver" } } }];
    case "tags":
      return [{ atCycleMs: at, poolId: id, kind, patch: { tags: { ...(p.tags ?? {}), owner: p.tags?.owner ?? "team-platform", "review-by": `2027-0${1 + (r % 9)}-01` } } }];
    case "count":
      if (p.enableAutoScaling || p.type === "VirtualMachines") return [{ atCycleMs: at, poolId: id, kind: "max", patch: { maxCount: (p.maxCount ?? 3) + 1 } }];
      return [{ atCycleMs: at, poolId: id, kind, patch: { count: Math.max(1, (p.count ?? 1) + (r % 2 ? 1 : -1)) } }];
    case "max":
      if (!p.enableAutoScaling) return [{ atCycleMs: at, poolId: id, kind: "label", patch: { nodeLabels: { ...(p.nodeLabels ?? {}), "cost-optimised": "true" } } }];
      return [{ atCycleMs: at, poolId: id, kind, patch: { maxCount: (p.maxCount ?? 3) + 2 } }];
    case "image": {
      const image = p.nodeImageVersion ?? "";
      const latest = image.startsWith("AKSWindows") ? latestImage("windows") : image.startsWith("AKSAzureLinux") ? latestImage("azureLinux") : image.includes("arm64") ? latestImage("ubuntuArm") : latestImage("ubuntu");
      const next = latest === image ? image.replace(/(\d+)$/, (d) => String(Number(d) + 1)) : latest;
      return [{ atCycleMs: at, poolId: id, kind, patch: { nodeImageVersion: next } }];
    }
    case "upgrade": {
      const current = p.currentOrchestratorVersion ?? p.orchestratorVersion ?? clusterVersion;
      const target = KUBERNETES_VERSIONS.find((v) => compareVersions(v, current) > 0 && compareVersions(v, clusterVersion) <= 0);
      if (!target || p.provisioningState === "Upgrading") return [{ atCycleMs: at, poolId: id, kind: "label", patch: { nodeLabels: { ...(p.nodeLabels ?? {}), "upgrade-wave": String(1 + (r % 3)) } } }];
      return [
        { atCycleMs: at, poolId: id, kind: "upgrade-start", patch: { orchestratorVersion: target, provisioningState: "Upgrading" } },
        { atCycleMs: at + 45 * MINUTE, poolId: id, kind: "upgrade-finish", patch: { currentOrchestratorVersion: target, provisioningState: "Succeeded" } },
      ];
    }
  }
}

export const DRIFT_HOUR_MS = HOUR;
