/**
 * Daily cost of a subscription, resource by resource, as Cost Management would bill it: scale sets (or VMs) per
 * node-hour at retail prices with their OS disks, and per cluster the uptime SLA, load balancer, public IP and
 * persistent disks. A reservation covers part of the regular VM cost in some subscriptions: ActualCost shows the
 * purchase on the 1st of the month, AmortizedCost spreads it over the days. Past days replay the load model at
 * their own hours with the configuration the pool had then; today accrues hour by hour up to now.
 */
import type { EstateCluster, EstatePool } from "../estate/types";
import { hourlyPrice } from "../estate/vm-sizes";
import { stableUuid } from "../estate/random";
import { configAt, evaluatePools } from "./capacity";
import type { Simulation } from "./simulation";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MANAGED_OS_DISK_HOURLY = 19.71 / 730; // P10, 128 GiB
const PV_DISK_HOURLY = 19.71 / 730;

export type CostItem = {
  resourceId: string;
  resourceGroupName: string;
  resourceType: string;
  resourceLocation: string;
  serviceName: string;
  meterCategory: string;
  subscriptionId: string;
  chargeType: "Usage" | "Purchase";
  pricingModel: "OnDemand" | "Spot" | "Reservation";
  tags: Record<string, string>;
};

export type CostEntry = { day: number; item: CostItem; actual: number; amortized: number; quantity: number };

