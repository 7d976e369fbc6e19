/**
 * An agent pool as the AKS API returns it (the wire shape, `properties` not flattened), and its normalisation
 * into the configuration columns of a pool snapshot. The raw `properties` object is stored as well, so a
 * property this code does not break out is never lost.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The agent pool properties Poolscope reads by name; every other property is kept in the raw object. */
export type AgentPoolProperties = {
  type?: string | null;
  mode?: string | null;
  count?: number | null;
  vmSize?: string | null;
  osType?: string | null;
  osSKU?: string | null;
  orchestratorVersion?: string | null;
  currentOrchestratorVersion?: string | null;
  nodeImageVersion?: string | null;
  enableAutoScaling?: boolean | null;
  minCount?: number | null;
  maxCount?: number | null;
  scaleSetPriority?: string | null;
  scaleSetEvictionPolicy?: string | null;
  spotMaxPrice?: number | null;
  nodeLabels?: Record<string, string> | null;
  nodeTaints?: string[] | null;
  tags?: Record<string, string> | null;
  availabilityZones?: string[] | null;
  osDiskType?: string | null;
  osDiskSizeGB?: number | null;
  kubeletDiskType?: string | null;
  maxPods?: number | null;
  vnetSubnetID?: string | null;
  podSubnetID?: string | null;
  upgradeSettings?: JsonObject | null;
  powerState?: { code?: string | null } | null;
  provisioningState?: string | null;
  virtualMachinesProfile?: {
    scale?: {
      manual?: { size?: string | null; sizes?: string[] | null; count?: number | null }[] | null;
      autoscale?: { size?: string | null; minCount?: number | null; maxCount?: number | null }[] | null;
    } | null;
  } | null;
  virtualMachineNodesStatus?: { size?: string | null; count?: number | null }[] | null;
};

export type AgentPoolWire = {
  id: string;
  name: string;
  properties: AgentPoolProperties & JsonObject;
};

/** The configuration columns of PoolSnapshot, in the store's names. */
export type PoolConfig = {
  type: string | null;
  mode: string | null;
  count: number | null;
  vmSize: string | null;
  osType: string | null;
  osSku: string | null;
  orchestratorVersion: string | null;
  currentOrchestratorVersion: string | null;
  nodeImageVersion: string | null;
  latestNodeImageVersion: string | null;
  enableAutoScaling: boolean;
  minCount: number | null;
  maxCount: number | null;
  scaleSetPriority: string | null;
  scaleSetEvictionPolicy: string | null;
  spotMaxPrice: number | null;
  nodeLabels: Record<string, string>;
  nodeTaints: string[];
  tags: Record<string, string>;
  availabilityZones: string[];
  osDiskType: string | null;
  osDiskSizeGb: number | null;
  kubeletDiskType: string | null;
  maxPods: number | null;
  vnetSubnetId: string | null;
  podSubnetId: string | null;
  upgradeSettings: JsonObject | null;
  powerState: string | null;
  provisioningState: string | null;
};

/**
 * A VirtualMachines-type pool has no single vmSize or count: its sizes live in virtualMachinesProfile and its
 * node counts per size in virtualMachineNodesStatus. The size with the most nodes stands for the pool (it is what
 * prices and quota families are looked up by); the raw properties keep the whole picture.
 */
function virtualMachinesShape(p: AgentPoolProperties): { vmSize: string | null; count: number | null; minCount: number | null; maxCount: number | null; autoscale: boolean } {
  const status = p.virtualMachineNodesStatus ?? [];
  const autoscale = p.virtualMachinesProfile?.scale?.autoscale ?? [];
  const manual = p.virtualMachinesProfile?.scale?.manual ?? [];
  const counted = status.filter((entry) => entry.size).sort((a, b) => (b.count ?? 0) - (a.count ?? 0));
  const vmSize = counted[0]?.size ?? autoscale[0]?.size ?? manual[0]?.size ?? manual[0]?.sizes?.[0] ?? null;
  const count = status.length > 0 ? status.reduce((sum, entry) => sum + (entry.count ?? 0), 0) : manual.length > 0 ? manual.reduce((sum, entry) => sum + (entry.count ?? 0), 0) : null;
  const minCount = autoscale.length > 0 ? autoscale.reduce((sum, entry) => sum + (entry.minCount ?? 0), 0) : null;
  const maxCount = autoscale.length > 0 ? autoscale.reduce((sum, entry) => sum + (entry.maxCount ?? 0), 0) : null;
  return { vmSize, count, minCount, maxCount, autoscale: autoscale.length > 0 };
}

/** The pool's configuration columns from its ARM properties (and the upgrade profile's latest node image). */
export function normaliseAgentPool(pool: AgentPoolWire, latestNodeImageVersion: string | null = null): PoolConfig {
  const p = pool.properties;
  const isVirtualMachines = p.type === "VirtualMachines" && (p.vmSize == null || p.count == null);
  const vm = isVirtualMachines ? virtualMachinesShape(p) : undefined;
  return {
    type: p.type ?? null,
    mode: p.mode ?? null,
    count: p.count ?? vm?.count ?? null,
    vmSize: p.vmSize ?? vm?.vmSize ?? null,
    osType: p.osType ?? null,
    osSku: p.osSKU ?? null,
    orchestratorVersion: p.orchestratorVersion ?? null,
    currentOrchestratorVersion: p.currentOrchestratorVersion ?? null,
    nodeImageVersion: p.nodeImageVersion ?? null,
    latestNodeImageVersion,
    enableAutoScaling: p.enableAutoScaling ?? vm?.autoscale ?? false,
    minCount: p.minCount ?? vm?.minCount ?? null,
    maxCount: p.maxCount ?? vm?.maxCount ?? null,
    scaleSetPriority: p.scaleSetPriority ?? null,
    scaleSetEvictionPolicy: p.scaleSetEvictionPolicy ?? null,
    spotMaxPrice: p.spotMaxPrice ?? null,
    nodeLabels: p.nodeLabels ?? {},
    nodeTaints: p.nodeTaints ?? [],
    tags: p.tags ?? {},
    availabilityZones: p.availabilityZones ?? [],
    osDiskType: p.osDiskType ?? null,
    osDiskSizeGb: p.osDiskSizeGB ?? null,
    kubeletDiskType: p.kubeletDiskType ?? null,
    maxPods: p.maxPods ?? null,
    vnetSubnetId: p.vnetSubnetID ?? null,
    podSubnetId: p.podSubnetID ?? null,
    upgradeSettings: p.upgradeSettings ?? null,
    powerState: p.powerState?.code ?? null,
    provisioningState: p.provisioningState ?? null,
  };
}

/** Whether the pool runs on spot VMs (priced and quota-counted differently). */
export function isSpotPool(config: Pick<PoolConfig, "scaleSetPriority">): boolean {
  return config.scaleSetPriority?.toLowerCase() === "spot";
}
