/**
 * The reading half of a run: discover subscriptions (configured, or every one the credential can list), then per
 * subscription its clusters (each with pools, machines and Kubernetes side), its regional vCPU quota for the
 * families in use and its cost; then retail prices for the sizes in use, and estimates where actuals are missing.
 * All calls share one CallRunner, which bounds concurrency overall and per subscription or cluster.
 */
import type { TokenCredential } from "@azure/identity";
import type { ArmClient } from "@/lib/azure/arm-client";
import { listComputeUsages } from "@/lib/azure/compute-usages";
import { listManagedClusters } from "@/lib/azure/managed-clusters";
import { listRetailPrices } from "@/lib/azure/retail-prices";
import type { KubeTransport } from "@/lib/kube/kube-transport";
import { getSubscription, listSubscriptions } from "@/lib/azure/subscriptions";
import { estimateDailyCost, findPoolPrice, priceKey, type PriceRecord } from "@/lib/model/price";
import { selectQuotaUsages } from "@/lib/model/quota-family";
import type { CollectedPool, CollectedQuota, CollectedSnapshot, CollectedSubscription, RunError } from "@/lib/model/snapshot";
import type { CallRunner } from "@/lib/net/call-runner";
import { collectCluster, reportMalformed, type ClusterReading } from "./collect-cluster";
import { CostCollector, type CostPlan, type CostSummary } from "./collect-cost";
import { describeFailure } from "./describe-failure";

export type EstateProgress = { phase: string; scopesDone: number; scopesTotal: number };

export type EstateOptions = {
  arm: ArmClient;
  runner: CallRunner;
  credential: TokenCredential;
  pricesEndpoint: string;
  /** Subscription GUIDs to read; undefined reads every subscription the credential can list. */
  subscriptions?: string[];
  cost: CostPlan;
  /** Prices already in the store, with when they were fetched: fresh ones are not fetched again. */
  knownPrices: (PriceRecord & { fetchedAt: Date })[];
  priceMaxAgeMs: number;
  /** Items per Kubernetes list page (tests make it small to exercise paging). */
  kubePageSize?: number;
  /** Where clusters' lists are requested and read (default: the collector's thread). */
  kubeTransport?: KubeTransport;
  onProgress?: (progress: EstateProgress) => void;
};

type SubscriptionReading = { readings: ClusterReading[]; clusterListComplete: boolean; quotas: CollectedQuota[]; errors: RunError[] };

async function discoverSubscriptions(options: EstateOptions, errors: RunError[]): Promise<{ subscriptions: CollectedSubscription[]; complete: boolean }> {
  if (!options.subscriptions) {
    try {
      const { items, malformed } = await listSubscriptions(options.arm);
      errors.push(...reportMalformed("tenant", "subscriptions", malformed));
      if (items.length === 0) errors.push({ scope: "tenant", kind: "permission", message: "The credential can list no subscription", hint: "Grant the identity Reader on the subscriptions to read, or name them in POOLSCOPE_SUBSCRIPTIONS." });
      return { subscriptions: items, complete: malformed.length === 0 };
    } catch (error) {
      errors.push(describeFailure(error, "tenant", "subscriptions"));
      return { subscriptions: [], complete: false };
    }
  }
  const found = await Promise.all(
    options.subscriptions.map(async (guid) => {
      try {
        const { items, malformed } = await getSubscription(options.arm, guid);
        errors.push(...reportMalformed(`/subscriptions/${guid}`, "subscriptions", malformed));
        return items;
      } catch (error) {
        errors.push(describeFailure(error, `/subscriptions/${guid}`, "subscription"));
        return [];
      }
    }),
  );
  // Configured scopes: a subscription left out of the list is out of scope, not deleted.
  return { subscriptions: found.flat(), complete: false };
}

