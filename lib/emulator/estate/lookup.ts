/** Case-insensitive lookups over an estate (ARM ids and names are case-insensitive on the wire). */
import type { Estate, EstateCluster, EstatePool, EstateSubscription } from "./types";

export type EstateLookup = {
  subscription(id: string): EstateSubscription | undefined;
  cluster(subscriptionId: string, resourceGroup: string, name: string): EstateCluster | undefined;
  clusterById(id: string): EstateCluster | undefined;
  clusterByKey(key: string): EstateCluster | undefined;
  clustersOf(subscriptionId: string): EstateCluster[];
  pool(id: string): EstatePool | undefined;
  poolsOf(cluster: EstateCluster): EstatePool[];
  poolsOfSubscription(subscriptionId: string): EstatePool[];
  resourceGroupExists(subscriptionId: string, resourceGroup: string): boolean;
};

export function createLookup(estate: Estate): EstateLookup {
  const lc = (s: string) => s.toLowerCase();
  const subs = new Map(estate.subscriptions.map((s) => [lc(s.id), s]));
  const clustersById = new Map(estate.clusters.map((c) => [lc(c.id), c]));
  const clustersByKey = new Map(estate.clusters.map((c) => [lc(c.key), c]));
  const pools = new Map(estate.pools.map((p) => [lc(p.id), p]));
  const bySub = new Map<string, EstateCluster[]>();
  const poolsBySub = new Map<string, EstatePool[]>();
  const groups = new Set<string>();
  for (const c of estate.clusters) {
    const list = bySub.get(lc(c.subscriptionId)) ?? [];
    list.push(c);
    bySub.set(lc(c.subscriptionId), list);
    groups.add(lc(`${c.subscriptionId}/${c.resourceGroup}`));
    groups.add(lc(`${c.subscriptionId}/${c.nodeResourceGroup}`));
  }
  for (const p of estate.pools) {
    const list = poolsBySub.get(lc(p.subscriptionId)) ?? [];
    list.push(p);
    poolsBySub.set(lc(p.subscriptionId), list);
  }
  return {
    subscription: (id) => subs.get(lc(id)),
    cluster: (s, rg, name) => clustersById.get(lc(`/subscriptions/${s}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`)),
    clusterById: (id) => clustersById.get(lc(id)),
    clusterByKey: (key) => clustersByKey.get(lc(key)),
    clustersOf: (s) => bySub.get(lc(s)) ?? [],
    pool: (id) => pools.get(lc(id)),
    poolsOf: (cluster) => cluster.poolIds.map((id) => pools.get(lc(id))!),
    poolsOfSubscription: (s) => poolsBySub.get(lc(s)) ?? [],
    resourceGroupExists: (s, rg) => groups.has(lc(`${s}/${rg}`)),
  };
}
