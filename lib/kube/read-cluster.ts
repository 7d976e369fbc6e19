/**
 * One cluster's Kubernetes side for a run: nodes, pod requests summed per node (pods are not kept, except the
 * unscheduled ones), the scheduler's FailedScheduling messages for those, and the cluster-autoscaler status.
 */
import { loadYaml } from "@kubernetes/client-node";
import { parseLegacyAutoscalerStatus, readAutoscalerStatusDocument, type AutoscalerStatus } from "@/lib/model/autoscaler-status";
import type { NodeSummary, NodeUsage } from "@/lib/model/node-measures";
import type { PendingPodSummary } from "@/lib/model/pending-pod";
import { KubeHttpError, type KubeClient } from "./kube-client";
import { keepNewestMessage, type MalformedKubeItem, type SchedulingMessage } from "./page-readers";
import { configMapSchema } from "./schemas";

export type { MalformedKubeItem } from "./page-readers";

export type ClusterState = {
  nodes: (NodeSummary & NodeUsage)[];
  pendingPods: PendingPodSummary[];
  autoscalerStatus: AutoscalerStatus | null;
  malformed: MalformedKubeItem[];
};

const NODE_PAGE = 500;
const POD_PAGE = 2000;
const EVENT_PAGE = 500;

/** Malformed items of one list, dropped with the rest when the list starts again. */
function listMalformed(all: MalformedKubeItem[]) {
  const start = all.length;
  return { reset: () => all.splice(start) };
}

/** Items per list page; tests make it small to exercise paging. */
export type ReadOptions = { pageSize?: number };

async function readNodes(client: KubeClient, malformed: MalformedKubeItem[], options: ReadOptions): Promise<NodeSummary[]> {
  let nodes: NodeSummary[] = [];
  const own = listMalformed(malformed);
  await client.list(
    "/api/v1/nodes",
    "kubeNodes",
    options.pageSize ?? NODE_PAGE,
    "nodes",
    (page) => {
      for (const node of page.nodes) nodes.push(node);
      malformed.push(...page.malformed);
    },
    {
      onRestart: () => {
        nodes = [];
        own.reset();
      },
    },
  );
  return nodes;
}

function addUsage(total: Map<string, NodeUsage>, page: Map<string, NodeUsage>): void {
  for (const [node, usage] of page) {
    const known = total.get(node);
    if (!known) total.set(node, usage);
    else {
      known.requestedCpuMillis += usage.requestedCpuMillis;
      known.requestedMemoryBytes += usage.requestedMemoryBytes;
      known.podCount += usage.podCount;
    }
  }
}

async function readPods(client: KubeClient, malformed: MalformedKubeItem[], options: ReadOptions): Promise<{ usage: Map<string, NodeUsage>; unscheduled: PendingPodSummary[] }> {
  // Each page comes as its pods' requests summed per node and its unscheduled pods (page-readers.ts).
  const result = { usage: new Map<string, NodeUsage>(), unscheduled: [] as PendingPodSummary[] };
  const own = listMalformed(malformed);
  // Finished pods hold nothing: let the server leave them out (the readers still skip them if it does not).
  const path = `/api/v1/pods?fieldSelector=${encodeURIComponent("status.phase!=Succeeded,status.phase!=Failed")}`;
  await client.list(
    path,
    "kubePods",
    options.pageSize ?? POD_PAGE,
    "pods",
    (page) => {
      addUsage(result.usage, page.usage);
      for (const pod of page.unscheduled) result.unscheduled.push(pod);
      malformed.push(...page.malformed);
    },
    {
      onRestart: () => {
        result.usage = new Map();
        result.unscheduled = [];
        own.reset();
      },
    },
  );
  return result;
}

/** The newest FailedScheduling message per pod (namespace/name). */
async function readSchedulingMessages(client: KubeClient, malformed: MalformedKubeItem[], options: ReadOptions): Promise<Map<string, SchedulingMessage>> {
  const messages = new Map<string, SchedulingMessage>();
  const own = listMalformed(malformed);
  const path = `/api/v1/events?fieldSelector=${encodeURIComponent("reason=FailedScheduling,involvedObject.kind=Pod")}`;
  await client.list(
    path,
    "kubeEvents",
    options.pageSize ?? EVENT_PAGE,
    "events",
    (page) => {
      for (const [key, message] of page.messages) keepNewestMessage(messages, key, message);
      malformed.push(...page.malformed);
    },
    {
      onRestart: () => {
        messages.clear();
        own.reset();
      },
    },
  );
  return messages;
}

async function readAutoscalerStatus(client: KubeClient, malformed: MalformedKubeItem[]): Promise<AutoscalerStatus | null> {
  let body: unknown;
  try {
    body = await client.getJson("/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status", "kubeAutoscalerStatus");
  } catch (error) {
    // No autoscaler in the cluster (or not started yet): nothing to read.
    if (error instanceof KubeHttpError && error.status === 404) return null;
    throw error;
  }
  const parsed = configMapSchema.safeParse(body);
  const text = parsed.success ? parsed.data.data?.status : undefined;
  if (!text) {
    malformed.push({ kind: "configMap", id: "kube-system/cluster-autoscaler-status", reason: "no data.status" });
    return null;
  }
  if (/^Cluster-autoscaler status at/m.test(text)) return parseLegacyAutoscalerStatus(text);
  try {
    return readAutoscalerStatusDocument(loadYaml(text));
  } catch (error) {
    malformed.push({ kind: "configMap", id: "kube-system/cluster-autoscaler-status", reason: `status is neither YAML nor the text format (${(error as Error).message.split("\n")[0]})` });
    return null;
  }
}

export async function readClusterState(client: KubeClient, options: ReadOptions = {}): Promise<ClusterState> {
  const malformed: MalformedKubeItem[] = [];
  const [nodes, pods, autoscalerStatus] = await Promise.all([readNodes(client, malformed, options), readPods(client, malformed, options), readAutoscalerStatus(client, malformed)]);
  // Events only matter for pods that wait: a healthy cluster costs no event read.
  const messages = pods.unscheduled.length > 0 ? await readSchedulingMessages(client, malformed, options) : new Map<string, SchedulingMessage>();
  const empty: NodeUsage = { requestedCpuMillis: 0, requestedMemoryBytes: 0, podCount: 0 };
  return {
    nodes: nodes.map((node) => ({ ...node, ...(pods.usage.get(node.name) ?? empty) })),
    pendingPods: pods.unscheduled.map((pod) => {
      const message = messages.get(`${pod.namespace}/${pod.name}`)?.message;
      return message ? { ...pod, schedulerMessage: message } : pod;
    }),
    autoscalerStatus,
    malformed,
  };
}
