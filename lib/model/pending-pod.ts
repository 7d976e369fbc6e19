/**
 * A pending (unscheduled) pod as the store keeps it, and the pool its selectors point at: what on-call needs to
 * see which pool should take it.
 */
import type { AffinityWire, NodeSelectorRequirementWire, PodWire, TolerationWire } from "./kube-objects";
import { podRequests } from "./node-measures";

export type PendingPodSummary = {
  namespace: string;
  name: string;
  ownerKind: string | null;
  ownerName: string | null;
  cpuMillis: number;
  memoryBytes: number;
  gpus: number;
  nodeSelector: Record<string, string>;
  affinity: AffinityWire | null;
  tolerations: TolerationWire[];
  schedulerMessage: string | null;
  since: Date | null;
};

function parseTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? null : time;
}

export function summarisePendingPod(pod: PodWire, schedulerMessage: string | null): PendingPodSummary {
  const owners = pod.metadata.ownerReferences ?? [];
  const owner = owners.find((reference) => reference.controller) ?? owners[0];
  const requests = podRequests(pod);
  const unschedulable = pod.status?.conditions?.find((condition) => condition.type === "PodScheduled" && condition.status === "False");
  return {
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    ownerKind: owner?.kind ?? null,
    ownerName: owner?.name ?? null,
    cpuMillis: requests.cpuMillis,
    memoryBytes: requests.memoryBytes,
    gpus: requests.gpus,
    nodeSelector: pod.spec.nodeSelector ?? {},
    affinity: pod.spec.affinity ?? null,
    tolerations: pod.spec.tolerations ?? [],
    // The scheduler's own words: the newest FailedScheduling event, else the PodScheduled condition's message.
    schedulerMessage: schedulerMessage ?? unschedulable?.message ?? null,
    since: parseTime(unschedulable?.lastTransitionTime) ?? parseTime(pod.metadata.creationTimestamp),
  };
}

/** What a pool's nodes look like to the scheduler: possible values per label, and the taints every node carries. */
export type PoolPlacement = { poolId: string; labels: Record<string, string[]>; taints: { key: string; value: string; effect: string }[] };

/** Parses an AKS taint string, `key=value:Effect` or `key:Effect`. */
export function parseTaint(text: string): { key: string; value: string; effect: string } | null {
  const match = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(text.trim());
  return match ? { key: match[1], value: match[2] ?? "", effect: match[3] } : null;
}

/** The labels and taints AKS gives a pool's nodes, from its configuration. */
export function describePoolPlacement(pool: {
  poolId: string;
  name: string;
  mode: string | null;
  osType: string | null;
  osSku: string | null;
  vmSize: string | null;
  scaleSetPriority: string | null;
  nodeLabels: Record<string, string>;
  nodeTaints: string[];
  availabilityZones: string[];
  location: string | null;
}): PoolPlacement {
  const labels: Record<string, string[]> = {};
  const set = (key: string, value: string | null | undefined) => {
    if (value) labels[key] = [value];
  };
  set("agentpool", pool.name);
  set("kubernetes.azure.com/agentpool", pool.name);
  set("kubernetes.azure.com/mode", pool.mode?.toLowerCase());
  set("kubernetes.io/os", pool.osType?.toLowerCase());
  set("beta.kubernetes.io/os", pool.osType?.toLowerCase());
  set("kubernetes.azure.com/os-sku", pool.osSku);
  set("node.kubernetes.io/instance-type", pool.vmSize);
  set("beta.kubernetes.io/instance-type", pool.vmSize);
  const taints = pool.nodeTaints.map(parseTaint).filter((taint) => taint !== null);
  if (pool.scaleSetPriority?.toLowerCase() === "spot") {
    set("kubernetes.azure.com/scalesetpriority", "spot");
    taints.push({ key: "kubernetes.azure.com/scalesetpriority", value: "spot", effect: "NoSchedule" });
  }
  if (pool.location && pool.availabilityZones.length > 0) {
    const zones = pool.availabilityZones.map((zone) => `${pool.location}-${zone}`);
    labels["topology.kubernetes.io/zone"] = zones;
    labels["failure-domain.beta.kubernetes.io/zone"] = zones;
  }
  for (const [key, value] of Object.entries(pool.nodeLabels)) labels[key] = [value];
  return { poolId: pool.poolId, labels, taints };
}

function requirementHolds(requirement: NodeSelectorRequirementWire, labels: Record<string, string[]>): boolean {
  const values = labels[requirement.key];
  const wanted = requirement.values ?? [];
  switch (requirement.operator) {
    case "In":
      return values !== undefined && values.some((value) => wanted.includes(value));
    case "NotIn":
      return values === undefined || values.some((value) => !wanted.includes(value));
    case "Exists":
      return values !== undefined;
    case "DoesNotExist":
      return values === undefined;
    case "Gt":
      return values !== undefined && values.some((value) => Number(value) > Number(wanted[0]));
    case "Lt":
      return values !== undefined && values.some((value) => Number(value) < Number(wanted[0]));
    default:
      return false;
  }
}

function tolerates(tolerations: TolerationWire[], taint: { key: string; value: string; effect: string }): boolean {
  return tolerations.some((toleration) => {
    if (toleration.effect && toleration.effect !== taint.effect) return false;
    if (toleration.operator === "Exists") return !toleration.key || toleration.key === taint.key;
    return toleration.key === taint.key && (toleration.value ?? "") === taint.value;
  });
}

/** Whether the pod's node selector, required node affinity and tolerations admit the pool's nodes. */
export function podFitsPlacement(pod: Pick<PendingPodSummary, "nodeSelector" | "affinity" | "tolerations">, placement: PoolPlacement): boolean {
  for (const [key, value] of Object.entries(pod.nodeSelector)) {
    if (!placement.labels[key]?.includes(value)) return false;
  }
  const terms = pod.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length > 0) {
    const anyTerm = terms.some((term) => (term.matchExpressions ?? []).every((requirement) => requirementHolds(requirement, placement.labels)));
    if (!anyTerm) return false;
  }
  return placement.taints.filter((taint) => taint.effect !== "PreferNoSchedule").every((taint) => tolerates(pod.tolerations, taint));
}

/** The one pool the pod can be placed on, or null when none or several can. */
export function findTargetPool(pod: Pick<PendingPodSummary, "nodeSelector" | "affinity" | "tolerations">, placements: PoolPlacement[]): string | null {
  const fits = placements.filter((placement) => podFitsPlacement(pod, placement));
  return fits.length === 1 ? fits[0].poolId : null;
}
