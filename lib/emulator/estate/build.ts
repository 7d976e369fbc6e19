/**
 * Turns subscription/cluster/pool specs into the estate: ARM bodies in their wire shape, scale sets in the node
 * resource group, and the nodes that exist at the start time. Every id and random choice comes from the seed.
 */
import type { SubscriptionSpec } from "./spec";
import type { Estate, EstateSize, EstateSubscription } from "./types";
import { createRng, stableUuid } from "./random";
import { vmSizeOrDefault } from "./vm-sizes";
import { buildCluster } from "./build-cluster";
import { buildPool } from "./build-pool";

export { newNode, nodeName } from "./build-pool";

const DAY = 86_400_000;

export type BuildInput = { seed: number; sizeName: string; size: EstateSize; startMs: number; subscriptions: SubscriptionSpec[] };

export function buildEstate(input: BuildInput): Estate {
  const { seed, startMs } = input;
  const tenantId = stableUuid(seed, "tenant");
  const estate: Estate = {
    seed,
    sizeName: input.sizeName,
    size: input.size,
    tenantId,
    clientId: stableUuid(seed, "client"),
    subscriptions: [],
    clusters: [],
    pools: [],
  };
  input.subscriptions.forEach((subSpec, s) => {
    const subscriptionId = stableUuid(seed, "subscription", s);
    const sub = buildSubscription(estate, subSpec, subscriptionId);
    estate.subscriptions.push(sub);
    subSpec.clusters.forEach((clusterSpec, c) => {
      const rng = createRng(seed, "cluster", s, c);
      const cluster = buildCluster(estate, clusterSpec, subscriptionId, rng);
      estate.clusters.push(cluster);
      clusterSpec.pools.forEach((poolSpec) => {
        const pool = buildPool(cluster, clusterSpec, poolSpec, rng, startMs);
        cluster.poolIds.push(pool.id);
        estate.pools.push(pool);
      });
    });
    fillQuotas(estate, sub, subSpec);
  });
  return estate;
}

function buildSubscription(estate: Estate, spec: SubscriptionSpec, subscriptionId: string): EstateSubscription {
  return {
    id: subscriptionId,
    arm: {
      id: `/subscriptions/${subscriptionId}`,
      authorizationSource: "RoleBased",
      managedByTenants: [],
      subscriptionId,
      tenantId: estate.tenantId,
      displayName: spec.displayName,
      state: "Enabled",
      subscriptionPolicies: { locationPlacementId: "Public_2014-09-01", quotaId: spec.quotaId, spendingLimit: "Off" },
      ...(spec.tags ? { tags: spec.tags } : {}),
    },
    quotas: {},
    reservationCoverage: spec.reservationCoverage ?? 0,
  };
}

function fillQuotas(estate: Estate, sub: EstateSubscription, spec: SubscriptionSpec): void {
  // Generous limits: 1.6x the most the pools could ever use, rounded up; specs override (quota pressure).
  const need: Record<string, Record<string, number>> = {};
  for (const pool of estate.pools.filter((p) => p.subscriptionId === sub.id)) {
    const cluster = estate.clusters.find((c) => c.id === pool.clusterId)!;
    const region = cluster.location;
    const p = pool.arm.properties;
    const sizes = p.virtualMachinesProfile?.scale.manual ?? [{ size: p.vmSize ?? "", count: Math.max(p.count ?? 0, p.maxCount ?? 0) }];
    need[region] ??= {};
    for (const { size, count } of sizes) {
      const vm = vmSizeOrDefault(size);
      const vcpus = vm.vcpus * (count + 1);
      const family = p.scaleSetPriority === "Spot" ? "lowPriorityCores" : vm.family;
      need[region][family] = (need[region][family] ?? 0) + vcpus;
      need[region].cores = (need[region].cores ?? 0) + (p.scaleSetPriority === "Spot" ? 0 : vcpus);
    }
  }
  for (const [region, usages] of Object.entries(need)) {
    sub.quotas[region] = {};
    for (const [name, vcpus] of Object.entries(usages)) sub.quotas[region][name] = Math.max(name === "cores" ? 100 : 20, Math.ceil((vcpus * 1.6) / 10) * 10);
    Object.assign(sub.quotas[region], spec.quotas?.[region] ?? {});
  }
  for (const [region, overrides] of Object.entries(spec.quotas ?? {})) sub.quotas[region] ??= { ...overrides };
}

export const DAY_MS = DAY;
