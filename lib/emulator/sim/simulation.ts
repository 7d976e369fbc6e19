/**
 * The living estate: brings pools up to the simulated present when they are read (drift events, autoscaling,
 * node churn), lazily and per subscription, so a 60,000-node estate costs nothing until someone looks at it.
 */
import type { Estate, EstateCluster, EstateNode, EstatePool } from "../estate/types";
import { createLookup, type EstateLookup } from "../estate/lookup";
import { newNode } from "../estate/build";
import type { Clock } from "./clock";
import { evaluatePools, type PoolLoad } from "./capacity";
import { createDriftPlanner, type DriftPlanner } from "./drift";
import { applyPoolPatch, validatePatch, type PoolPatch } from "./pool-change";

export type ChangeRecord = { atMs: number; poolId: string; kind: string; patch: PoolPatch };

export type Simulation = {
  readonly estate: Estate;
  readonly lookup: EstateLookup;
  readonly clock: Clock;
  /** Bumps whenever one of the cluster's pools changes (config or nodes). */
  clusterVersion(cluster: EstateCluster): number;
  /** Live load of every pool of a subscription, after bringing them up to now. */
  syncSubscription(subscriptionId: string): Map<string, PoolLoad>;
  syncCluster(cluster: EstateCluster): Map<string, PoolLoad>;
  changePool(poolId: string, patch: unknown, kind?: string): EstatePool;
  changes(): readonly ChangeRecord[];
  locationOf(pool: EstatePool): string;
};

export function createSimulation(estate: Estate, clock: Clock): Simulation {
  const lookup = createLookup(estate);
  const anchorMs = clock.startMs;
  // Changes counted per cluster and per subscription: a change elsewhere leaves what was worked out here standing.
  const versions = new Map<string, number>();
  const versionOf = (id: string) => versions.get(id) ?? 0;
  const changed = (pool: EstatePool) => {
    versions.set(pool.clusterId, versionOf(pool.clusterId) + 1);
    versions.set(pool.subscriptionId, versionOf(pool.subscriptionId) + 1);
  };
  let changeNumber = 0;
  const log: ChangeRecord[] = [];
  const cache = new Map<string, { key: string; loads: Map<string, PoolLoad> }>();
  const clusterOf = (pool: EstatePool) => lookup.clusterById(pool.clusterId)!;
  const locationOf = (pool: EstatePool) => clusterOf(pool).location;
  const drift: DriftPlanner = createDriftPlanner(estate, clock.cycleNowMs(), (pool) => clusterOf(pool).arm.properties.kubernetesVersion);
  // Pools generated mid-upgrade finish some hours in, so the demo shows the state for a while.
  const pendingFinishes = estate.pools
    .filter((p) => p.arm.properties.provisioningState === "Upgrading")
    .map((p) => ({ atCycleMs: clock.cycleNowMs() + 6 * 3_600_000, poolId: p.id, patch: { currentOrchestratorVersion: p.arm.properties.orchestratorVersion, provisioningState: "Succeeded" } as PoolPatch }));

  const changePool = (poolId: string, rawPatch: unknown, kind = "change"): EstatePool => {
    const pool = lookup.pool(poolId);
    if (!pool) throw new Error(`no pool ${poolId}`);
    const patch = validatePatch(rawPatch);
    applyPoolPatch(pool, patch, clock.nowMs(), ++changeNumber);
    log.push({ atMs: clock.nowMs(), poolId: pool.id, kind, patch });
    if (log.length > 1000) log.splice(0, log.length - 1000);
    changed(pool);
    return pool;
  };

  const runDueDrift = () => {
    const cycle = clock.cycleNowMs();
    for (let i = pendingFinishes.length - 1; i >= 0; i--) {
      if (pendingFinishes[i].atCycleMs <= cycle) {
        changePool(pendingFinishes[i].poolId, pendingFinishes[i].patch, "upgrade-finish");
        pendingFinishes.splice(i, 1);
      }
    }
    // A long clock jump fires at most a bounded number of events (the estate does not need every one).
    for (let guard = 0; guard < 50; guard++) {
      const next = drift.peek();
      if (!next || next.atCycleMs > cycle) break;
      drift.take();
      const busy = next.kind === "upgrade-start" && lookup.pool(next.poolId)?.arm.properties.provisioningState === "Upgrading";
      if (!busy) changePool(next.poolId, next.patch, next.kind);
    }
  };

  const syncSubscription = (subscriptionId: string): Map<string, PoolLoad> => {
    runDueDrift();
    const sub = lookup.subscription(subscriptionId);
    if (!sub) return new Map();
    const nowMs = clock.nowMs();
    const cycleMs = clock.cycleNowMs();
    const key = `${Math.floor(cycleMs / 30_000)}|${versionOf(sub.id)}`;
    const cached = cache.get(sub.id);
    if (cached && cached.key === key) return cached.loads;
    const pools = lookup.poolsOfSubscription(sub.id);
    const loads = evaluatePools({ pools, locationOf, quotas: sub.quotas, anchorMs, configMs: nowMs, loadMs: cycleMs, hysteresis: true });
    for (const pool of pools) if (reconcileNodes(pool, loads.get(pool.id)!, nowMs)) changed(pool);
    cache.set(sub.id, { key: `${Math.floor(cycleMs / 30_000)}|${versionOf(sub.id)}`, loads });
    return loads;
  };

  return {
    estate,
    lookup,
    clock,
    clusterVersion: (cluster) => versionOf(cluster.id),
    syncSubscription,
    syncCluster: (cluster) => syncSubscription(cluster.subscriptionId),
    changePool: (poolId, patch, kind) => {
      runDueDrift();
      return changePool(poolId, patch, kind);
    },
    changes: () => log,
    locationOf,
  };
}

