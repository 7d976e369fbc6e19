/** An agent pool's ARM body with every property AKS returns, its scale set in the node resource group, and its nodes. */
import type { ClusterSpec, PoolSpec } from "./spec";
import type { ArmAgentPool, ArmAgentPoolProperties, EstateCluster, EstateNode, EstatePool, Workload } from "./types";
import type { Rng } from "./random";
import { findRegion, findVmSize, vmSizeOrDefault } from "./vm-sizes";
import { latestImage } from "./versions";
import { replicasAt, podsPerNode } from "../sim/load";

const GiB = 1024 ** 3;

function defaultWorkload(spec: PoolSpec, name: string): Workload {
  return {
    app: name,
    namespace: spec.mode === "System" ? "kube-system" : name,
    podCpuMillis: 500,
    podMemoryBytes: 1 * GiB,
    podGpus: 0,
    minReplicas: 0,
    maxReplicas: 0,
    utcOffsetHours: 1,
    growthPerMonth: 0.02,
    ...spec.workload,
  };
}

export function buildPool(cluster: EstateCluster, clusterSpec: ClusterSpec, spec: PoolSpec, rng: Rng, startMs: number): EstatePool {
  const id = `${cluster.id}/agentPools/${spec.name}`;
  const os = spec.os ?? "Linux";
  const version = spec.version ?? clusterSpec.version;
  const size = vmSizeOrDefault(spec.virtualMachines?.[0]?.size ?? spec.vmSize);
  const arch = size.arch;
  const osSKU = spec.osSKU ?? (os === "Windows" ? "Windows2022" : "Ubuntu");
  const nodeImageVersion =
    spec.nodeImage ?? (os === "Windows" ? latestImage("windows") : osSKU === "AzureLinux" ? latestImage("azureLinux") : arch === "arm64" ? latestImage("ubuntuArm") : latestImage("ubuntu"));
  const maxPods = spec.maxPods ?? (clusterSpec.networkPlugin === "kubenet" ? 110 : os === "Windows" ? 30 : 110);
  const region = findRegion(cluster.location);
  const zones = spec.zones ?? (region.zones ? ["1", "2", "3"] : undefined);
  const vmPool = Boolean(spec.virtualMachines);
  const labels: Record<string, string> = { ...(spec.labels ?? {}) };
  const taints = [...(spec.taints ?? [])];
  if (spec.spot) {
    labels["kubernetes.azure.com/scalesetpriority"] = "spot";
    if (!taints.includes("kubernetes.azure.com/scalesetpriority=spot:NoSchedule")) taints.push("kubernetes.azure.com/scalesetpriority=spot:NoSchedule");
  }
  const tags = { ...(spec.tags ?? {}) };
  const workload = defaultWorkload(spec, spec.name);
  const initialCount = initialNodeCount(spec, workload, size.name, maxPods, os, id, startMs);

  const properties: ArmAgentPoolProperties = {
    type: vmPool ? "VirtualMachines" : "VirtualMachineScaleSets",
    ...(vmPool ? {} : { count: initialCount, vmSize: size.name }),
    osDiskSizeGB: spec.osDiskSizeGB ?? (spec.osDiskType === "Ephemeral" ? Math.min(128, Math.max(30, size.vcpus * 8)) : 128),
    osDiskType: spec.osDiskType ?? "Managed",
    kubeletDiskType: "OS",
    vnetSubnetID: `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet-${cluster.name}/subnets/snet-nodes`,
    maxPods,
    osType: os,
    osSKU,
    ...(spec.autoscale ? { maxCount: spec.autoscale.max, minCount: spec.autoscale.min, enableAutoScaling: true } : { enableAutoScaling: false }),
    scaleDownMode: "Delete",
    mode: spec.mode,
    orchestratorVersion: version,
    currentOrchestratorVersion: spec.upgradingFrom ?? version,
    nodeImageVersion,
    ...(spec.maxSurge === null ? {} : { upgradeSettings: { maxSurge: spec.maxSurge ?? "10%", drainTimeoutInMinutes: 30 } }),
    provisioningState: spec.upgradingFrom ? "Upgrading" : "Succeeded",
    powerState: { code: spec.stopped ? "Stopped" : "Running" },
    ...(zones ? { availabilityZones: zones } : {}),
    enableNodePublicIP: false,
    ...(spec.spot ? { scaleSetPriority: "Spot", scaleSetEvictionPolicy: "Delete", spotMaxPrice: -1 } : { scaleSetPriority: "Regular" }),
    ...(Object.keys(tags).length ? { tags } : {}),
    ...(Object.keys(labels).length ? { nodeLabels: labels } : {}),
    ...(taints.length ? { nodeTaints: taints } : {}),
    enableEncryptionAtHost: false,
    enableUltraSSD: false,
    enableFIPS: false,
    ...(size.gpus > 0 ? { gpuProfile: { driver: "Install" } } : {}),
    securityProfile: { sshAccess: "LocalUser", enableSecureBoot: false, enableVTPM: false },
    eTag: rng.uuid(),
  };
  if (spec.virtualMachines) {
    properties.virtualMachinesProfile = { scale: { manual: spec.virtualMachines.map((v) => ({ size: v.size, count: v.count })) } };
    properties.virtualMachineNodesStatus = spec.virtualMachines.map((v) => ({ size: v.size, count: v.count }));
  }
  const arm: ArmAgentPool = { id, name: spec.name, type: "Microsoft.ContainerService/managedClusters/agentPools", properties };
  const scaleSetName = os === "Windows" ? `aks${spec.name}` : `aks-${spec.name}-${cluster.resourceNameSuffix}-vmss`;
  const scaleSetId = `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.nodeResourceGroup}/providers/Microsoft.Compute/virtualMachineScaleSets/${scaleSetName}`;
  const scaleSetTags: Record<string, string> = {
    "aks-managed-createOperationID": rng.uuid(),
    "aks-managed-creationSource": `vmssclient-${scaleSetName}`,
    "aks-managed-kubeletIdentityClientID": rng.uuid(),
    "aks-managed-orchestrator": `Kubernetes:${version}`,
    "aks-managed-poolName": spec.name,
    "aks-managed-resourceNameSuffix": cluster.resourceNameSuffix,
    "aks-managed-ssh-access": "LocalUser",
    ...tags,
  };
  const pool: EstatePool = {
    id,
    clusterId: cluster.id,
    subscriptionId: cluster.subscriptionId,
    name: spec.name,
    arm,
    scaleSetName,
    scaleSetId,
    scaleSetTags,
    workload,
    nodes: [],
    nextInstanceId: rng.int(0, 3) === 0 ? 0 : rng.int(2, 60),
    configLog: [
      {
        fromMs: 0,
        vmSize: size.name,
        count: spec.virtualMachines ? spec.virtualMachines.reduce((n, v) => n + v.count, 0) : spec.count ?? initialCount,
        minCount: spec.autoscale?.min ?? 0,
        maxCount: spec.autoscale?.max ?? 0,
        autoscale: Boolean(spec.autoscale),
        stopped: Boolean(spec.stopped),
      },
    ],
    ...(spec.note ? { pattern: spec.note } : {}),
  };
  pool.nodes = initialNodes(pool, spec, initialCount, zones, rng, startMs);
  if (spec.upgradingFrom && pool.nodes.length > 0) {
    // A surge node is up while the upgrade works through the pool.
    pool.nodes.push(newNode(pool, pool.nodes.length, size.name, zones, startMs - 12 * 60_000));
  }
  return pool;
}

