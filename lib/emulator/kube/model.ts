/** The in-memory shapes a cluster snapshot is planned with, before they become Kubernetes JSON. */
import type { ArmAgentPoolProperties, EstatePool } from "../estate/types";

export type Taint = { key: string; value?: string; effect: string };
export type Toleration = { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number };

export type NodePlan = {
  name: string;
  pool: EstatePool;
  /** The pool's properties as the plan was made: a snapshot's nodes are written when served, and pools change. */
  properties: ArmAgentPoolProperties;
  labels: Record<string, string>;
  taints: Taint[];
  ready: boolean;
  unschedulable: boolean;
  kubeletVersion: string;
  allocCpuMillis: number;
  allocMemoryBytes: number;
  allocPods: number;
  gpus: number;
  usedCpuMillis: number;
  usedMemoryBytes: number;
  usedPods: number;
  usedGpus: number;
};

export type PodPlan = {
  /**
   * Shared by pods alike in all but name, createdMs and where they run (a pool's replicas of one image, one
   * daemonset's pods): what is written from their common fields is worked out once per template.
   */
  template: object;
  namespace: string;
  name: string;
  app: string;
  image: string;
  ownerKind: "ReplicaSet" | "DaemonSet" | "Job" | "StatefulSet";
  ownerName: string;
  cpuMillis: number;
  memoryBytes: number;
  gpus: number;
  nodeSelector?: Record<string, string>;
  tolerations: Toleration[];
  createdMs: number;
  priorityClassName?: string;
  nodeName?: string;
  /** Set for pods that stay Pending: the scheduler's and the autoscaler's view. */
  schedulerMessage?: string;
  autoscalerMessage?: string;
  /** Whether the autoscaler is scaling up for this pod (TriggeredScaleUp) rather than giving up. */
  triggeredScaleUp?: string;
};

export function parseTaint(text: string): Taint {
  const m = /^([^=:]+)(?:=([^:]*))?:(\w+)$/.exec(text);
  return m ? { key: m[1], ...(m[2] !== undefined ? { value: m[2] } : {}), effect: m[3] } : { key: text, effect: "NoSchedule" };
}

export function tolerates(tolerations: Toleration[], taint: Taint): boolean {
  if (taint.effect === "PreferNoSchedule") return true;
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === "Exists") return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
  });
}

export function tolerationsFor(taints: Taint[]): Toleration[] {
  return taints.map((t) => (t.value === undefined ? { key: t.key, operator: "Exists", effect: t.effect } : { key: t.key, operator: "Equal", value: t.value, effect: t.effect }));
}

/** The tolerations every pod gets from the DefaultTolerationSeconds admission plugin. */
export const DEFAULT_TOLERATIONS: Toleration[] = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
];