/** Brings a pool's node list to the count the autoscaler settled on; returns whether anything changed. */
function reconcileNodes(pool: EstatePool, load: PoolLoad, nowMs: number): boolean {
  const props = pool.arm.properties;
  const zones = props.availabilityZones;
  const manual = props.virtualMachinesProfile?.scale.manual;
  let changed = false;
  if (manual) {
    const wanted = props.powerState?.code === "Stopped" ? [] : manual;
    for (const { size, count } of wanted) {
      const have = pool.nodes.filter((n) => n.vmSize.toLowerCase() === size.toLowerCase());
      for (let i = have.length; i < count; i++, changed = true) pool.nodes.push(newNode(pool, i, size, zones, nowMs));
      for (const extra of have.slice(count)) {
        pool.nodes.splice(pool.nodes.indexOf(extra), 1);
        changed = true;
      }
    }
    const sizes = new Set(wanted.map((w) => w.size.toLowerCase()));
    const before = pool.nodes.length;
    pool.nodes = pool.nodes.filter((n) => sizes.has(n.vmSize.toLowerCase()));
    changed ||= before !== pool.nodes.length;
    props.virtualMachineNodesStatus = wanted.map((w) => ({ size: w.size, count: w.count }));
    return changed;
  }
  const surge = props.provisioningState === "Upgrading" && load.count > 0 ? 1 : 0;
  const target = load.count + surge;
  const vmSize = props.vmSize ?? "Standard_D4s_v5";
  while (pool.nodes.length < target) {
    pool.nodes.push(newNode(pool, pool.nodes.length, vmSize, zones, nowMs));
    changed = true;
  }
  if (pool.nodes.length > target) {
    // The autoscaler removes the emptiest nodes; the newest are a fair stand-in.
    pool.nodes.sort((a: EstateNode, b: EstateNode) => a.instanceId - b.instanceId);
    pool.nodes.length = target;
    changed = true;
  }
  if (props.count !== load.count) {
    props.count = load.count;
    changed = true;
  }
  return changed;
}