function initialNodeCount(spec: PoolSpec, workload: Workload, vmSize: string, maxPods: number, os: "Linux" | "Windows", key: string, startMs: number): number {
  if (spec.stopped) return 0;
  if (spec.virtualMachines) return spec.virtualMachines.reduce((n, v) => n + v.count, 0);
  if (!spec.autoscale) return spec.count ?? 1;
  const perNode = podsPerNode(workload, vmSize, maxPods, os);
  const replicas = replicasAt(workload, key, startMs, startMs);
  const needed = perNode > 0 ? Math.ceil(replicas / perNode) : 0;
  return Math.min(spec.autoscale.max, Math.max(spec.autoscale.min, needed));
}

export function nodeName(pool: Pick<EstatePool, "name" | "scaleSetName" | "arm">, instanceId: number): string {
  const suffix = instanceId.toString(36).padStart(6, "0");
  if (pool.arm.properties.type === "VirtualMachines") return `${pool.scaleSetName.replace(/-vmss$/, "-vms")}${instanceId + 1}`;
  return `${pool.scaleSetName}${suffix}`;
}

export function newNode(pool: EstatePool, _ordinal: number, vmSize: string, zones: string[] | undefined, createdAtMs: number): EstateNode {
  const instanceId = pool.nextInstanceId++;
  return {
    name: nodeName(pool, instanceId),
    instanceId,
    vmSize,
    zone: zones && zones.length ? zones[instanceId % zones.length] : "0",
    createdAtMs,
  };
}

function initialNodes(pool: EstatePool, spec: PoolSpec, count: number, zones: string[] | undefined, rng: Rng, startMs: number): EstateNode[] {
  const nodes: EstateNode[] = [];
  const sizes: string[] = spec.virtualMachines
    ? spec.virtualMachines.flatMap((v) => Array.from({ length: v.count }, () => v.size))
    : Array.from({ length: count }, () => pool.arm.properties.vmSize ?? spec.vmSize);
  if (spec.virtualMachines) pool.nextInstanceId = 0;
  const baseline = spec.autoscale ? spec.autoscale.min : count;
  sizes.forEach((size, i) => {
    // Nodes up to the minimum have been there for weeks; the ones above it came with today's load.
    const ageMs = i < Math.max(1, baseline) ? rng.int(3, 40) * 86_400_000 + rng.int(0, 86_399) * 1000 : rng.int(5, 300) * 60_000;
    nodes.push(newNode(pool, i, findVmSize(size)?.name ?? size, zones, startMs - ageMs));
  });
  return nodes;
}