async function readQuotas(options: EstateOptions, subscription: CollectedSubscription, readings: ClusterReading[], pools: CollectedPool[]): Promise<{ quotas: CollectedQuota[]; errors: RunError[] }> {
  const locationOf = new Map(readings.map((reading) => [reading.cluster.id, reading.cluster.location]));
  const sizesByRegion = new Map<string, { vmSize: string; spot: boolean }[]>();
  for (const pool of pools) {
    const region = locationOf.get(pool.clusterId);
    if (!region || !pool.vmSize) continue;
    sizesByRegion.set(region, [...(sizesByRegion.get(region) ?? []), { vmSize: pool.vmSize, spot: pool.scaleSetPriority?.toLowerCase() === "spot" }]);
  }
  const quotas: CollectedQuota[] = [];
  const errors: RunError[] = [];
  await Promise.all(
    [...sizesByRegion].map(async ([region, sizes]) => {
      const scope = `${subscription.id}/providers/microsoft.compute/locations/${region}`;
      try {
        const { items, malformed } = await listComputeUsages(options.arm, subscription.subscriptionId, region);
        errors.push(...reportMalformed(scope, "quota usages", malformed));
        const { kept, unmatchedSizes } = selectQuotaUsages(items, sizes);
        for (const item of kept) quotas.push({ subscriptionId: subscription.id, region, family: item.name, localizedName: item.localizedName, currentValue: item.currentValue, limit: item.limit });
        if (unmatchedSizes.length > 0) {
          errors.push({ scope, kind: "quota-family", message: `No vCPU quota family found for ${unmatchedSizes.join(", ")}`, hint: "The regional total still applies; the family quota of these sizes is not shown." });
        }
      } catch (error) {
        errors.push(describeFailure(error, scope, "quota"));
      }
    }),
  );
  return { quotas, errors };
}

async function readSubscription(options: EstateOptions, cost: CostCollector, subscription: CollectedSubscription, progress: () => void, addScopes: (count: number) => void): Promise<SubscriptionReading> {
  const errors: RunError[] = [];
  let clusters;
  try {
    clusters = await listManagedClusters(options.arm, subscription.subscriptionId);
  } catch (error) {
    errors.push(describeFailure(error, subscription.id, "clusters"));
    return { readings: [], clusterListComplete: false, quotas: [], errors };
  }
  errors.push(...reportMalformed(subscription.id, "managed clusters", clusters.malformed));
  addScopes(clusters.items.length);
  const readings = await Promise.all(
    clusters.items.map(async (cluster) => {
      const reading = await collectCluster(options, cluster);
      progress();
      return reading;
    }),
  );
  for (const reading of readings) errors.push(...reading.errors);
  const pools = readings.flatMap((reading) => reading.pools);
  cost.add(subscription, readings, pools);
  const quota = await readQuotas(options, subscription, readings, pools);
  errors.push(...quota.errors);
  return { readings, clusterListComplete: clusters.malformed.length === 0, quotas: quota.quotas, errors };
}

async function readPrices(options: EstateOptions, pools: CollectedPool[], locationOf: Map<string, string>, errors: RunError[]): Promise<{ fetched: PriceRecord[]; all: Map<string, PriceRecord> }> {
  const all = new Map(options.knownPrices.map((price) => [priceKey(price), price as PriceRecord]));
  const fresh = new Set(options.knownPrices.filter((price) => Date.now() - price.fetchedAt.getTime() < options.priceMaxAgeMs).map((price) => `${price.vmSize.toLowerCase()}|${price.region}`));
  const wanted = new Map<string, Set<string>>();
  for (const pool of pools) {
    const region = locationOf.get(pool.clusterId);
    if (!region || !pool.vmSize || fresh.has(`${pool.vmSize.toLowerCase()}|${region}`)) continue;
    if (!wanted.has(region)) wanted.set(region, new Set());
    wanted.get(region)!.add(pool.vmSize);
  }
  const fetched: PriceRecord[] = [];
  await Promise.all(
    [...wanted].map(async ([region, sizes]) => {
      try {
        const { prices, malformed } = await listRetailPrices(options.runner, options.pricesEndpoint, region, [...sizes]);
        errors.push(...reportMalformed(`prices/${region}`, "retail prices", malformed));
        fetched.push(...prices);
      } catch (error) {
        errors.push(describeFailure(error, `prices/${region}`, "prices"));
      }
    }),
  );
  for (const price of fetched) all.set(priceKey(price), price);
  return { fetched, all };
}

