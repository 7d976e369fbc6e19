/** Small hand-made snapshots for the writer's tests. */
import { normaliseAgentPool, type AgentPoolWire } from "@/lib/model/agent-pool";
import { emptyPoolMeasures } from "@/lib/model/node-measures";
import type { CollectedPool, CollectedSnapshot } from "@/lib/model/snapshot";

export const SUB = "/subscriptions/00000000-0000-0000-0000-0000000000aa";
export const clusterIdOf = (name: string) => `${SUB}/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/${name}`;
export const poolIdOf = (cluster: string, pool: string) => `${clusterIdOf(cluster)}/agentpools/${pool}`;

export function fixturePool(cluster: string, name: string, properties: AgentPoolWire["properties"] = {}): CollectedPool {
  const wire: AgentPoolWire = { id: poolIdOf(cluster, name), name, properties: { count: 3, vmSize: "Standard_D4s_v5", osType: "Linux", mode: "User", ...properties } };
  return { ...normaliseAgentPool(wire), ...emptyPoolMeasures(), id: wire.id, clusterId: clusterIdOf(cluster), name, properties: wire.properties, pendingPods: 0, measured: true, autoscaler: null, nodesReady: 3, allocatableCpuMillis: 11_580 };
}

/** One subscription, the named clusters with the given pools, one node per pool, and complete scopes. */
export function fixtureSnapshot(clusters: Record<string, CollectedPool[]>): CollectedSnapshot {
  const names = Object.keys(clusters);
  const pools = Object.values(clusters).flat();
  return {
    source: "https://management.test",
    subscriptions: [{ id: SUB, subscriptionId: SUB.split("/")[2], displayName: "Test", tenantId: null, state: "Enabled" }],
    clusters: names.map((name) => ({
      id: clusterIdOf(name),
      subscriptionId: SUB,
      resourceGroup: "rg",
      name,
      location: "eastus",
      kubernetesVersion: "1.30.5",
      currentKubernetesVersion: "1.30.5",
      skuTier: "Standard",
      nodeResourceGroup: `MC_rg_${name}_eastus`,
      networkPlugin: "azure",
      networkPolicy: null,
      powerState: "Running",
      provisioningState: "Succeeded",
      fqdn: `${name}.hcp.eastus.azmk8s.io`,
      privateCluster: false,
      tags: { team: "platform" },
      kubeReachable: true,
      kubeError: null,
      autoscalerStatus: null,
      properties: { kubernetesVersion: "1.30.5" },
    })),
    pools,
    nodes: pools.map((pool) => ({
      clusterId: pool.clusterId,
      name: `aks-${pool.name}-1-vmss000000`,
      poolId: pool.id,
      poolName: pool.name,
      vmSize: pool.vmSize,
      zone: "eastus-1",
      ready: true,
      cordoned: false,
      allocatableCpuMillis: 3860,
      allocatableMemoryBytes: 12e9,
      allocatablePods: 110,
      requestedCpuMillis: 1000,
      requestedMemoryBytes: 2e9,
      podCount: 5,
      kubeletVersion: "v1.30.5",
      osImage: "Ubuntu",
      createdAt: new Date("2026-01-01T00:00:00Z"),
    })),
    pendingPods: [],
    quotas: [{ subscriptionId: SUB, region: "eastus", family: "standardDSv5Family", localizedName: "Standard DSv5 Family vCPUs", currentValue: 12, limit: 100 }],
    costs: pools.map((pool) => ({ day: "2026-01-01", subscriptionId: SUB, clusterId: pool.clusterId, poolId: pool.id, scopeId: pool.id, costType: "ActualCost", currency: "USD", amount: 10, source: "cost-management" as const })),
    prices: [{ vmSize: "Standard_D4s_v5", region: "eastus", os: "linux", priority: "regular", currency: "USD", hourlyPrice: 0.192, meterName: "D4s v5", productName: "Virtual Machines Dsv5 Series", effectiveDate: new Date("2024-01-01T00:00:00Z") }],
    errors: [],
    complete: { subscriptionList: true, clustersOf: [SUB], poolsOf: names.map(clusterIdOf) },
    stats: { calls: 10, retries: 1, callsByKind: { agentPools: 2 } },
  };
}
