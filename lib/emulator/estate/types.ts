/**
 * The emulator's model of an Azure estate. The `arm` members are the JSON bodies served as they are (wire shape,
 * camelCase under `properties`); everything else is what the emulator needs to animate them. The estate holds
 * ids, never object references, so `JSON.stringify(estate)` is its fingerprint.
 */

export type EstateSize = { subscriptions: number; clusters: number; pools: number; nodes: number };
export type SizeName = "demo" | "medium" | "large";

export type ArmSubscription = {
  id: string;
  authorizationSource: string;
  managedByTenants: Array<{ tenantId: string }>;
  subscriptionId: string;
  tenantId: string;
  displayName: string;
  state: "Enabled" | "Warned" | "PastDue" | "Disabled" | "Deleted";
  subscriptionPolicies: { locationPlacementId: string; quotaId: string; spendingLimit: "On" | "Off" | "CurrentPeriodOff" };
  tags?: Record<string, string>;
};

export type ArmAgentPoolProperties = {
  type?: "VirtualMachineScaleSets" | "AvailabilitySet" | "VirtualMachines";
  count?: number;
  vmSize?: string;
  osDiskSizeGB?: number;
  osDiskType?: "Managed" | "Ephemeral";
  kubeletDiskType?: "OS" | "Temporary";
  vnetSubnetID?: string;
  maxPods?: number;
  osType?: "Linux" | "Windows";
  osSKU?: string;
  maxCount?: number;
  minCount?: number;
  enableAutoScaling?: boolean;
  scaleDownMode?: "Delete" | "Deallocate";
  mode?: "System" | "User" | "Gateway";
  orchestratorVersion?: string;
  currentOrchestratorVersion?: string;
  nodeImageVersion?: string;
  upgradeSettings?: { maxSurge?: string; maxUnavailable?: string; drainTimeoutInMinutes?: number; nodeSoakDurationInMinutes?: number };
  provisioningState?: string;
  powerState?: { code: "Running" | "Stopped" };
  availabilityZones?: string[];
  enableNodePublicIP?: boolean;
  scaleSetPriority?: "Regular" | "Spot";
  scaleSetEvictionPolicy?: "Delete" | "Deallocate";
  spotMaxPrice?: number;
  tags?: Record<string, string>;
  nodeLabels?: Record<string, string>;
  nodeTaints?: string[];
  enableEncryptionAtHost?: boolean;
  enableUltraSSD?: boolean;
  enableFIPS?: boolean;
  gpuInstanceProfile?: string;
  gpuProfile?: { driver?: "Install" | "None" };
  eTag?: string;
  securityProfile?: { enableSecureBoot?: boolean; enableVTPM?: boolean; sshAccess?: string };
  virtualMachinesProfile?: {
    scale: {
      manual?: Array<{ size: string; count: number }>;
      autoscale?: Array<{ size: string; minCount: number; maxCount: number }>;
    };
  };
  virtualMachineNodesStatus?: Array<{ size: string; count: number }>;
  [key: string]: unknown;
};

export type ArmAgentPool = {
  id: string;
  name: string;
  type: "Microsoft.ContainerService/managedClusters/agentPools";
  properties: ArmAgentPoolProperties;
};

export type ArmManagedCluster = {
  id: string;
  location: string;
  name: string;
  tags?: Record<string, string>;
  type: "Microsoft.ContainerService/ManagedClusters";
  eTag?: string;
  sku: { name: "Base"; tier: "Free" | "Standard" | "Premium" };
  identity: { type: "SystemAssigned"; principalId: string; tenantId: string };
  /** Served with `agentPoolProfiles` built from the pools at request time. */
  properties: Record<string, unknown> & { kubernetesVersion: string; currentKubernetesVersion: string; nodeResourceGroup: string };
};

export type WorkloadPattern = "system" | "steady" | "diurnal" | "bursty" | "batch" | "training" | "none";

/** What runs on a pool: replicas of one app whose number follows a pattern over the (simulated) day and week. */
export type Workload = {
  pattern: WorkloadPattern;
  app: string;
  namespace: string;
  podCpuMillis: number;
  podMemoryBytes: number;
  podGpus: number;
  minReplicas: number;
  maxReplicas: number;
  /** Offset of the users' local time from UTC, for business-hours peaks. */
  utcOffsetHours: number;
  /** Growth of demand per 30 days (0.05 = +5%), so month-over-month cost moves. */
  growthPerMonth: number;
};

/** Pods that no pool can take (a request too big, or a nodeSelector no pool has): always Pending. */
export type StrandedPodSpec = {
  namespace: string;
  app: string;
  replicas: number;
  cpuMillis: number;
  memoryBytes: number;
  gpus: number;
  nodeSelector?: Record<string, string>;
  tolerations?: Array<{ key: string; operator: string; value?: string; effect?: string }>;
};

export type EstateNode = {
  name: string;
  /** VMSS instance id, or the VM ordinal for VirtualMachines pools. */
  instanceId: number;
  vmSize: string;
  zone: string;
  createdAtMs: number;
};

/** The pool configuration that decides node count and cost, kept per change so past days cost what they cost. */
export type PoolConfigEpoch = {
  fromMs: number;
  vmSize: string;
  count: number;
  minCount: number;
  maxCount: number;
  autoscale: boolean;
  stopped: boolean;
};

export type EstatePool = {
  id: string;
  clusterId: string;
  subscriptionId: string;
  name: string;
  arm: ArmAgentPool;
  /** `aks-{pool}-{8 digits}-vmss`, the 8 digits being the cluster's node resource name suffix. */
  scaleSetName: string;
  scaleSetId: string;
  scaleSetTags: Record<string, string>;
  workload: Workload;
  nodes: EstateNode[];
  nextInstanceId: number;
  configLog: PoolConfigEpoch[];
  /** A short note on what the pool demonstrates (demo estate), for people reading the emulator's output. */
  pattern?: string;
};

export type EstateCluster = {
  id: string;
  key: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  nodeResourceGroup: string;
  /** The 8 digits AKS puts in node and scale set names. */
  resourceNameSuffix: string;
  arm: ArmManagedCluster;
  kubeToken: string;
  /** A private cluster Poolscope cannot reach: its kubeconfig points at a closed port. */
  unreachable: boolean;
  poolIds: string[];
  stranded: StrandedPodSpec[];
  /** Persistent volumes (managed disks) the cluster's workloads use, for the cost of storage. */
  diskCount: number;
};

export type EstateSubscription = {
  id: string;
  arm: ArmSubscription;
  /** vCPU quota limits: region -> usage name -> limit. */
  quotas: Record<string, Record<string, number>>;
  /** Share of regular VM cost covered by a reservation (0 = none), for ActualCost vs AmortizedCost. */
  reservationCoverage: number;
};

export type Estate = {
  seed: number;
  sizeName: string;
  size: EstateSize;
  tenantId: string;
  clientId: string;
  subscriptions: EstateSubscription[];
  clusters: EstateCluster[];
  pools: EstatePool[];
};
