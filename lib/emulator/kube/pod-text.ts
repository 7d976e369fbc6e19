/**
 * A running pod's JSON written byte by byte into a list page: exactly the UTF-8 of `JSON.stringify(podJson(...))`,
 * without building the object or any string of it. A large estate serves about 800,000 pods (2 GB of JSON) to
 * one collection run; as objects, then as strings, they were most of the emulator's CPU and garbage. What the pods
 * of one template share (containers, tolerations, labels, owner) and what the pods on one node share is encoded
 * once per snapshot; per pod only its name, uid, times and address are written, and a time written once is copied
 * where it appears again. Pending pods (few, and carrying the scheduler's message) still go through `podJson`.
 */
import type { EstateCluster } from "../estate/types";
import { hash32 } from "../estate/random";
import { nodeIp } from "../arm/resources";
import type { BodyWriter } from "../body-writer";
import type { NodePlan, PodPlan } from "./model";
import { imageId, podLabels, podOwnerReferences, podSpecHead, podSpecTail, putIso, putPodUid } from "./objects";

const str = JSON.stringify as (value: string) => string;
const bytes = (text: string) => Buffer.from(text, "utf8");
const since = (type: string) => `{"type":"${type}","status":"True","lastProbeTime":null,"lastTransitionTime":"`;

// The pod's JSON is these, with the pod's own values between them (see writeRunningPod).
const OPEN = bytes(`{"metadata":{"name":`);
const INITIALIZED = bytes(`"},${since("Initialized")}`);
const READY = bytes(`"},${since("Ready")}`);
const CONTAINERS_READY = bytes(`"},${since("ContainersReady")}`);
const SCHEDULED = bytes(`"},${since("PodScheduled")}`);
const POD_IP = bytes("10.244.");
const POD_IPS = bytes(`","podIPs":[{"ip":"`);
const START_TIME = bytes(`"}],"startTime":"`);
const RESTARTS = bytes(`"}},"lastState":{},"ready":true,"restartCount":`);
const CLOSE = bytes(`","started":true}],"qosClass":"Burstable"}}`);
/** Room for the constant parts and the pod's own values but its name (times of years past 9999 included). */
const FIXED_BYTES = [OPEN, INITIALIZED, READY, CONTAINERS_READY, SCHEDULED, POD_IP, POD_IPS, START_TIME, RESTARTS, CLOSE].reduce((n, b) => n + b.length, 0) + 36 + 8 * 32 + 2 * 16 + 64 + 1;

/** What the pods of one template share, around their own values. */
type TemplateBytes = { meta: Buffer; spec: Buffer; status: Buffer; container: Buffer; image: Buffer; size: number };
type NodeBytes = { name: Buffer; host: Buffer };

/** Fragments shared by the pods of one snapshot. */
export type PodTextCache = {
  rv: Buffer;
  templates: Map<object, TemplateBytes>;
  nodes: Map<string, NodeBytes>;
};

export function createPodTextCache(rv: string): PodTextCache {
  return { rv: bytes(`","resourceVersion":${str(rv)},"creationTimestamp":"`), templates: new Map(), nodes: new Map() };
}

function templateBytes(cache: PodTextCache, cluster: EstateCluster, pod: PodPlan): TemplateBytes {
  let t = cache.templates.get(pod.template);
  if (t === undefined) {
    const parts = {
      meta: bytes(`${pod.ownerKind !== "StatefulSet" ? `,"generateName":${str(`${pod.ownerName}-`)}` : ""},"namespace":${str(pod.namespace)},"uid":"`),
      spec: bytes(`","labels":${JSON.stringify(podLabels(pod))},"ownerReferences":${JSON.stringify(podOwnerReferences(cluster, pod))}},"spec":${JSON.stringify(podSpecHead(pod)).slice(0, -1)},"nodeName":`),
      status: bytes(`,${JSON.stringify(podSpecTail(pod)).slice(1)},"status":{"phase":"Running","conditions":[${since("PodReadyToStartContainers")}`),
      container: bytes(`","containerStatuses":[{"name":${str(pod.app)},"state":{"running":{"startedAt":"`),
      image: bytes(`,"image":${str(pod.image)},"imageID":${str(imageId(pod.image))},"containerID":"containerd://`),
    };
    t = { ...parts, size: Object.values(parts).reduce((n, b) => n + b.length, 0) };
    cache.templates.set(pod.template, t);
  }
  return t;
}