export function dayNumber(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

export function dayStartMs(day: number): number {
  return Date.UTC(Math.floor(day / 10_000), (Math.floor(day / 100) % 100) - 1, day % 100);
}

type Accumulator = Map<string, { item: CostItem; actual: number; amortized: number; quantity: number }>;

export type CostModel = { costOfDay(subscriptionId: string, day: number, limitMs: number): CostEntry[] };

export function createCostModel(sim: Simulation): CostModel {
  const cache = new Map<string, CostEntry[]>();
  const signature = (subscriptionId: string) =>
    sim.lookup.poolsOfSubscription(subscriptionId).reduce((n, p) => n + p.configLog.length, 0) + ":" + sim.lookup.poolsOfSubscription(subscriptionId).map((p) => JSON.stringify(p.scaleSetTags).length).join(",");

  const compute = (subscriptionId: string, day: number, limitMs: number): CostEntry[] => {
    const sub = sim.lookup.subscription(subscriptionId);
    if (!sub) return [];
    const pools = sim.lookup.poolsOfSubscription(sub.id);
    const clusters = sim.lookup.clustersOf(sub.id);
    const start = dayStartMs(day);
    const acc: Accumulator = new Map();
    // A resource's item (id, tags, hashed names) is the same every hour of the day: built once, on first use, and
    // held by position (no per-hour keys or closures: the hour loop runs 24 times per pool per subscription-day).
    const clusterOfPool = pools.map((pool) => sim.lookup.clusterById(pool.clusterId)!);
    const scaleSetItems: (CostItem | undefined)[] = [];
    const vmItems: CostItem[][] = pools.map(() => []);
    const clusterItems = clusters.map(() => ({ cluster: undefined as CostItem | undefined, lb: undefined as CostItem | undefined, pip: undefined as CostItem | undefined, disks: [] as CostItem[] }));
    const add = (item: CostItem, amount: number, quantity: number, reservable: boolean) => {
      const entry = acc.get(item.resourceId) ?? { item, actual: 0, amortized: 0, quantity: 0 };
      const covered = reservable ? amount * sub.reservationCoverage : 0;
      entry.actual += amount - covered;
      entry.amortized += amount - covered + covered * 0.62;
      entry.quantity += quantity;
      acc.set(item.resourceId, entry);
    };
    for (let h = 0; h < 24; h++) {
      const hourStart = start + h * HOUR;
      if (hourStart >= limitMs) break;
      const share = Math.min(1, (limitMs - hourStart) / HOUR);
      const mid = hourStart + HOUR / 2;
      const loads = evaluatePools({ pools, locationOf: sim.locationOf, quotas: sub.quotas, anchorMs: sim.clock.startMs, configMs: mid, loadMs: mid, hysteresis: false });
      for (let index = 0; index < pools.length; index++) {
        const pool = pools[index];
        const load = loads.get(pool.id)!;
        if (load.count === 0) continue;
        const cluster = clusterOfPool[index];
        const p = pool.arm.properties;
        const os = p.osType ?? "Linux";
        const spot = p.scaleSetPriority === "Spot";
        const disk = p.osDiskType === "Ephemeral" ? 0 : MANAGED_OS_DISK_HOURLY;
        const manual = p.virtualMachinesProfile?.scale.manual;
        if (manual) {
          let ordinal = 1;
          for (const { size, count } of manual) {
            for (let i = 0; i < count; i++, ordinal++) {
              const price = hourlyPrice(size, cluster.location, os, "Regular") + disk;
              const item = (vmItems[index][ordinal] ??= vmItem(sub.id, cluster, pool, "virtualmachines", `${pool.scaleSetName.replace(/-vmss$/, "-vms")}${ordinal}`));
              add(item, price * share, share, true);
            }
          }
          continue;
        }
        const vmSize = configAt(pool, mid).vmSize;
        const price = hourlyPrice(vmSize, cluster.location, os, spot ? "Spot" : "Regular") + disk;
        add((scaleSetItems[index] ??= vmItem(sub.id, cluster, pool, "virtualmachinescalesets", pool.scaleSetName)), load.count * price * share, load.count * share, !spot);
      }
      for (let c = 0; c < clusters.length; c++) {
        const cluster = clusters[c];
        const own = clusterItems[c];
        const tier = cluster.arm.sku.tier;
        if (tier !== "Free") add((own.cluster ??= clusterItem(sub.id, cluster)), (tier === "Premium" ? 0.6 : 0.1) * share, share, false);
        add((own.lb ??= networkItem(sub.id, cluster, "loadbalancers", "kubernetes", "Load Balancer")), 0.025 * share + 0.005 * share, share, false);
        add((own.pip ??= networkItem(sub.id, cluster, "publicipaddresses", stableUuid(cluster.id, "pip"), "Virtual Network")), 0.005 * share, share, false);
        for (let d = 0; d < cluster.diskCount; d++) add((own.disks[d] ??= diskItem(sub.id, cluster, d)), PV_DISK_HOURLY * share, share, false);
      }
    }
    const entries: CostEntry[] = [...acc.values()].map((e) => ({ day, item: e.item, actual: e.actual, amortized: e.amortized, quantity: e.quantity }));
    if (sub.reservationCoverage > 0 && day % 100 === 1 && start < limitMs) {
      // The monthly reservation payment: about what the covered share would cost at the reserved rate for a month.
      const dailyReserved = entries.reduce((n, e) => n + (e.amortized - e.actual), 0);
      const daysInMonth = new Date(Date.UTC(Math.floor(day / 10_000), Math.floor(day / 100) % 100, 0)).getUTCDate();
      entries.push({
        day,
        item: {
          resourceId: `/providers/microsoft.capacity/reservationorders/${stableUuid(sub.id, "reservation")}`,
          resourceGroupName: "",
          resourceType: "microsoft.capacity/reservationorders",
          resourceLocation: "global",
          serviceName: "Virtual Machines",
          meterCategory: "Virtual Machines",
          subscriptionId: sub.id,
          chargeType: "Purchase",
          pricingModel: "Reservation",
          tags: {},
        },
        actual: Math.round(dailyReserved * daysInMonth * 100) / 100,
        amortized: 0,
        quantity: 1,
      });
    }
    return entries;
  };

  return {
    costOfDay(subscriptionId, day, limitMs) {
      const complete = dayStartMs(day) + DAY <= limitMs;
      if (!complete) return compute(subscriptionId, day, limitMs);
      const key = `${subscriptionId.toLowerCase()}|${day}|${signature(subscriptionId)}`;
      let entries = cache.get(key);
      if (!entries) {
        entries = compute(subscriptionId, day, limitMs);
        cache.set(key, entries);
        if (cache.size > 50_000) cache.delete(cache.keys().next().value!);
      }
      return entries;
    },
  };
}

function vmItem(subscriptionId: string, cluster: EstateCluster, pool: EstatePool, type: string, name: string): CostItem {
  return {
    resourceId: `/subscriptions/${subscriptionId}/resourcegroups/${cluster.nodeResourceGroup}/providers/microsoft.compute/${type}/${name}`.toLowerCase(),
    resourceGroupName: cluster.nodeResourceGroup.toLowerCase(),
    resourceType: `microsoft.compute/${type}`,
    resourceLocation: cluster.location,
    serviceName: "Virtual Machines",
    meterCategory: "Virtual Machines",
    subscriptionId,
    chargeType: "Usage",
    pricingModel: pool.arm.properties.scaleSetPriority === "Spot" ? "Spot" : "OnDemand",
    tags: { ...pool.scaleSetTags },
  };
}

function clusterItem(subscriptionId: string, cluster: EstateCluster): CostItem {
  return {
    resourceId: cluster.id.toLowerCase(),
    resourceGroupName: cluster.resourceGroup.toLowerCase(),
    resourceType: "microsoft.containerservice/managedclusters",
    resourceLocation: cluster.location,
    serviceName: "Azure Kubernetes Service",
    meterCategory: "Azure Kubernetes Service",
    subscriptionId,
    chargeType: "Usage",
    pricingModel: "OnDemand",
    tags: { ...(cluster.arm.tags ?? {}) },
  };
}

function networkItem(subscriptionId: string, cluster: EstateCluster, type: string, name: string, category: string): CostItem {
  return {
    resourceId: `/subscriptions/${subscriptionId}/resourcegroups/${cluster.nodeResourceGroup}/providers/microsoft.network/${type}/${name}`.toLowerCase(),
    resourceGroupName: cluster.nodeResourceGroup.toLowerCase(),
    resourceType: `microsoft.network/${type}`,
    resourceLocation: cluster.location,
    serviceName: category,
    meterCategory: category,
    subscriptionId,
    chargeType: "Usage",
    pricingModel: "OnDemand",
    tags: { ...(cluster.arm.tags ?? {}), "aks-managed-cluster-name": cluster.name, "aks-managed-cluster-rg": cluster.resourceGroup },
  };
}

function diskItem(subscriptionId: string, cluster: EstateCluster, index: number): CostItem {
  return {
    resourceId: `/subscriptions/${subscriptionId}/resourcegroups/${cluster.nodeResourceGroup}/providers/microsoft.compute/disks/pvc-${stableUuid(cluster.id, "pvc", index)}`.toLowerCase(),
    resourceGroupName: cluster.nodeResourceGroup.toLowerCase(),
    resourceType: "microsoft.compute/disks",
    resourceLocation: cluster.location,
    serviceName: "Storage",
    meterCategory: "Storage",
    subscriptionId,
    chargeType: "Usage",
    pricingModel: "OnDemand",
    tags: { "k8s-azure-created-by": "kubernetes-azure-dd", "kubernetes.io-created-for-pvc-namespace": "default" },
  };
}

