/**
 * A realistic fleet written straight into a test store, for the read models' integration tests and measurements:
 * subscriptions, clusters and pools shaped like the demo estate (system pools, general user pools, spot batch pools,
 * Windows pools, GPU pools), and runs of snapshots with the drift rows the collector would write between them.
 * Pools are ARM objects normalised by the collector's own `normaliseAgentPool`, so the columns match real runs.
 */
import { countRunNodes } from "@/lib/model/run-node-totals";
import { normaliseAgentPool, type AgentPoolWire, type JsonObject } from "@/lib/model/agent-pool";
import type { PrismaClient } from "@/lib/store/generated/client";
import { insertRows, type RowOf } from "@/lib/store/insert-rows";

export type FixtureSubscription = { id: string; guid: string; displayName: string };
export type FixtureCluster = { id: string; subscriptionId: string; resourceGroup: string; name: string; location: string; version: string };
export type FixturePool = { id: string; clusterId: string; wire: AgentPoolWire; deletedAt?: Date };
export type Fleet = { subscriptions: FixtureSubscription[]; clusters: FixtureCluster[]; pools: FixturePool[] };

const CPU_MILLIS: Record<string, number> = { Standard_D4s_v5: 3860, Standard_D8s_v5: 7820, Standard_D16s_v5: 15740, Standard_E8ds_v5: 7820, Standard_NC4as_T4_v3: 3860 };
const MEMORY_GIB: Record<string, number> = { Standard_D4s_v5: 12, Standard_D8s_v5: 27, Standard_D16s_v5: 58, Standard_E8ds_v5: 56, Standard_NC4as_T4_v3: 23 };
const GIB = 1024 ** 3;

type PoolKind = { name: string; properties: JsonObject };

