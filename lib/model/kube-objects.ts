/**
 * The parts of Kubernetes objects Poolscope reads, in their wire (JSON) shape. These are structural subsets of
 * @kubernetes/client-node's V1Node, V1Pod and V1Event; lib/kube validates each item against them before use.
 */

export type KubeLabels = Record<string, string>;

export type NodeWire = {
  metadata: { name: string; labels?: KubeLabels | null; creationTimestamp?: string | null };
  spec?: { unschedulable?: boolean | null; providerID?: string | null } | null;
  status?: {
    allocatable?: Record<string, string> | null;
    conditions?: { type: string; status: string }[] | null;
    nodeInfo?: { kubeletVersion?: string | null; osImage?: string | null } | null;
  } | null;
};

export type ResourceList = Record<string, string | number>;

export type ContainerWire = { name?: string; resources?: { requests?: ResourceList | null; limits?: ResourceList | null } | null; restartPolicy?: string | null };

export type TolerationWire = { key?: string | null; operator?: string | null; value?: string | null; effect?: string | null; tolerationSeconds?: number | null };

export type NodeSelectorRequirementWire = { key: string; operator: string; values?: string[] | null };

export type AffinityWire = {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: {
      nodeSelectorTerms?: { matchExpressions?: NodeSelectorRequirementWire[] | null; matchFields?: NodeSelectorRequirementWire[] | null }[] | null;
    } | null;
  } & Record<string, unknown>;
} & Record<string, unknown>;

export type PodWire = {
  metadata: {
    name: string;
    namespace: string;
    creationTimestamp?: string | null;
    ownerReferences?: { kind: string; name: string; controller?: boolean | null }[] | null;
  };
  spec: {
    nodeName?: string | null;
    containers: ContainerWire[];
    initContainers?: ContainerWire[] | null;
    overhead?: ResourceList | null;
    nodeSelector?: Record<string, string> | null;
    affinity?: AffinityWire | null;
    tolerations?: TolerationWire[] | null;
  };
  status?: {
    phase?: string | null;
    conditions?: { type: string; status: string; reason?: string | null; message?: string | null; lastTransitionTime?: string | null }[] | null;
  } | null;
};

export type EventWire = {
  reason?: string | null;
  message?: string | null;
  involvedObject: { kind?: string | null; namespace?: string | null; name?: string | null };
  lastTimestamp?: string | null;
  eventTime?: string | null;
  metadata?: { creationTimestamp?: string | null } | null;
};
