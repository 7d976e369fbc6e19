/**
 * Turns subscription/cluster/pool specs into the estate: ARM bodies in their wire shape, scale sets in the node
 * resource group, and the nodes that exist at the start time. Every id and random choice comes from the seed.
 */
import { createHmac } from "node:crypto";
import type { ClusterSpec, PoolSpec, SubscriptionSpec } from "./spec";
import type { ArmAgentPool, ArmAgentPoolProperties, ArmManagedCluster, Estate, EstateCluster, EstateNode, EstatePool, EstateSize, EstateSubscription, Workload } from "./types";
import { createRng, hash32, stableUuid, type Rng } from "./random";
import { findRegion, findVmSize, vmSizeOrDefault } from "./vm-sizes";
import { latestImage } from "./versions";
import { replicasAt, podsPerNode } from "../sim/load";

const DAY = 86_400_000;
const GiB = 1024 ** 3;

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
        const pool = buildPool(estate, cluster, clusterSpec, poolSpec, rng, startMs);
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

function buildCluster(estate: Estate, spec: ClusterSpec, subscriptionId: string, rng: Rng): EstateCluster {
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${spec.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${spec.name}`;
  const nodeResourceGroup = `MC_${spec.resourceGroup}_${spec.name}_${spec.location}`;
  const dnsPrefix = `${spec.name}-dns`;
  const fqdnSuffix = rng.hex(8);
  const key = `${spec.name}-${(hash32(id.toLowerCase()) % 0xffffff).toString(16).padStart(6, "0")}`;
  const region = findRegion(spec.location);
  const properties: ArmManagedCluster["properties"] = {
    provisioningState: "Succeeded",
    powerState: { code: "Running" },
    kubernetesVersion: spec.version,
    currentKubernetesVersion: spec.version,
    dnsPrefix,
    ...(spec.privateCluster
      ? { privateFQDN: `${dnsPrefix}-${fqdnSuffix}.privatelink.${spec.location}.azmk8s.io`, fqdnSubdomain: undefined }
      : { fqdn: `${dnsPrefix}-${fqdnSuffix}.hcp.${spec.location}.azmk8s.io` }),
    azurePortalFQDN: `${dnsPrefix}-${fqdnSuffix}.portal.hcp.${spec.location}.azmk8s.io`,
    nodeResourceGroup,
    enableRBAC: true,
    supportPlan: "KubernetesOfficial",
    networkProfile: {
      networkPlugin: spec.networkPlugin ?? "azure",
      ...(spec.networkPlugin === "kubenet" ? {} : { networkPluginMode: "overlay", networkDataplane: "azure" }),
      networkPolicy: "none",
      podCidr: "10.244.0.0/16",
      serviceCidr: "10.0.0.0/16",
      dnsServiceIP: "10.0.0.10",
      outboundType: "loadBalancer",
      loadBalancerSku: "standard",
      loadBalancerProfile: { managedOutboundIPs: { count: 1 }, backendPoolType: "nodeIPConfiguration" },
      ipFamilies: ["IPv4"],
    },
    maxAgentPools: 100,
    autoScalerProfile: {
      "balance-similar-node-groups": "false",
      expander: "random",
      "max-empty-bulk-delete": "10",
      "max-graceful-termination-sec": "600",
      "max-node-provision-time": "15m",
      "max-total-unready-percentage": "45",
      "new-pod-scale-up-delay": "0s",
      "ok-total-unready-count": "3",
      "scale-down-delay-after-add": "10m",
      "scale-down-delay-after-delete": "10s",
      "scale-down-delay-after-failure": "3m",
      "scale-down-unneeded-time": "10m",
      "scale-down-unready-time": "20m",
      "scale-down-utilization-threshold": "0.5",
      "scan-interval": "10s",
      "skip-nodes-with-local-storage": "false",
      "skip-nodes-with-system-pods": "true",
    },
    aadProfile: { managed: true, enableAzureRBAC: true, tenantID: estate.tenantId },
    apiServerAccessProfile: { enablePrivateCluster: Boolean(spec.privateCluster) },
    autoUpgradeProfile: { upgradeChannel: spec.upgradeChannel ?? "patch", nodeOSUpgradeChannel: "NodeImage" },
    oidcIssuerProfile: { enabled: true, issuerURL: `https://${region.name}.oic.prod-aks.azure.com/${estate.tenantId}/${stableUuid(estate.seed, "oidc", spec.name)}/` },
    securityProfile: { workloadIdentity: { enabled: true } },
    storageProfile: { diskCSIDriver: { enabled: true }, fileCSIDriver: { enabled: true }, snapshotController: { enabled: true } },
    identityProfile: {
      kubeletidentity: {
        resourceId: `/subscriptions/${subscriptionId}/resourcegroups/${nodeResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${spec.name}-agentpool`,
        clientId: rng.uuid(),
        objectId: rng.uuid(),
      },
    },
    servicePrincipalProfile: { clientId: "msi" },
    windowsProfile: spec.pools.some((p) => p.os === "Windows") ? { adminUsername: "azureuser", enableCSIProxy: true } : undefined,
  };
  for (const k of Object.keys(properties)) if (properties[k] === undefined) delete properties[k];
  const arm: ArmManagedCluster = {
    id,
    location: spec.location,
    name: spec.name,
    tags: spec.tags,
    type: "Microsoft.ContainerService/ManagedClusters",
    eTag: rng.hex(8),
    sku: { name: "Base", tier: spec.tier },
    identity: { type: "SystemAssigned", principalId: rng.uuid(), tenantId: estate.tenantId },
    properties,
  };
  return {
    id,
    key,
    subscriptionId,
    resourceGroup: spec.resourceGroup,
    name: spec.name,
    location: spec.location,
    nodeResourceGroup,
    resourceNameSuffix: rng.digits(8),
    arm,
    kubeToken: createHmac("sha256", `poolscope-emulator-${estate.seed}`).update(id.toLowerCase()).digest("hex"),
    unreachable: Boolean(spec.unreachable),
    poolIds: [],
    stranded: spec.stranded ?? [],
    diskCount: spec.diskCount ?? rng.int(2, 12),
  };
}

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

function buildPool(estate: Estate, cluster: EstateCluster, clusterSpec: ClusterSpec, spec: PoolSpec, rng: Rng, startMs: number): EstatePool {
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