/** The pool shapes a cluster gets, in order; a cluster of n pools takes the first n (repeating general pools). */
function poolKinds(version: string, index: number): PoolKind[] {
  const image = (os: string) => (os === "Windows" ? "AKSWindows-2022-containerd-20348.2849.241112" : "AKSUbuntu-2204gen2containerd-202411.12.0");
  return [
    {
      name: "system",
      properties: { mode: "System", count: 3, vmSize: "Standard_D4s_v5", osType: "Linux", osSKU: "Ubuntu", orchestratorVersion: version, currentOrchestratorVersion: version, nodeImageVersion: image("Linux"), enableAutoScaling: false, availabilityZones: ["1", "2", "3"], nodeLabels: {}, nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"], osDiskType: "Ephemeral", osDiskSizeGB: 128, maxPods: 110, type: "VirtualMachineScaleSets", powerState: { code: "Running" }, provisioningState: "Succeeded", upgradeSettings: { maxSurge: "10%" } },
    },
    {
      name: "general",
      properties: { mode: "User", count: 4, vmSize: "Standard_D8s_v5", osType: "Linux", osSKU: "AzureLinux", orchestratorVersion: version, currentOrchestratorVersion: version, nodeImageVersion: image("Linux"), enableAutoScaling: true, minCount: 2, maxCount: 10, availabilityZones: ["1", "2", "3"], nodeLabels: { workload: "general", team: `team-${index % 3}` }, nodeTaints: [], osDiskType: "Managed", osDiskSizeGB: 128, maxPods: 50, type: "VirtualMachineScaleSets", powerState: { code: "Running" }, provisioningState: "Succeeded", upgradeSettings: { maxSurge: "33%" } },
    },
    {
      name: "spot",
      properties: { mode: "User", count: 2, vmSize: "Standard_D16s_v5", osType: "Linux", osSKU: "Ubuntu", orchestratorVersion: version, currentOrchestratorVersion: version, nodeImageVersion: image("Linux"), enableAutoScaling: true, minCount: 0, maxCount: 20, scaleSetPriority: "Spot", scaleSetEvictionPolicy: "Delete", spotMaxPrice: -1, availabilityZones: [], nodeLabels: { "kubernetes.azure.com/scalesetpriority": "spot", workload: "batch" }, nodeTaints: ["kubernetes.azure.com/scalesetpriority=spot:NoSchedule"], osDiskType: "Managed", osDiskSizeGB: 128, maxPods: 30, type: "VirtualMachineScaleSets", powerState: { code: "Running" }, provisioningState: "Succeeded" },
    },
    {
      name: "win22",
      properties: { mode: "User", count: 1, vmSize: "Standard_E8ds_v5", osType: "Windows", osSKU: "Windows2022", orchestratorVersion: version, currentOrchestratorVersion: version, nodeImageVersion: image("Windows"), enableAutoScaling: false, availabilityZones: ["1"], nodeLabels: { os: "windows" }, nodeTaints: ["os=windows:NoSchedule"], osDiskType: "Managed", osDiskSizeGB: 256, maxPods: 30, type: "VirtualMachineScaleSets", powerState: { code: "Running" }, provisioningState: "Succeeded" },
    },
    {
      name: "gpu",
      properties: { mode: "User", count: 0, vmSize: "Standard_NC4as_T4_v3", osType: "Linux", osSKU: "Ubuntu", orchestratorVersion: version, currentOrchestratorVersion: version, nodeImageVersion: image("Linux"), enableAutoScaling: true, minCount: 0, maxCount: 4, availabilityZones: [], nodeLabels: { accelerator: "nvidia-t4" }, nodeTaints: ["sku=gpu:NoSchedule"], osDiskType: "Managed", osDiskSizeGB: 256, maxPods: 30, type: "VirtualMachineScaleSets", powerState: { code: "Stopped" }, provisioningState: "Succeeded" },
    },
  ];
}

const guid = (n: number) => `00000000-0000-0000-0000-${n.toString(16).padStart(12, "0")}`;

/** A deterministic fleet: `subscriptions` × `clustersPerSubscription` clusters of `poolsPerCluster` pools. */
export function buildFleet({ subscriptions = 3, clustersPerSubscription = 2, poolsPerCluster = 5 } = {}): Fleet {
  const fleet: Fleet = { subscriptions: [], clusters: [], pools: [] };
  const names = ["contoso-prod", "contoso-dev", "fabrikam-data", "fabrikam-web", "northwind"];
  const locations = ["westeurope", "northeurope", "eastus2"];
  const versions = ["1.30.6", "1.31.2", "1.29.9"];
  let clusterIndex = 0;
  for (let s = 0; s < subscriptions; s += 1) {
    const sub: FixtureSubscription = { guid: guid(s + 1), id: `/subscriptions/${guid(s + 1)}`, displayName: names[s % names.length] + (s >= names.length ? `-${s}` : "") };
    fleet.subscriptions.push(sub);
    for (let k = 0; k < clustersPerSubscription; k += 1, clusterIndex += 1) {
      const location = locations[clusterIndex % locations.length];
      const name = `aks-${sub.displayName}-${String(k + 1).padStart(2, "0")}`;
      const resourceGroup = `rg-${sub.displayName}-AKS`;
      const cluster: FixtureCluster = {
        id: `${sub.id}/resourcegroups/${resourceGroup}/providers/microsoft.containerservice/managedclusters/${name}`.toLowerCase(),
        subscriptionId: sub.id,
        resourceGroup,
        name,
        location,
        version: versions[clusterIndex % versions.length],
      };
      fleet.clusters.push(cluster);
      const kinds = poolKinds(cluster.version, clusterIndex);
      for (let p = 0; p < poolsPerCluster; p += 1) {
        const kind = p < kinds.length ? kinds[p] : { ...kinds[1], name: `general${p - kinds.length + 2}` };
        const armId = `/subscriptions/${sub.guid}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}/agentPools/${kind.name}`;
        fleet.pools.push({ id: armId.toLowerCase(), clusterId: cluster.id, wire: { id: armId, name: kind.name, properties: structuredClone(kind.properties) as AgentPoolWire["properties"] } });
      }
    }
  }
  return fleet;
}

/** Writes the identity rows of a fleet (subscriptions, clusters, pools). */
export async function writeFleetIdentity(db: PrismaClient, fleet: Fleet, at = new Date("2026-11-01T00:00:00Z")): Promise<void> {
  await insertRows(db, "Subscription", fleet.subscriptions.map((s) => ({ id: s.id, subscriptionId: s.guid, displayName: s.displayName, firstSeenAt: at, lastSeenAt: at })));
  await insertRows(db, "Cluster", fleet.clusters.map((c) => ({ id: c.id, subscriptionId: c.subscriptionId, resourceGroup: c.resourceGroup, name: c.name, location: c.location, firstSeenAt: at, lastSeenAt: at })));
  await insertRows(db, "NodePool", fleet.pools.map((p) => ({ id: p.id, clusterId: p.clusterId, name: p.wire.name, firstSeenAt: at, lastSeenAt: at })));
}

export type RunOptions = {
  startedAt: Date;
  status?: "succeeded" | "partial" | "failed";
  /** Write node rows for each pool (the latest runs; node rows are kept for a short window). */
  nodes?: boolean;
};

/**
 * Writes one run of the fleet as it is now: a snapshot of each live pool and cluster, node rows when asked, and a
 * PoolChange for each ARM property that differs from the pool's previous run (and for pools that appeared or went).
 */
export async function writeRun(db: PrismaClient, fleet: Fleet, previous: Map<string, JsonObject>, options: RunOptions): Promise<number> {
  const takenAt = options.startedAt;
  const live = fleet.pools.filter((pool) => !pool.deletedAt);
  const run = await db.collectionRun.create({
    data: {
      trigger: "schedule",
      source: "fixture",
      status: options.status ?? "succeeded",
      startedAt: takenAt,
      finishedAt: new Date(takenAt.getTime() + 20_000),
      subscriptionCount: fleet.subscriptions.length,
      clusterCount: fleet.clusters.length,
      poolCount: live.length,
      nodeCount: live.reduce((sum, pool) => sum + (pool.wire.properties.count ?? 0), 0),
      errors: options.status === "partial" ? [{ scope: fleet.subscriptions[0]?.id ?? "", kind: "throttled", message: "429" }] : [],
    },
  });
  const clusterVersion = new Map(fleet.clusters.map((c) => [c.id, c.version]));
  const snapshots: RowOf<"PoolSnapshot">[] = [];
  const nodes: RowOf<"NodeSnapshot">[] = [];
  const changes: RowOf<"PoolChange">[] = [];
  const firstRun = previous.size === 0;
  for (const pool of live) {
    const config = normaliseAgentPool(pool.wire);
    const count = config.count ?? 0;
    const notReady = pool.wire.name === "general" && count > 3 ? 1 : 0;
    const cpu = CPU_MILLIS[config.vmSize ?? ""] ?? 1900;
    const memory = (MEMORY_GIB[config.vmSize ?? ""] ?? 6) * GIB;
    snapshots.push({
      runId: run.id,
      poolId: pool.id,
      takenAt,
      ...config,
      nodeLabels: config.nodeLabels,
      tags: config.tags,
      upgradeSettings: config.upgradeSettings ?? undefined,
      properties: pool.wire.properties,
      nodesReady: count - notReady,
      nodesNotReady: notReady,
      allocatableCpuMillis: cpu * count,
      allocatableMemoryBytes: memory * count,
      allocatablePods: (config.maxPods ?? 30) * count,
      requestedCpuMillis: Math.round(cpu * count * 0.6),
      requestedMemoryBytes: memory * count * 0.5,
      runningPods: count * 12,
      measured: true,
    });
    if (options.nodes) {
      for (let n = 0; n < count; n += 1) {
        nodes.push({
          runId: run.id,
          clusterId: pool.clusterId,
          name: `aks-${pool.wire.name}-12345678-vmss${String(n).padStart(6, "0")}`,
          poolId: pool.id,
          takenAt,
          vmSize: config.vmSize,
          zone: config.availabilityZones.length > 0 ? `westeurope-${config.availabilityZones[n % config.availabilityZones.length]}` : "0",
          ready: n >= notReady,
          cordoned: false,
          allocatableCpuMillis: cpu,
          allocatableMemoryBytes: memory,
          allocatablePods: config.maxPods ?? 30,
          requestedCpuMillis: Math.round(cpu * 0.6),
          requestedMemoryBytes: memory * 0.5,
          podCount: 12,
          kubeletVersion: `v${clusterVersion.get(pool.clusterId)}`,
          osImage: config.osType === "Windows" ? "Windows Server 2022 Datacenter" : "Ubuntu 22.04.5 LTS",
          createdAt: new Date(takenAt.getTime() - (n + 1) * 86_400_000),
        });
      }
    }
    const before = previous.get(pool.id);
    if (!before && !firstRun) changes.push({ poolId: pool.id, runId: run.id, takenAt, field: "pool", before: undefined, after: { name: pool.wire.name } });
    if (before) {
      for (const key of new Set([...Object.keys(before), ...Object.keys(pool.wire.properties)])) {
        const was = before[key];
        const is = pool.wire.properties[key];
        if (JSON.stringify(was) !== JSON.stringify(is)) changes.push({ poolId: pool.id, runId: run.id, takenAt, field: key, before: was ?? undefined, after: is ?? undefined });
      }
    }
    previous.set(pool.id, structuredClone(pool.wire.properties));
  }
  for (const pool of fleet.pools.filter((p) => p.deletedAt && previous.has(p.id))) {
    changes.push({ poolId: pool.id, runId: run.id, takenAt, field: "pool", before: { name: pool.wire.name }, after: undefined });
    previous.delete(pool.id);
    await db.nodePool.update({ where: { id: pool.id }, data: { deletedAt: takenAt } });
  }
  await insertRows(db, "PoolSnapshot", snapshots);
  // The collector's writer keeps this roll-up with each run; the fixture does the same with the same rule.
  await db.collectionRun.update({
    where: { id: run.id },
    data: countRunNodes(snapshots.map((row) => ({ measured: row.measured ?? false, nodesReady: row.nodesReady ?? 0, nodesNotReady: row.nodesNotReady ?? 0, count: row.count ?? null, scaleSetPriority: row.scaleSetPriority ?? null }))),
  });
  await insertRows(db, "NodeSnapshot", nodes);
  await insertRows(db, "PoolChange", changes);
  await insertRows(
    db,
    "ClusterSnapshot",
    fleet.clusters.map((c) => ({
      runId: run.id,
      clusterId: c.id,
      takenAt,
      kubernetesVersion: c.version,
      currentKubernetesVersion: c.version,
      skuTier: "Standard",
      nodeResourceGroup: `MC_${c.resourceGroup}_${c.name}_${c.location}`,
      networkPlugin: "azure",
      networkPolicy: "cilium",
      powerState: "Running",
      provisioningState: "Succeeded",
      fqdn: `${c.name}-dns-1a2b3c.hcp.${c.location}.azmk8s.io`,
      kubeReachable: true,
      properties: { kubernetesVersion: c.version, currentKubernetesVersion: c.version, dnsPrefix: `${c.name}-dns`, nodeResourceGroup: `MC_${c.resourceGroup}_${c.name}_${c.location}` },
    })),
  );
  return run.id;
}

/** A fleet with `runs` runs an hour apart ending at `end`; nodes written for the last run only. */
export async function seedFleet(db: PrismaClient, fleet: Fleet, { runs = 1, end = new Date("2026-11-20T12:00:00Z"), intervalMs = 3_600_000 } = {}) {
  await writeFleetIdentity(db, fleet);
  const previous = new Map<string, JsonObject>();
  const runIds: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    runIds.push(await writeRun(db, fleet, previous, { startedAt: new Date(end.getTime() - (runs - 1 - i) * intervalMs), nodes: i === runs - 1 }));
  }
  return { previous, runIds };
}
