/**
 * The writer's input contract: a CollectedSnapshot is checked before the transaction opens, so a bad row from any
 * producer (a run, the page benchmark's history) fails with a message that names it instead of half a write.
 */
import { z } from "zod";
import type { CollectedSnapshot } from "@/lib/model/snapshot";

const armId = z.string().min(1).refine((id) => id === id.toLowerCase(), { message: "ids are lower-cased ARM ids" });
const text = z.string().nullable();
const int = z.number().int();
const count = z.number().int().min(0);
const bytes = z.number().min(0);
const json = z.unknown();
const strings = z.record(z.string(), z.string());
const date = z.date();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const runError = z.object({ scope: z.string(), kind: z.string(), message: z.string(), hint: z.string().optional() });

const pool = z.object({
  id: armId,
  clusterId: armId,
  name: z.string().min(1),
  properties: z.record(z.string(), json),
  type: text,
  mode: text,
  count: int.nullable(),
  vmSize: text,
  osType: text,
  osSku: text,
  orchestratorVersion: text,
  currentOrchestratorVersion: text,
  nodeImageVersion: text,
  latestNodeImageVersion: text,
  enableAutoScaling: z.boolean(),
  minCount: int.nullable(),
  maxCount: int.nullable(),
  scaleSetPriority: text,
  scaleSetEvictionPolicy: text,
  spotMaxPrice: z.number().nullable(),
  nodeLabels: strings,
  nodeTaints: z.array(z.string()),
  tags: strings,
  availabilityZones: z.array(z.string()),
  osDiskType: text,
  osDiskSizeGb: int.nullable(),
  kubeletDiskType: text,
  maxPods: int.nullable(),
  vnetSubnetId: text,
  podSubnetId: text,
  upgradeSettings: z.record(z.string(), json).nullable(),
  powerState: text,
  provisioningState: text,
  nodesReady: count,
  nodesNotReady: count,
  allocatableCpuMillis: count,
  allocatableMemoryBytes: bytes,
  allocatablePods: count,
  requestedCpuMillis: count,
  requestedMemoryBytes: bytes,
  runningPods: count,
  pendingPods: count,
  measured: z.boolean(),
  autoscaler: json.nullable(),
});

export const collectedSnapshotSchema = z.object({
  source: z.string(),
  subscriptions: z.array(z.object({ id: armId, subscriptionId: z.string().min(1), displayName: z.string(), tenantId: text, state: text })),
  clusters: z.array(
    z.object({
      id: armId,
      subscriptionId: armId,
      resourceGroup: z.string(),
      name: z.string().min(1),
      location: z.string(),
      kubernetesVersion: text,
      currentKubernetesVersion: text,
      skuTier: text,
      nodeResourceGroup: text,
      networkPlugin: text,
      networkPolicy: text,
      powerState: text,
      provisioningState: text,
      fqdn: text,
      privateCluster: z.boolean(),
      tags: strings,
      kubeReachable: z.boolean(),
      kubeError: text,
      autoscalerStatus: json.nullable(),
      properties: z.record(z.string(), json),
    }),
  ),
  pools: z.array(pool),
  nodes: z.array(
    z.object({
      clusterId: armId,
      name: z.string().min(1),
      poolId: armId.nullable(),
      poolName: text,
      vmSize: text,
      zone: text,
      ready: z.boolean(),
      cordoned: z.boolean(),
      allocatableCpuMillis: count,
      allocatableMemoryBytes: bytes,
      allocatablePods: count,
      requestedCpuMillis: count,
      requestedMemoryBytes: bytes,
      podCount: count,
      kubeletVersion: text,
      osImage: text,
      createdAt: date.nullable(),
    }),
  ),
  pendingPods: z.array(
    z.object({
      clusterId: armId,
      namespace: z.string().min(1),
      name: z.string().min(1),
      ownerKind: text,
      ownerName: text,
      cpuMillis: count,
      memoryBytes: bytes,
      gpus: count,
      nodeSelector: strings,
      affinity: json.nullable(),
      tolerations: z.array(json),
      schedulerMessage: text,
      since: date.nullable(),
      targetPoolId: armId.nullable(),
    }),
  ),
  quotas: z.array(z.object({ subscriptionId: armId, region: z.string().min(1), family: z.string().min(1), localizedName: text, currentValue: int, limit: int })),
  costs: z.array(
    z.object({
      day,
      subscriptionId: armId,
      clusterId: armId,
      poolId: armId.nullable(),
      scopeId: armId,
      costType: z.string().min(1),
      currency: z.string().min(1),
      amount: z.number().refine(Number.isFinite, { message: "a finite amount" }),
      source: z.enum(["cost-management", "estimate"]),
    }),
  ),
  prices: z.array(
    z.object({
      vmSize: z.string().min(1),
      region: z.string().min(1),
      os: z.enum(["linux", "windows"]),
      priority: z.enum(["regular", "spot", "low"]),
      currency: z.string().min(1),
      hourlyPrice: z.number().min(0),
      meterName: text,
      productName: text,
      effectiveDate: date,
    }),
  ),
  errors: z.array(runError),
  complete: z.object({ subscriptionList: z.boolean(), clustersOf: z.array(armId), poolsOf: z.array(armId) }),
  stats: z.object({ calls: count, retries: count, callsByKind: z.record(z.string(), count) }),
}) satisfies z.ZodType<unknown>;

export class InvalidSnapshotError extends Error {
  override name = "InvalidSnapshotError";
}

/** Checks a snapshot; throws InvalidSnapshotError naming the first bad fields. */
export function validateSnapshot(snapshot: CollectedSnapshot): void {
  const result = collectedSnapshotSchema.safeParse(snapshot);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new InvalidSnapshotError(`The snapshot cannot be written: ${issues.join("; ")}`);
  }
}
