/**
 * What the cluster autoscaler would do: for each pool of a subscription at an instant, the replicas its workload
 * wants, the nodes that takes, the nodes it gets (within min/max and the regional vCPU quota) and what stays
 * Pending. Pools share quota in estate order, as scale-ups race for it in real life.
 */
import type { EstatePool, PoolConfigEpoch } from "../estate/types";
import { vmSizeOrDefault } from "../estate/vm-sizes";
import { podsPerNode, replicasAt } from "./load";

export type LimitReason = "max" | "quota" | "stopped" | "manual" | null;

export type PoolLoad = {
  replicas: number;
  podsPerNode: number;
  /** Nodes the replicas need. */
  needed: number;
  /** Nodes the autoscaler wants (needed within min..max). */
  desired: number;
  /** Nodes it has. */
  count: number;
  pending: number;
  limitedBy: LimitReason;
};

export function configAt(pool: EstatePool, tMs: number): PoolConfigEpoch {
  let current = pool.configLog[0];
  for (const epoch of pool.configLog) if (epoch.fromMs <= tMs) current = epoch;
  return current;
}

const SCALE_DOWN_LOOKBACK_MS = [0, 10 * 60_000, 20 * 60_000];

export type EvaluateInput = {
  pools: EstatePool[];
  locationOf: (pool: EstatePool) => string;
  quotas: Record<string, Record<string, number>>;
  anchorMs: number;
  /** Time that selects the pool configuration. */
  configMs: number;
  /** Time that selects the load (the cycle time). */
  loadMs: number;
  /** Scale down only after demand has been lower for a while (the live view); cost replay skips it. */
  hysteresis: boolean;
};

// Plain functions, not closures made per pool: evaluatePools runs for every pool of a subscription for every hour
// the cost model replays, and making closures there was a good part of its cost.
function neededFor(perNode: number, replicas: number): number {
  return perNode > 0 ? Math.ceil(replicas / perNode) : replicas > 0 ? Infinity : 0;
}

function usedOf(used: Map<string, number>, key: string): number {
  return used.get(key) ?? 0;
}

export function evaluatePools(input: EvaluateInput): Map<string, PoolLoad> {
  const result = new Map<string, PoolLoad>();
  const used = new Map<string, number>();
  for (const pool of input.pools) {
    const config = configAt(pool, input.configMs);
    const props = pool.arm.properties;
    const os = props.osType ?? "Linux";
    const maxPods = props.maxPods ?? 110;
    const region = input.locationOf(pool);
    const limits = input.quotas[region] ?? {};
    const spot = props.scaleSetPriority === "Spot";
    const perNode = podsPerNode(pool.workload, config.vmSize, maxPods, os);
    const replicas = replicasAt(pool.workload, pool.id, input.loadMs, input.anchorMs);
    let needed = neededFor(perNode, replicas);
    const manualSizes = props.virtualMachinesProfile?.scale.manual;

    let desired: number;
    let limitedBy: LimitReason = null;
    if (config.stopped) {
      desired = 0;
      limitedBy = "stopped";
    } else if (manualSizes) {
      desired = manualSizes.reduce((n, s) => n + s.count, 0);
      limitedBy = "manual";
    } else if (config.autoscale) {
      if (input.hysteresis) {
        for (const back of SCALE_DOWN_LOOKBACK_MS.slice(1)) needed = Math.max(needed, neededFor(perNode, replicasAt(pool.workload, pool.id, input.loadMs - back, input.anchorMs)));
      }
      desired = Math.min(config.maxCount, Math.max(config.minCount, needed));
      if (needed > config.maxCount) limitedBy = "max";
    } else {
      desired = config.count;
      limitedBy = "manual";
    }

    let count = desired;
    if (!manualSizes && desired > 0) {
      const size = vmSizeOrDefault(config.vmSize);
      const familyKey = `${region}|${spot ? "lowPriorityCores" : size.family}`;
      const coresKey = `${region}|cores`;
      const familyLimit = limits[spot ? "lowPriorityCores" : size.family] ?? Infinity;
      const coresLimit = spot ? Infinity : limits.cores ?? Infinity;
      const room = Math.min(familyLimit - usedOf(used, familyKey), coresLimit - usedOf(used, coresKey));
      const fit = Math.max(0, Math.floor(room / size.vcpus));
      if (fit < desired) {
        count = fit;
        limitedBy = "quota";
      }
      used.set(familyKey, usedOf(used, familyKey) + count * size.vcpus);
      if (!spot) used.set(coresKey, usedOf(used, coresKey) + count * size.vcpus);
    }
    const capacity = manualSizes
      ? manualSizes.reduce((n, s) => n + s.count * podsPerNode(pool.workload, s.size, maxPods, os), 0)
      : count * perNode;
    result.set(pool.id, {
      replicas,
      podsPerNode: perNode,
      needed: Number.isFinite(needed) ? needed : 9999,
      desired,
      count,
      pending: Math.max(0, replicas - capacity),
      limitedBy,
    });
  }
  return result;
}
