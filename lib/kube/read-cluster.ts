/**
 * One cluster's Kubernetes side for a run: nodes, pod requests summed per node (pods are not kept, except the
 * unscheduled ones), the scheduler's FailedScheduling messages for those, and the cluster-autoscaler status.
 */
import { loadYaml } from "@kubernetes/client-node";
import { parseLegacyAutoscalerStatus, readAutoscalerStatusDocument, type AutoscalerStatus } from "@/lib/model/autoscaler-status";
import type { NodeWire, PodWire } from "@/lib/model/kube-objects";
import { addPodToNodeUsage, isUnscheduledPod, summariseNode, type NodeSummary, type NodeUsage } from "@/lib/model/node-measures";
import { summarisePendingPod, type PendingPodSummary } from "@/lib/model/pending-pod";
import { KubeHttpError, type KubeClient } from "./kube-client";
import { checkScheduledPod } from "./check-scheduled-pod";
import { CheckedNode, scanNodeList } from "./scan-node-list";
import { scanPodList } from "./scan-pod-list";
import { configMapSchema, eventSchema, nodeSchema, podSchema } from "./schemas";

export type MalformedKubeItem = { kind: string; id: string | null; reason: string };

export type ClusterState = {
  nodes: (NodeSummary & NodeUsage)[];
  pendingPods: PendingPodSummary[];
  autoscalerStatus: AutoscalerStatus | null;
  malformed: MalformedKubeItem[];
};

const NODE_PAGE = 500;
const POD_PAGE = 2000;
const EVENT_PAGE = 500;

function itemName(raw: unknown): string | null {
  const metadata = (raw as { metadata?: { name?: unknown; namespace?: unknown } } | null)?.metadata;
  if (typeof metadata?.name !== "string") return null;
  return typeof metadata.namespace === "string" ? `${metadata.namespace}/${metadata.name}` : metadata.name;
}

function reasonOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "the object"}: ${issue.message.replace(/^Invalid input: /, "")}` : "not the documented shape";
}

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
    (page) => {
      for (const raw of page) {
        if (raw instanceof CheckedNode) {
          nodes.push(summariseNode(raw.node));
          continue;
        }
        const parsed = nodeSchema.safeParse(raw);
        if (parsed.success) nodes.push(summariseNode(parsed.data as NodeWire));
        else malformed.push({ kind: "node", id: itemName(raw), reason: reasonOf(parsed.error) });
      }
    },
    {
      onRestart: () => {
        nodes = [];
        own.reset();
      },
      readPage: scanNodeList,
    },
  );
  return nodes;
}

async function readPods(client: KubeClient, malformed: MalformedKubeItem[], options: ReadOptions): Promise<{ usage: Map<string, NodeUsage>; unscheduled: PendingPodSummary[] }> {
  // Pods are summed per node page by page; unscheduled ones are kept as summaries (the scheduler's message is
  // added once the events are read), so no pod object outlives its page. Pages are read by scanPodList, which
  // keeps only the fields summing reads of each scheduled pod and hands every other pod over parsed whole.
  const result = { usage: new Map<string, NodeUsage>(), unscheduled: [] as PendingPodSummary[] };
  const own = listMalformed(malformed);
  // Finished pods hold nothing: let the server leave them out (the filter below still applies if it does not).
  const path = `/api/v1/pods?fieldSelector=${encodeURIComponent("status.phase!=Succeeded,status.phase!=Failed")}`;
  await client.list(
    path,
    "kubePods",
    options.pageSize ?? POD_PAGE,
    (page) => {
      for (const raw of page) {
        const checked = checkScheduledPod(raw);
        if (!checked.ok) {
          malformed.push({ kind: "pod", id: itemName(raw), reason: checked.reason });
          continue;
        }
        // The slim check covers what summing needs; a pod that is kept is checked in full.
        const pod = checked.pod;
        if (!isUnscheduledPod(pod)) {
          addPodToNodeUsage(result.usage, pod);
          continue;
        }
        const full = podSchema.safeParse(raw);
        if (full.success) result.unscheduled.push(summarisePendingPod(full.data as PodWire, null));
        else malformed.push({ kind: "pod", id: itemName(raw), reason: reasonOf(full.error) });
      }
    },
    {
      onRestart: () => {
        result.usage = new Map();
        result.unscheduled = [];
        own.reset();
      },
      readPage: scanPodList,
    },
  );
  return result;
}

/** The newest FailedScheduling message per pod (namespace/name). */
async function readSchedulingMessages(client: KubeClient, malformed: MalformedKubeItem[], options: ReadOptions): Promise<Map<string, { message: string; at: string }>> {
  const messages = new Map<string, { message: string; at: string }>();
  const own = listMalformed(malformed);
  const path = `/api/v1/events?fieldSelector=${encodeURIComponent("reason=FailedScheduling,involvedObject.kind=Pod")}`;
  await client.list(path, "kubeEvents", options.pageSize ?? EVENT_PAGE, (page) => {
    for (const raw of page) {
      const parsed = eventSchema.safeParse(raw);
      if (!parsed.success) {
        malformed.push({ kind: "event", id: itemName(raw), reason: reasonOf(parsed.error) });
        continue;
      }
      const event = parsed.data;
      if (event.reason !== "FailedScheduling" || (event.involvedObject.kind && event.involvedObject.kind !== "Pod") || !event.message) continue;
      const key = `${event.involvedObject.namespace ?? ""}/${event.involvedObject.name ?? ""}`;
      const at = event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp ?? "";
      const known = messages.get(key);
      if (!known || known.at <= at) messages.set(key, { message: event.message, at });
    }
  }, {
    onRestart: () => {
      messages.clear();
      own.reset();
    },
  });
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
  const messages = pods.unscheduled.length > 0 ? await readSchedulingMessages(client, malformed, options) : new Map<string, { message: string; at: string }>();
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
