/**
 * One collection's readings, as the collector hands them to the writer (lib/collect/write-snapshot.ts). Built by
 * a collection run, or by anything else that wants history in the store (the page benchmark writes 30 days of
 * hourly snapshots from the emulator's clock through the same writer). Ids are lower-cased ARM ids.
 */
import type { JsonObject, PoolConfig } from "./agent-pool";
import type { AutoscalerStatus, NodeGroupStatus } from "./autoscaler-status";
import type { CostDay } from "./cost-mapping";
import type { NodeSummary, NodeUsage, PoolMeasures } from "./node-measures";
import type { PendingPodSummary } from "./pending-pod";
import type { PriceRecord } from "./price";

/** One scope that could not be read (fully), and what to do about it. */
export type RunError = { scope: string; kind: string; message: string; hint?: string };

export type CollectedSubscription = { id: string; subscriptionId: string; displayName: string; tenantId: string | null; state: string | null };

export type CollectedCluster = {
  id: string;
  /** The subscription's id (`/subscriptions/{guid}`). */
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  kubernetesVersion: string | null;
  currentKubernetesVersion: string | null;
  skuTier: string | null;
  nodeResourceGroup: string | null;
  networkPlugin: string | null;
  networkPolicy: string | null;
  powerState: string | null;
  provisioningState: string | null;
  fqdn: string | null;
  privateCluster: boolean;
  tags: Record<string, string>;
  kubeReachable: boolean;
  kubeError: string | null;
  autoscalerStatus: AutoscalerStatus | null;
  /** The managed cluster's ARM properties as read. */
  properties: JsonObject;
};

export type CollectedPool = PoolConfig &
  PoolMeasures & {
    id: string;
    clusterId: string;
    name: string;
    /** The agent pool's ARM properties as read. */
    properties: JsonObject;
    pendingPods: number;
    /** False when the cluster's API could not be read: the measures are zeros, not readings. */
    measured: boolean;
    autoscaler: NodeGroupStatus | null;
  };

export type CollectedNode = NodeSummary & NodeUsage & { clusterId: string; poolId: string | null };

export type CollectedPendingPod = PendingPodSummary & { clusterId: string; targetPoolId: string | null };

export type CollectedQuota = { subscriptionId: string; region: string; family: string; localizedName: string | null; currentValue: number; limit: number };

export type CollectedSnapshot = {
  /** Where the run read from: the ARM endpoint. */
  source: string;
  subscriptions: CollectedSubscription[];
  clusters: CollectedCluster[];
  pools: CollectedPool[];
  nodes: CollectedNode[];
  pendingPods: CollectedPendingPod[];
  quotas: CollectedQuota[];
  costs: CostDay[];
  prices: PriceRecord[];
  errors: RunError[];
  /**
   * The scopes this run read completely. Only their children may be marked deleted when missing: a subscription
   * or cluster that failed must not make its clusters or pools look deleted.
   */
  complete: { subscriptionList: boolean; clustersOf: string[]; poolsOf: string[] };
  stats: { calls: number; retries: number; callsByKind: Record<string, number> };
};
