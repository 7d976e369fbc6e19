/**
 * A running pod's JSON written as text, byte for byte what `JSON.stringify(podJson(...))` gives, without building
 * the object. A large estate serves about 800,000 pods (2 GB of JSON) to one collection run; building each as an
 * object and serialising it was most of the emulator's CPU. What pods of one workload share (containers,
 * tolerations, labels, owner) is serialised once per snapshot; per pod only its name, times, ids and addresses
 * are written. Pending pods (few, and carrying the scheduler's message) still go through `podJson`.
 */
import type { EstateCluster } from "../estate/types";
import { hash32 } from "../estate/random";
import { nodeIp } from "../arm/resources";
import type { NodePlan, PodPlan } from "./model";
import { imageId, iso, podLabels, podOwnerReferences, podSpecHead, podSpecTail, podUid } from "./objects";

const str = JSON.stringify as (value: string) => string;

/** Fragments shared by the pods of one snapshot. */
export type PodTextCache = {
  fragments: Map<string, string>;
  objects: WeakMap<object, string>;
};

export function createPodTextCache(): PodTextCache {
  return { fragments: new Map(), objects: new WeakMap() };
}

function jsonOf(cache: PodTextCache, value: object): string {
  let text = cache.objects.get(value);
  if (text === undefined) cache.objects.set(value, (text = JSON.stringify(value)));
  return text;
}

function fragment(cache: PodTextCache, key: string, make: () => string): string {
  let text = cache.fragments.get(key);
  if (text === undefined) cache.fragments.set(key, (text = make()));
  return text;
}

/** The labels and ownerReferences of a pod's metadata, as podJson builds them. */
function ownerText(cache: PodTextCache, cluster: EstateCluster, pod: PodPlan): string {
  return fragment(cache, `owner\0${pod.namespace}\0${pod.ownerKind}\0${pod.ownerName}\0${pod.app}`, () => {
    return `"labels":${JSON.stringify(podLabels(pod))},"ownerReferences":${JSON.stringify(podOwnerReferences(cluster, pod))}`;
  });
}

/** The pod's spec up to nodeName, and after it. */
function specText(cache: PodTextCache, pod: PodPlan): [string, string] {
  const selector = pod.nodeSelector ? jsonOf(cache, pod.nodeSelector) : "";
  const tolerations = jsonOf(cache, pod.tolerations);
  const key = `spec\0${pod.app}\0${pod.image}\0${pod.cpuMillis}\0${pod.memoryBytes}\0${pod.gpus}\0${pod.ownerKind}\0${pod.priorityClassName ?? ""}\0${selector}\0${tolerations}`;
  const before = fragment(cache, `${key}\0before`, () => JSON.stringify(podSpecHead(pod)).slice(0, -1));
  const after = fragment(cache, `${key}\0after`, () => JSON.stringify(podSpecTail(pod)).slice(1));
  return [before, after];
}

function reversed(text: string): string {
  let out = "";
  for (let i = text.length - 1; i >= 0; i--) out += text[i];
  return out;
}

/** A scheduled pod (one with a nodeName) as JSON text. */
export function runningPodText(cache: PodTextCache, cluster: EstateCluster, pod: PodPlan & { nodeName: string }, nodes: Map<string, NodePlan>, rv: string): string {
  const uid = podUid(cluster, pod);
  const created = iso(pod.createdMs);
  const node = nodes.get(pod.nodeName);
  const h = hash32(pod.name);
  const started = iso(pod.createdMs + 2000 + (h % 5000));
  const hostIp = node ? nodeIp(node) : "";
  const podIp = `10.244.${(h >>> 8) & 255}.${2 + ((h & 255) % 250)}`;
  const hex = uid.replace(/-/g, "");
  const [specBefore, specAfter] = specText(cache, pod);
  const condition = (type: string) => `{"type":"${type}","status":"True","lastProbeTime":null,"lastTransitionTime":"${started}"}`;
  const image = str(pod.image);
  return (
    `{"metadata":{"name":${str(pod.name)}${pod.ownerKind !== "StatefulSet" ? `,"generateName":${str(`${pod.ownerName}-`)}` : ""},"namespace":${str(pod.namespace)},"uid":"${uid}","resourceVersion":${str(rv)},"creationTimestamp":"${created}",${ownerText(cache, cluster, pod)}},` +
    `"spec":${specBefore},"nodeName":${str(pod.nodeName)},${specAfter},` +
    `"status":{"phase":"Running","conditions":[${condition("PodReadyToStartContainers")},${condition("Initialized")},${condition("Ready")},${condition("ContainersReady")},{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"${created}"}],` +
    `"hostIP":"${hostIp}","hostIPs":${node ? `[{"ip":"${hostIp}"}]` : "[]"},"podIP":"${podIp}","podIPs":[{"ip":"${podIp}"}],"startTime":"${started}",` +
    `"containerStatuses":[{"name":${str(pod.app)},"state":{"running":{"startedAt":"${started}"}},"lastState":{},"ready":true,"restartCount":${h % 7 === 0 ? 1 : 0},"image":${image},"imageID":${str(imageId(pod.image))},"containerID":"containerd://${hex}${reversed(hex)}","started":true}],"qosClass":"Burstable"}}`
  );
}
