/** The declarative shape both generators (demo and sized) write, and `build.ts` turns into an estate. */
import type { StrandedPodSpec, Workload } from "./types";

export type PoolSpec = {
  name: string;
  mode: "System" | "User";
  vmSize: string;
  os?: "Linux" | "Windows";
  osSKU?: "Ubuntu" | "AzureLinux" | "Windows2022";
  /** Manual node count (ignored when autoscale is set). */
  count?: number;
  autoscale?: { min: number; max: number };
  spot?: boolean;
  taints?: string[];
  labels?: Record<string, string>;
  tags?: Record<string, string>;
  zones?: string[];
  /** Pool version; defaults to the cluster's. */
  version?: string;
  /** Set when the pool is mid-upgrade from this version to `version`. */
  upgradingFrom?: string;
  nodeImage?: string;
  stopped?: boolean;
  /** VirtualMachines-type pool: a list of sizes and counts instead of one vmSize and count. */
  virtualMachines?: Array<{ size: string; count: number }>;
  maxPods?: number;
  osDiskType?: "Managed" | "Ephemeral";
  osDiskSizeGB?: number;
  maxSurge?: string | null;
  workload: Partial<Workload> & Pick<Workload, "pattern">;
  note?: string;
};

export type ClusterSpec = {
  name: string;
  resourceGroup: string;
  location: string;
  version: string;
  tier: "Free" | "Standard" | "Premium";
  tags: Record<string, string>;
  pools: PoolSpec[];
  privateCluster?: boolean;
  /** Kube API not reachable from Poolscope (private cluster without a route). */
  unreachable?: boolean;
  stranded?: StrandedPodSpec[];
  networkPlugin?: "azure" | "kubenet" | "none";
  upgradeChannel?: "none" | "patch" | "stable" | "rapid" | "node-image";
  diskCount?: number;
};

export type SubscriptionSpec = {
  displayName: string;
  quotaId: string;
  tags?: Record<string, string>;
  /** Quota overrides: region -> usage name -> limit (others are generous). */
  quotas?: Record<string, Record<string, number>>;
  reservationCoverage?: number;
  clusters: ClusterSpec[];
};
