/**
 * A running pod's JSON written as text, byte for byte what `JSON.stringify(podJson(...))` gives, without building
 * the object. A large estate serves about 800,000 pods (2 GB of JSON) to one collection run; building each as an
 * object and serialising it was most of the emulator's CPU. What the pods of one template share (containers,
 * tolerations, labels, owner) and what the pods on one node share is written once per snapshot; per pod only its
 * name, times, ids and addresses are. Pending pods (few, and carrying the scheduler's message) still go through
 * `podJson`.
 */
import type { EstateCluster } from "../estate/types";
import { hash32 } from "../estate/random";
import { nodeIp } from "../arm/resources";
import type { NodePlan, PodPlan } from "./model";
import { imageId, iso, podLabels, podOwnerReferences, podSpecHead, podSpecTail, podUid } from "./objects";

const str = JSON.stringify as (value: string) => string;

/** The text around a pod's own values, for the pods of one template. */
type TemplateText = { meta: string; owner: string; specBefore: string; specAfter: string; container: string; image: string };

/** Fragments shared by the pods of one snapshot. */
export type PodTextCache = {
  rv: string;
  templates: Map<object, TemplateText>;
  /** `"nodeName":…` and the status' host addresses, per node name. */
  nodes: Map<string, { name: string; host: string }>;
};

export function createPodTextCache(rv: string): PodTextCache {
  return { rv: str(rv), templates: new Map(), nodes: new Map() };
}

function templateText(cache: PodTextCache, cluster: EstateCluster, pod: PodPlan): TemplateText {
  let text = cache.templates.get(pod.template);
  if (text === undefined) {
    cache.templates.set(
      pod.template,
      (text = {
        meta: `${pod.ownerKind !== "StatefulSet" ? `,"generateName":${str(`${pod.ownerName}-`)}` : ""},"namespace":${str(pod.namespace)},"uid":"`,
        owner: `"labels":${JSON.stringify(podLabels(pod))},"ownerReferences":${JSON.stringify(podOwnerReferences(cluster, pod))}},"spec":`,
        specBefore: `${JSON.stringify(podSpecHead(pod)).slice(0, -1)},"nodeName":`,
        specAfter: `,${JSON.stringify(podSpecTail(pod)).slice(1)},"status":{"phase":"Running","conditions":[`,
        container: `"containerStatuses":[{"name":${str(pod.app)},"state":{"running":{"startedAt":"`,
        image: `,"image":${str(pod.image)},"imageID":${str(imageId(pod.image))},"containerID":"containerd://`,
      }),
    );
  }
  return text;
}

function nodeText(cache: PodTextCache, nodes: Map<string, NodePlan>, nodeName: string): { name: string; host: string } {
  let text = cache.nodes.get(nodeName);
  if (text === undefined) {
    const node = nodes.get(nodeName);
    const ip = node ? nodeIp(node) : "";
    cache.nodes.set(nodeName, (text = { name: str(nodeName), host: `"hostIP":"${ip}","hostIPs":${node ? `[{"ip":"${ip}"}]` : "[]"},"podIP":"` }));
  }
  return text;
}

/** A uid's 32 hex digits, then the same reversed (the container id the pod's status shows). */
function containerHex(uid: string): string {
  const hex = uid.slice(0, 8) + uid.slice(9, 13) + uid.slice(14, 18) + uid.slice(19, 23) + uid.slice(24);
  let back = "";
  for (let i = 31; i >= 0; i -= 4) back += hex[i] + hex[i - 1] + hex[i - 2] + hex[i - 3];
  return hex + back;
}

/** A scheduled pod (one with a nodeName) as JSON text. */
export function runningPodText(cache: PodTextCache, cluster: EstateCluster, pod: PodPlan & { nodeName: string }, nodes: Map<string, NodePlan>): string {
  const t = templateText(cache, cluster, pod);
  const node = nodeText(cache, nodes, pod.nodeName);
  const uid = podUid(cluster, pod);
  const created = iso(pod.createdMs);
  const h = hash32(pod.name);
  const started = iso(pod.createdMs + 2000 + (h % 5000));
  const podIp = `10.244.${(h >>> 8) & 255}.${2 + ((h & 255) % 250)}`;
  const since = `","status":"True","lastProbeTime":null,"lastTransitionTime":"${started}"},`;
  return (
    `{"metadata":{"name":${str(pod.name)}${t.meta}${uid}","resourceVersion":${cache.rv},"creationTimestamp":"${created}",${t.owner}${t.specBefore}${node.name}${t.specAfter}` +
    `{"type":"PodReadyToStartContainers${since}{"type":"Initialized${since}{"type":"Ready${since}{"type":"ContainersReady${since}{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"${created}"}],` +
    `${node.host}${podIp}","podIPs":[{"ip":"${podIp}"}],"startTime":"${started}",` +
    `${t.container}${started}"}},"lastState":{},"ready":true,"restartCount":${h % 7 === 0 ? 1 : 0}${t.image}${containerHex(uid)}","started":true}],"qosClass":"Burstable"}}`
  );
}
