/**
 * What one page of each Kubernetes list comes down to: node summaries, pod requests summed per node with the
 * unscheduled pods kept, the newest FailedScheduling message per pod. A reader turns a page's bytes into that and
 * nothing else, so that the few kilobytes it keeps are all that leave the thread that read the page (pages are read
 * in kube workers, see kube-workers.ts, and their results posted back); readers are named, not passed, for that.
 */
import type { NodeWire, PodWire } from "@/lib/model/kube-objects";
import { addPodToNodeUsage, isUnscheduledPod, summariseNode, type NodeSummary, type NodeUsage } from "@/lib/model/node-measures";
import { summarisePendingPod, type PendingPodSummary } from "@/lib/model/pending-pod";
import { checkScheduledPod } from "./check-scheduled-pod";
import { CheckedNode, scanNodeList } from "./scan-node-list";
import { scanPodList } from "./scan-pod-list";
import type { ListPage } from "./scan-list";
import { eventSchema, listSchema, nodeSchema, podSchema } from "./schemas";

export type MalformedKubeItem = { kind: string; id: string | null; reason: string };

export type NodePage = { nodes: NodeSummary[]; malformed: MalformedKubeItem[] };
export type PodPage = { usage: Map<string, NodeUsage>; unscheduled: PendingPodSummary[]; malformed: MalformedKubeItem[] };
export type SchedulingMessage = { message: string; at: string };
export type EventPage = { messages: Map<string, SchedulingMessage>; malformed: MalformedKubeItem[] };

export type ListReaderResults = { nodes: NodePage; pods: PodPage; events: EventPage };
export type ListReaderName = keyof ListReaderResults;

/** A page read: what it came down to and its continue token; null when the body is JSON but not a list. */
export type ReadPage<R> = { result: R; continue: string | null | undefined } | null;

function itemName(raw: unknown): string | null {
  const metadata = (raw as { metadata?: { name?: unknown; namespace?: unknown } } | null)?.metadata;
  if (typeof metadata?.name !== "string") return null;
  return typeof metadata.namespace === "string" ? `${metadata.namespace}/${metadata.name}` : metadata.name;
}

function reasonOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "the object"}: ${issue.message.replace(/^Invalid input: /, "")}` : "not the documented shape";
}

/** Parses a whole body as JSON (the exact path, for lists no scanner reads). */
function parseListPage(body: Buffer): ListPage | null {
  const page = listSchema.safeParse(JSON.parse(body.toString("utf8")));
  return page.success ? { items: page.data.items, continue: page.data.metadata?.continue } : null;
}

function readNodePage(body: Buffer): ReadPage<NodePage> {
  const page = scanNodeList(body);
  if (!page) return null;
  const result: NodePage = { nodes: [], malformed: [] };
  for (const raw of page.items) {
    if (raw instanceof CheckedNode) {
      result.nodes.push(summariseNode(raw.node));
      continue;
    }
    const parsed = nodeSchema.safeParse(raw);
    if (parsed.success) result.nodes.push(summariseNode(parsed.data as NodeWire));
    else result.malformed.push({ kind: "node", id: itemName(raw), reason: reasonOf(parsed.error) });
  }
  return { result, continue: page.continue };
}

/**
 * Pods are summed per node; unscheduled ones are kept as summaries (the scheduler's message is added once the events
 * are read), so no pod object outlives its page. scanPodList keeps only the fields summing reads of each scheduled
 * pod and hands every other pod over parsed whole.
 */
function readPodPage(body: Buffer): ReadPage<PodPage> {
  const page = scanPodList(body);
  if (!page) return null;
  const result: PodPage = { usage: new Map(), unscheduled: [], malformed: [] };
  for (const raw of page.items) {
    const checked = checkScheduledPod(raw);
    if (!checked.ok) {
      result.malformed.push({ kind: "pod", id: itemName(raw), reason: checked.reason });
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
    else result.malformed.push({ kind: "pod", id: itemName(raw), reason: reasonOf(full.error) });
  }
  return { result, continue: page.continue };
}

/** Adds `message` for `key` unless a newer one is known. */
export function keepNewestMessage(messages: Map<string, SchedulingMessage>, key: string, message: SchedulingMessage): void {
  const known = messages.get(key);
  if (!known || known.at <= message.at) messages.set(key, message);
}

function readEventPage(body: Buffer): ReadPage<EventPage> {
  const page = parseListPage(body);
  if (!page) return null;
  const result: EventPage = { messages: new Map(), malformed: [] };
  for (const raw of page.items) {
    const parsed = eventSchema.safeParse(raw);
    if (!parsed.success) {
      result.malformed.push({ kind: "event", id: itemName(raw), reason: reasonOf(parsed.error) });
      continue;
    }
    const event = parsed.data;
    if (event.reason !== "FailedScheduling" || (event.involvedObject.kind && event.involvedObject.kind !== "Pod") || !event.message) continue;
    const key = `${event.involvedObject.namespace ?? ""}/${event.involvedObject.name ?? ""}`;
    keepNewestMessage(result.messages, key, { message: event.message, at: event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp ?? "" });
  }
  return { result, continue: page.continue };
}

/** The list readers by name; each throws (a SyntaxError or JsonSyntaxError) when the body is not JSON. */
export const listReaders: { [K in ListReaderName]: (body: Buffer) => ReadPage<ListReaderResults[K]> } = {
  nodes: readNodePage,
  pods: readPodPage,
  events: readEventPage,
};
