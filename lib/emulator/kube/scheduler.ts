/**
 * Where a pod fits, and when it fits nowhere, the message kube-scheduler would give: the first failing filter per
 * node (unschedulable, taints, node selector, resources), counted and sorted like the scheduler's histogram, plus
 * the preemption summary.
 */
import type { NodePlan, PodPlan } from "./model";
import { tolerates } from "./model";

export function fitsResources(node: NodePlan, pod: PodPlan): string[] {
  const reasons: string[] = [];
  if (node.usedPods + 1 > node.allocPods) reasons.push("Too many pods");
  if (node.usedCpuMillis + pod.cpuMillis > node.allocCpuMillis) reasons.push("Insufficient cpu");
  if (node.usedMemoryBytes + pod.memoryBytes > node.allocMemoryBytes) reasons.push("Insufficient memory");
  if (pod.gpus > 0 && node.usedGpus + pod.gpus > node.gpus) reasons.push("Insufficient nvidia.com/gpu");
  return reasons;
}

/** Reasons a node rejects the pod before resources are considered (empty = only resources can stop it). */
export function filterReasons(node: NodePlan, pod: PodPlan): string[] {
  if (node.unschedulable) return ["node(s) were unschedulable"];
  const untolerated = node.taints.find((t) => (t.effect === "NoSchedule" || t.effect === "NoExecute") && !tolerates(pod.tolerations, t));
  if (untolerated) return [`node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ""}}`];
  if (pod.nodeSelector && Object.entries(pod.nodeSelector).some(([k, v]) => node.labels[k] !== v)) return ["node(s) didn't match Pod's node affinity/selector"];
  return [];
}

export function place(node: NodePlan, pod: PodPlan): void {
  node.usedCpuMillis += pod.cpuMillis;
  node.usedMemoryBytes += pod.memoryBytes;
  node.usedPods += 1;
  node.usedGpus += pod.gpus;
  pod.nodeName = node.name;
}

/** Whether neither filterReasons nor fitsResources would stop the pod (checked without building their messages). */
export function canRun(node: NodePlan, pod: PodPlan): boolean {
  if (!node.ready || node.unschedulable) return false;
  if (node.usedPods + 1 > node.allocPods || node.usedCpuMillis + pod.cpuMillis > node.allocCpuMillis || node.usedMemoryBytes + pod.memoryBytes > node.allocMemoryBytes) return false;
  if (pod.gpus > 0 && node.usedGpus + pod.gpus > node.gpus) return false;
  for (const t of node.taints) if ((t.effect === "NoSchedule" || t.effect === "NoExecute") && !tolerates(pod.tolerations, t)) return false;
  for (const key in pod.nodeSelector) if (node.labels[key] !== pod.nodeSelector[key]) return false;
  return true;
}

function histogram(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).sort().join(", ");
}

export function explainUnschedulable(nodes: NodePlan[], pod: PodPlan): string {
  const total = nodes.length;
  if (total === 0) return "no nodes available to schedule pods";
  const reasons: string[] = [];
  const preemption: string[] = [];
  for (const node of nodes) {
    const filtered = !node.ready ? ["node(s) had untolerated taint {node.kubernetes.io/unreachable: }"] : filterReasons(node, pod);
    if (filtered.length) {
      reasons.push(...filtered);
      preemption.push("Preemption is not helpful for scheduling");
    } else {
      reasons.push(...fitsResources(node, pod));
      // Resource shortfalls are "resolvable": preemption looks for victims (and, at equal priority, finds none).
      preemption.push("No preemption victims found for incoming pod");
    }
  }
  return `0/${total} nodes are available: ${histogram(reasons)}. preemption: 0/${total} nodes are available: ${histogram(preemption)}.`;
}