function nodeBytes(cache: PodTextCache, nodes: Map<string, NodePlan>, nodeName: string): NodeBytes {
  let n = cache.nodes.get(nodeName);
  if (n === undefined) {
    const node = nodes.get(nodeName);
    const ip = node ? nodeIp(node) : "";
    n = { name: bytes(str(nodeName)), host: bytes(`"}],"hostIP":"${ip}","hostIPs":${node ? `[{"ip":"${ip}"}]` : "[]"},"podIP":"`) };
    cache.nodes.set(nodeName, n);
  }
  return n;
}

/** Writes a scheduled pod (one with a nodeName) as JSON. */
export function writeRunningPod(out: BodyWriter, cache: PodTextCache, cluster: EstateCluster, pod: PodPlan & { nodeName: string }, nodes: Map<string, NodePlan>): void {
  const t = templateBytes(cache, cluster, pod);
  const node = nodeBytes(cache, nodes, pod.nodeName);
  const h = hash32(pod.name);
  const buf = out.reserve(FIXED_BYTES + t.size + node.name.length + node.host.length + cache.rv.length + 6 * pod.name.length + 2);
  let at = put(buf, out.at, OPEN);
  at = putJsonString(buf, at, pod.name);
  at = put(buf, at, t.meta);
  const uidAt = at;
  at = putPodUid(buf, at, cluster, pod);
  at = put(buf, at, cache.rv);
  const createdAt = at;
  at = putIso(buf, at, pod.createdMs);
  const createdEnd = at;
  at = put(buf, at, t.spec);
  at = put(buf, at, node.name);
  at = put(buf, at, t.status);
  const startedAt = at;
  at = putIso(buf, at, pod.createdMs + 2000 + (h % 5000));
  const startedEnd = at;
  at = put(buf, at, INITIALIZED);
  at = copy(buf, startedAt, startedEnd, at);
  at = put(buf, at, READY);
  at = copy(buf, startedAt, startedEnd, at);
  at = put(buf, at, CONTAINERS_READY);
  at = copy(buf, startedAt, startedEnd, at);
  at = put(buf, at, SCHEDULED);
  at = copy(buf, createdAt, createdEnd, at);
  at = put(buf, at, node.host);
  const ipAt = at;
  at = put(buf, at, POD_IP);
  at = putInteger(buf, at, (h >>> 8) & 255);
  buf[at++] = 0x2e; // .
  at = putInteger(buf, at, 2 + ((h & 255) % 250));
  const ipEnd = at;
  at = put(buf, at, POD_IPS);
  at = copy(buf, ipAt, ipEnd, at);
  at = put(buf, at, START_TIME);
  at = copy(buf, startedAt, startedEnd, at);
  at = put(buf, at, t.container);
  at = copy(buf, startedAt, startedEnd, at);
  at = put(buf, at, RESTARTS);
  buf[at++] = h % 7 === 0 ? 0x31 : 0x30;
  at = put(buf, at, t.image);
  // The container id: the uid's 32 hex digits, then the same reversed.
  const hexAt = at;
  for (const [from, to] of UID_HEX) at = copy(buf, uidAt + from, uidAt + to, at);
  for (let i = hexAt + 31; i >= hexAt; i--) buf[at++] = buf[i];
  out.at = put(buf, at, CLOSE);
}

/** Where a uid's hex digits are, between its dashes. */
const UID_HEX = [
  [0, 8],
  [9, 13],
  [14, 18],
  [19, 23],
  [24, 36],
] as const;

function put(buf: Buffer, at: number, part: Buffer): number {
  buf.set(part, at);
  return at + part.length;
}

function copy(buf: Buffer, from: number, to: number, at: number): number {
  for (let i = from; i < to; i++) buf[at++] = buf[i];
  return at;
}

/** The digits of a whole number from 0 to 999. */
function putInteger(buf: Buffer, at: number, n: number): number {
  if (n >= 100) buf[at++] = 0x30 + Math.floor(n / 100);
  if (n >= 10) buf[at++] = 0x30 + (Math.floor(n / 10) % 10);
  buf[at++] = 0x30 + (n % 10);
  return at;
}

/** JSON.stringify(text) as UTF-8: copied as it is when it is printable ASCII without quotes or backslashes. */
function putJsonString(buf: Buffer, at: number, text: string): number {
  buf[at] = 0x22;
  let end = at + 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) return at + buf.write(str(text), at);
    buf[end++] = c;
  }
  buf[end++] = 0x22;
  return end;
}