export type EstateReading = CollectedSnapshot & { costSummary: CostSummary };

/** Reads the whole estate. Never throws for a scope that fails: the failure is in `errors`. */
export async function collectEstate(options: EstateOptions): Promise<EstateReading> {
  const errors: RunError[] = [];
  let scopesTotal = 0;
  let scopesDone = 0;
  const report = (phase: string) => options.onProgress?.({ phase, scopesDone, scopesTotal });
  report("discovering subscriptions");
  const { subscriptions, complete } = await discoverSubscriptions(options, errors);
  scopesTotal = subscriptions.length;
  report("reading subscriptions");

  const cost = new CostCollector({ arm: options.arm, runner: options.runner, budgetKey: options.arm.endpoint }, options.cost);
  const perSubscription = await Promise.all(
    subscriptions.map(async (subscription) => {
      const reading = await readSubscription(
        options,
        cost,
        subscription,
        () => {
          scopesDone += 1;
          report("reading clusters");
        },
        (count) => {
          scopesTotal += count;
        },
      );
      scopesDone += 1;
      report("reading clusters");
      return reading;
    }),
  );

  const readings = perSubscription.flatMap((entry) => entry.readings);
  const pools = readings.flatMap((reading) => reading.pools);
  for (const entry of perSubscription) errors.push(...entry.errors);
  report("reading prices");
  const locationOf = new Map(readings.map((reading) => [reading.cluster.id, reading.cluster.location]));
  const prices = await readPrices(options, pools, locationOf, errors);
  report("reading cost");
  const actuals = await cost.finish();
  errors.push(...actuals.errors);

  // Today's estimate for every priced pool: pages fall back to it where Cost Management has no actuals (yet).
  const costs = actuals.costs;
  const subscriptionOf = new Map(readings.map((reading) => [reading.cluster.id, reading.cluster.subscriptionId]));
  for (const pool of pools) {
    const price = findPoolPrice(prices.all, { vmSize: pool.vmSize, location: locationOf.get(pool.clusterId) ?? "", osType: pool.osType, scaleSetPriority: pool.scaleSetPriority });
    if (!price) continue;
    const nodes = pool.measured ? pool.nodesReady + pool.nodesNotReady : (pool.count ?? 0);
    costs.push({ day: options.cost.today, subscriptionId: subscriptionOf.get(pool.clusterId)!, clusterId: pool.clusterId, poolId: pool.id, scopeId: pool.id, costType: "ActualCost", currency: price.currency, amount: estimateDailyCost(nodes, price.hourlyPrice), source: "estimate" });
  }

  return {
    source: options.arm.endpoint,
    subscriptions,
    clusters: readings.map((reading) => reading.cluster),
    pools,
    nodes: readings.flatMap((reading) => reading.nodes),
    pendingPods: readings.flatMap((reading) => reading.pendingPods),
    quotas: perSubscription.flatMap((entry) => entry.quotas),
    costs,
    prices: prices.fetched,
    errors,
    complete: {
      subscriptionList: complete,
      clustersOf: subscriptions.filter((_, index) => perSubscription[index].clusterListComplete).map((subscription) => subscription.id),
      poolsOf: readings.filter((reading) => reading.poolListComplete).map((reading) => reading.cluster.id),
    },
    costSummary: actuals.summary,
    stats: { calls: options.runner.stats.calls, retries: options.runner.stats.retries, callsByKind: Object.fromEntries(Object.entries(options.runner.stats.byKind).map(([kind, stats]) => [kind, stats.calls])) },
  };
}
