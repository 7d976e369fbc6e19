/**
 * Node and pod figures for capacity: one summary per node, pod requests summed per node as pages of pods
 * stream in (no pod object is kept), and the per-pool roll-up stored on the pool snapshot.
 */
import type { NodeWire, PodWire, ResourceList } from "./kube-objects";
import { parseBytes, parseCount, parseCpuMillis } from "./quantity";

export const POOL_LABELS = ["kubernetes.azure.com/agentpool", "agentpool"] as const;
export const ZONE_LABELS = ["topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"] as const;
export const INSTANCE_TYPE_LABELS = ["node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type"] as const;

export type NodeSummary = {
  name: string;
  poolName: string | null;
  vmSize: string | null;
  zone: string | null;
  ready: boolean;
  cordoned: boolean;
  allocatableCpuMillis: number;
  allocatableMemoryBytes: number;
  allocatablePods: number;
  kubeletVersion: string | null;
  osImage: string | null;
  createdAt: Date | null;
};

export type Requests = { cpuMillis: number; memoryBytes: number; gpus: number };

export type NodeUsage = { requestedCpuMillis: number; requestedMemoryBytes: number; podCount: number };

function firstLabel(labels: Record<string, string> | null | undefined, keys: readonly string[]): string | null {
  if (!labels) return null;
  for (const key of keys) if (labels[key]) return labels[key];
  return null;
}

function parseTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? null : time;
}

/** One node's identity, state and allocatable resources. */
export function summariseNode(node: NodeWire): NodeSummary {
  const labels = node.metadata.labels;
  const allocatable = node.status?.allocatable ?? {};
  const ready = node.status?.conditions?.find((condition) => condition.type === "Ready")?.status === "True";
  return {
    name: node.metadata.name,
    poolName: firstLabel(labels, POOL_LABELS),
    vmSize: firstLabel(labels, INSTANCE_TYPE_LABELS),
    zone: firstLabel(labels, ZONE_LABELS),
    ready,
    cordoned: node.spec?.unschedulable === true,
    allocatableCpuMillis: parseCpuMillis(allocatable.cpu) ?? 0,
    allocatableMemoryBytes: parseBytes(allocatable.memory) ?? 0,
    allocatablePods: parseCount(allocatable.pods) ?? 0,
    kubeletVersion: node.status?.nodeInfo?.kubeletVersion ?? null,
    osImage: node.status?.nodeInfo?.osImage ?? null,
    createdAt: parseTime(node.metadata.creationTimestamp),
  };
}

function addList(total: Requests, list: ResourceList | null | undefined): void {
  if (!list) return;
  total.cpuMillis += parseCpuMillis(list.cpu) ?? 0;
  total.memoryBytes += parseBytes(list.memory) ?? 0;
  total.gpus += parseCount(list["nvidia.com/gpu"] ?? list["amd.com/gpu"]) ?? 0;
}

function maxInto(target: Requests, other: Requests): void {
  target.cpuMillis = Math.max(target.cpuMillis, other.cpuMillis);
  target.memoryBytes = Math.max(target.memoryBytes, other.memoryBytes);
  target.gpus = Math.max(target.gpus, other.gpus);
}

/**
 * What the scheduler reserves for a pod: the larger of its containers' requests summed and its largest init
 * container (sidecar init containers, restartPolicy Always, run alongside and add up), plus the pod overhead.
 */
export function podRequests(pod: PodWire): Requests {
  const sum: Requests = { cpuMillis: 0, memoryBytes: 0, gpus: 0 };
  for (const container of pod.spec.containers) addList(sum, container.resources?.requests);
  const initPeak: Requests = { cpuMillis: 0, memoryBytes: 0, gpus: 0 };
  const sidecars: Requests = { cpuMillis: 0, memoryBytes: 0, gpus: 0 };
  for (const container of pod.spec.initContainers ?? []) {
    const own: Requests = { cpuMillis: 0, memoryBytes: 0, gpus: 0 };
    addList(own, container.resources?.requests);
    if (container.restartPolicy === "Always") {
      sidecars.cpuMillis += own.cpuMillis;
      sidecars.memoryBytes += own.memoryBytes;
      sidecars.gpus += own.gpus;
    } else {
      // A regular init container runs after the sidecars declared before it; this bound is what the scheduler uses in the usual layouts.
      maxInto(initPeak, { cpuMillis: own.cpuMillis + sidecars.cpuMillis, memoryBytes: own.memoryBytes + sidecars.memoryBytes, gpus: own.gpus + sidecars.gpus });
    }
  }
  const total: Requests = { cpuMillis: sum.cpuMillis + sidecars.cpuMillis, memoryBytes: sum.memoryBytes + sidecars.memoryBytes, gpus: sum.gpus + sidecars.gpus };
  maxInto(total, initPeak);
  addList(total, pod.spec.overhead);
  return total;
}

/** Succeeded and Failed pods hold no resources. */
export function isTerminalPod(pod: PodWire): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

/** A pod the scheduler has not placed yet. */
export function isUnscheduledPod(pod: PodWire): boolean {
  return !pod.spec.nodeName && !isTerminalPod(pod) && (pod.status?.phase ?? "Pending") === "Pending";
}

/** Adds one scheduled, non-terminal pod's requests to its node's running totals. */
export function addPodToNodeUsage(usage: Map<string, NodeUsage>, pod: PodWire): void {
  const nodeName = pod.spec.nodeName;
  if (!nodeName || isTerminalPod(pod)) return;
  const requests = podRequests(pod);
  const entry = usage.get(nodeName);
  if (entry) {
    entry.requestedCpuMillis += requests.cpuMillis;
    entry.requestedMemoryBytes += requests.memoryBytes;
    entry.podCount += 1;
  } else {
    usage.set(nodeName, { requestedCpuMillis: requests.cpuMillis, requestedMemoryBytes: requests.memoryBytes, podCount: 1 });
  }
}

export type PoolMeasures = {
  nodesReady: number;
  nodesNotReady: number;
  allocatableCpuMillis: number;
  allocatableMemoryBytes: number;
  allocatablePods: number;
  requestedCpuMillis: number;
  requestedMemoryBytes: number;
  runningPods: number;
};

export function emptyPoolMeasures(): PoolMeasures {
  return { nodesReady: 0, nodesNotReady: 0, allocatableCpuMillis: 0, allocatableMemoryBytes: 0, allocatablePods: 0, requestedCpuMillis: 0, requestedMemoryBytes: 0, runningPods: 0 };
}

/** Sums nodes (with their pods' requests) per pool name. Nodes without a pool label are left out of every pool. */
export function measurePools(nodes: (NodeSummary & NodeUsage)[]): Map<string, PoolMeasures> {
  const pools = new Map<string, PoolMeasures>();
  for (const node of nodes) {
    if (!node.poolName) continue;
    let measures = pools.get(node.poolName);
    if (!measures) pools.set(node.poolName, (measures = emptyPoolMeasures()));
    if (node.ready) measures.nodesReady += 1;
    else measures.nodesNotReady += 1;
    measures.allocatableCpuMillis += node.allocatableCpuMillis;
    measures.allocatableMemoryBytes += node.allocatableMemoryBytes;
    measures.allocatablePods += node.allocatablePods;
    measures.requestedCpuMillis += node.requestedCpuMillis;
    measures.requestedMemoryBytes += node.requestedMemoryBytes;
    measures.runningPods += node.podCount;
  }
  return pools;
}
