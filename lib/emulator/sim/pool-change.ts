/**
 * Changing a pool's configuration, as a portal user or a pipeline would: labels, taints, tags, counts, versions,
 * size, power state. Changes that move node count or price start a new config epoch, so cost replays the past
 * with the configuration it had.
 */
import type { ArmAgentPoolProperties, EstatePool, PoolConfigEpoch } from "../estate/types";
import { stableUuid } from "../estate/random";

export type PoolPatch = {
  nodeLabels?: Record<string, string> | null;
  nodeTaints?: string[] | null;
  tags?: Record<string, string> | null;
  count?: number;
  minCount?: number | null;
  maxCount?: number | null;
  enableAutoScaling?: boolean;
  orchestratorVersion?: string;
  currentOrchestratorVersion?: string;
  nodeImageVersion?: string;
  vmSize?: string;
  maxPods?: number;
  mode?: "System" | "User";
  powerState?: "Running" | "Stopped";
  provisioningState?: string;
  upgradeSettings?: ArmAgentPoolProperties["upgradeSettings"] | null;
  availabilityZones?: string[] | null;
  spotMaxPrice?: number;
};

const KNOWN = new Set<keyof PoolPatch>([
  "nodeLabels", "nodeTaints", "tags", "count", "minCount", "maxCount", "enableAutoScaling", "orchestratorVersion", "currentOrchestratorVersion",
  "nodeImageVersion", "vmSize", "maxPods", "mode", "powerState", "provisioningState", "upgradeSettings", "availabilityZones", "spotMaxPrice",
]);

export class PoolPatchError extends Error {}

export function validatePatch(patch: unknown): PoolPatch {
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) throw new PoolPatchError("a pool change is a JSON object of agent pool properties");
  for (const key of Object.keys(patch)) if (!KNOWN.has(key as keyof PoolPatch)) throw new PoolPatchError(`unknown pool property ${JSON.stringify(key)}; known: ${[...KNOWN].join(", ")}`);
  const p = patch as PoolPatch;
  for (const key of ["count", "minCount", "maxCount", "maxPods"] as const) {
    const v = p[key];
    if (v !== undefined && v !== null && (!Number.isInteger(v) || v < 0)) throw new PoolPatchError(`${key} should be a whole number >= 0`);
  }
  return p;
}

/** Applies a patch to a pool; returns whether the node count or price may have changed. */
export function applyPoolPatch(pool: EstatePool, patch: PoolPatch, nowMs: number, changeNumber: number): boolean {
  const props = pool.arm.properties;
  const set = <K extends keyof ArmAgentPoolProperties>(key: K, value: ArmAgentPoolProperties[K] | null | undefined) => {
    if (value === undefined) return;
    if (value === null) delete props[key];
    else props[key] = value;
  };
  set("nodeLabels", patch.nodeLabels);
  set("nodeTaints", patch.nodeTaints);
  set("tags", patch.tags);
  set("maxPods", patch.maxPods);
  set("mode", patch.mode);
  set("nodeImageVersion", patch.nodeImageVersion);
  set("upgradeSettings", patch.upgradeSettings);
  set("availabilityZones", patch.availabilityZones);
  set("spotMaxPrice", patch.spotMaxPrice);
  if (patch.tags !== undefined) {
    for (const key of Object.keys(pool.scaleSetTags)) if (!key.startsWith("aks-managed-")) delete pool.scaleSetTags[key];
    Object.assign(pool.scaleSetTags, patch.tags ?? {});
  }
  if (patch.orchestratorVersion !== undefined) {
    props.orchestratorVersion = patch.orchestratorVersion;
    props.currentOrchestratorVersion = patch.currentOrchestratorVersion ?? (patch.provisioningState === "Upgrading" ? props.currentOrchestratorVersion : patch.orchestratorVersion);
    pool.scaleSetTags["aks-managed-orchestrator"] = `Kubernetes:${props.currentOrchestratorVersion}`;
  } else if (patch.currentOrchestratorVersion !== undefined) {
    props.currentOrchestratorVersion = patch.currentOrchestratorVersion;
  }
  set("provisioningState", patch.provisioningState);
  if (patch.powerState) props.powerState = { code: patch.powerState };

  const before = pool.configLog[pool.configLog.length - 1];
  const next: PoolConfigEpoch = { ...before, fromMs: nowMs };
  if (patch.vmSize !== undefined && props.type !== "VirtualMachines") next.vmSize = props.vmSize = patch.vmSize;
  if (patch.enableAutoScaling !== undefined) next.autoscale = props.enableAutoScaling = patch.enableAutoScaling;
  if (patch.minCount !== undefined) {
    set("minCount", patch.minCount);
    next.minCount = patch.minCount ?? 0;
  }
  if (patch.maxCount !== undefined) {
    set("maxCount", patch.maxCount);
    next.maxCount = patch.maxCount ?? 0;
  }
  if (!next.autoscale) {
    delete props.minCount;
    delete props.maxCount;
  }
  if (patch.count !== undefined) {
    next.count = patch.count;
    if (props.type !== "VirtualMachines") props.count = patch.count;
  }
  if (patch.powerState) next.stopped = patch.powerState === "Stopped";
  props.eTag = stableUuid(pool.id, "etag", changeNumber);

  const changed = JSON.stringify({ ...before, fromMs: 0 }) !== JSON.stringify({ ...next, fromMs: 0 });
  if (changed) {
    // Two changes in the same millisecond: the later one wins.
    if (before.fromMs === nowMs) pool.configLog[pool.configLog.length - 1] = next;
    else pool.configLog.push(next);
  }
  if (patch.vmSize !== undefined && before.vmSize !== next.vmSize) pool.nodes = [];
  return changed;
}
