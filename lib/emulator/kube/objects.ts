/** Kubernetes JSON for planned nodes, pods and events, in the shapes the API server returns (list items). */
import type { EstateCluster, EstateNode, EstatePool } from "../estate/types";
import { hash32, putStableUuid, stableHex, stableUuid } from "../estate/random";
import { osImageFor } from "../estate/versions";
import { findRegion, vmSizeOrDefault } from "../estate/vm-sizes";
import { nodeShape } from "../sim/load";
import { nodeIp } from "../arm/resources";
import type { NodePlan, PodPlan } from "./model";
import { DEFAULT_TOLERATIONS } from "./model";
import { cpuQuantity, memoryQuantity } from "./quantities";

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const DAY_MS = 86_400_000;
/** Year, month, day, hours, minutes, seconds (UTC), as `civil` works them out. */
const CIVIL = new Int32Array(6);

/**
 * A time's UTC date and time into CIVIL, by arithmetic (toISOString is slow, and every pod served has two
 * times); false outside the years 1970 to 9999.
 */
function civil(ms: number): boolean {
  if (!(ms >= 0 && ms < 253_402_300_800_000)) return false;
  const days = Math.floor(ms / DAY_MS);
  const seconds = Math.floor((ms - days * DAY_MS) / 1000);
  // The civil date of a day number (Howard Hinnant's civil_from_days), with years starting in March.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const m = Math.floor((5 * dayOfYear + 2) / 153);
  const month = m < 10 ? m + 3 : m - 9;
  CIVIL[0] = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  CIVIL[1] = month;
  CIVIL[2] = dayOfYear - Math.floor((153 * m + 2) / 5) + 1;
  CIVIL[3] = Math.floor(seconds / 3600);
  CIVIL[4] = Math.floor(seconds / 60) % 60;
  CIVIL[5] = seconds % 60;
  return true;
}

/** RFC 3339 to the second, as Kubernetes writes times: what `toISOString` gives without its milliseconds. */
export function iso(ms: number): string {
  if (!civil(ms)) return `${new Date(ms).toISOString().slice(0, -5)}Z`;
  return `${String(CIVIL[0]).padStart(4, "0")}-${TWO_DIGITS[CIVIL[1]]}-${TWO_DIGITS[CIVIL[2]]}T${TWO_DIGITS[CIVIL[3]]}:${TWO_DIGITS[CIVIL[4]]}:${TWO_DIGITS[CIVIL[5]]}Z`;
}

/** The time with microseconds, as events.k8s.io writes eventTime: what `toISOString` gives, with "000" added. */
export function microTime(ms: number): string {
  if (!civil(ms)) return new Date(ms).toISOString().replace("Z", "000Z");
  // Date keeps whole milliseconds.
  const whole = Math.floor(ms);
  return `${iso(whole).slice(0, -1)}.${String(whole % 1000).padStart(3, "0")}000Z`;
}

/** Writes `iso(ms)` as bytes at `at` in `buf`; returns where it ends. */
export function putIso(buf: Uint8Array, at: number, ms: number): number {
  if (!civil(ms)) {
    const text = iso(ms);
    for (let i = 0; i < text.length; i++) buf[at++] = text.charCodeAt(i);
    return at;
  }
  const year = CIVIL[0];
  buf[at] = 0x30 + Math.floor(year / 1000);
  buf[at + 1] = 0x30 + (Math.floor(year / 100) % 10);
  buf[at + 2] = 0x30 + (Math.floor(year / 10) % 10);
  buf[at + 3] = 0x30 + (year % 10);
  buf[at + 4] = 0x2d; // -
  putTwo(buf, at + 5, CIVIL[1]);
  buf[at + 7] = 0x2d;
  putTwo(buf, at + 8, CIVIL[2]);
  buf[at + 10] = 0x54; // T
  putTwo(buf, at + 11, CIVIL[3]);
  buf[at + 13] = 0x3a; // :
  putTwo(buf, at + 14, CIVIL[4]);
  buf[at + 16] = 0x3a;
  putTwo(buf, at + 17, CIVIL[5]);
  buf[at + 19] = 0x5a; // Z
  return at + 20;
}

function putTwo(buf: Uint8Array, at: number, n: number): void {
  buf[at] = 0x30 + Math.floor(n / 10);
  buf[at + 1] = 0x30 + (n % 10);
}

export function nodeLabels(cluster: EstateCluster, pool: EstatePool, node: EstateNode): Record<string, string> {
  const p = pool.arm.properties;
  const size = vmSizeOrDefault(node.vmSize);
  const os = (p.osType ?? "Linux").toLowerCase();
  const region = findRegion(cluster.location).name;
  const zone = node.zone === "0" ? "0" : `${region}-${node.zone}`;
  const labels: Record<string, string> = {
    agentpool: pool.name,
    "beta.kubernetes.io/arch": size.arch,
    "beta.kubernetes.io/instance-type": size.name,
    "beta.kubernetes.io/os": os,
    "failure-domain.beta.kubernetes.io/region": region,
    "failure-domain.beta.kubernetes.io/zone": zone,
    "kubernetes.azure.com/agentpool": pool.name,
    "kubernetes.azure.com/cluster": cluster.nodeResourceGroup,
    "kubernetes.azure.com/consolidated-additional-properties": stableUuid(pool.id, "props"),
    "kubernetes.azure.com/kubelet-identity-client-id": pool.scaleSetTags["aks-managed-kubeletIdentityClientID"] ?? stableUuid(cluster.id, "kubelet"),
    "kubernetes.azure.com/mode": (p.mode ?? "User").toLowerCase(),
    "kubernetes.azure.com/node-image-version": p.nodeImageVersion ?? "",
    "kubernetes.azure.com/nodepool-type": p.type ?? "VirtualMachineScaleSets",
    "kubernetes.azure.com/os-sku": p.osSKU ?? (os === "windows" ? "Windows2022" : "Ubuntu"),
    "kubernetes.azure.com/role": "agent",
    "kubernetes.azure.com/storageprofile": "managed",
    "kubernetes.azure.com/storagetier": p.osDiskType === "Ephemeral" ? "Standard_LRS" : "Premium_LRS",
    "kubernetes.io/arch": size.arch,
    "kubernetes.io/hostname": node.name,
    "kubernetes.io/os": os,
    "kubernetes.io/role": "agent",
    "node-role.kubernetes.io/agent": "",
    "node.kubernetes.io/instance-type": size.name,
    storageprofile: "managed",
    storagetier: p.osDiskType === "Ephemeral" ? "Standard_LRS" : "Premium_LRS",
    "topology.disk.csi.azure.com/zone": node.zone === "0" ? "" : zone,
    "topology.kubernetes.io/region": region,
    "topology.kubernetes.io/zone": zone,
  };
  if (p.scaleSetPriority === "Spot") labels["kubernetes.azure.com/scalesetpriority"] = "spot";
  if (size.gpus > 0) labels["kubernetes.azure.com/accelerator"] = "nvidia";
  if (os === "windows") labels["node.kubernetes.io/windows-build"] = "10.0.20348";
  return { ...labels, ...(p.nodeLabels ?? {}) };
}

/** What a node's object holds of its own; the rest follows from its pool, its size and the snapshot. */
type NodeValues = {
  name: string;
  uid: string;
  created: string;
  heartbeat: string;
  labels: Record<string, string>;
  annotation: string;
  providerID: string;
  taints: Array<Record<string, unknown>>;
  ip: string;
  machineID: string;
  systemUUID: string;
  bootID: string;
  kubeletVersion: string;
};

function nodeValues(cluster: EstateCluster, plan: NodePlan, node: EstateNode, nowMs: number): NodeValues {
  const resourceGroup = `azure:///subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.nodeResourceGroup.toLowerCase()}/providers/Microsoft.Compute/`;
  return {
    name: node.name,
    uid: stableUuid(cluster.id, node.name, node.createdAtMs),
    created: iso(node.createdAtMs),
    heartbeat: iso(nowMs - (hash32(node.name + Math.floor(nowMs / 60_000)) % 40_000)),
    labels: plan.labels,
    annotation: JSON.stringify({ "disk.csi.azure.com": node.name, "file.csi.azure.com": node.name }),
    providerID: plan.properties.type === "VirtualMachines" ? `${resourceGroup}virtualMachines/${node.name}` : `${resourceGroup}virtualMachineScaleSets/${plan.pool.scaleSetName}/virtualMachines/${node.instanceId}`,
    taints: plan.taints.map((t) => ({ ...t, ...(t.key === "node.kubernetes.io/unschedulable" || t.key.startsWith("node.kubernetes.io/unreachable") ? { timeAdded: iso(nowMs - 4 * 60_000) } : {}) })),
    ip: nodeIp(node),
    machineID: stableUuid(node.name, "machine").replace(/-/g, ""),
    systemUUID: stableUuid(node.name, "system"),
    bootID: stableUuid(node.name, "boot", node.createdAtMs),
    kubeletVersion: plan.kubeletVersion,
  };
}

/** A node's object from its own values (or placeholders for them, see nodeText). */
function nodeObject(plan: NodePlan, vmSize: string, nowMs: number, rv: string, v: { [K in keyof NodeValues]: NodeValues[K] | string }, tainted: boolean): Record<string, unknown> {
  const p = plan.properties;
  const os = (p.osType ?? "Linux").toLowerCase();
  const shape = nodeShape(vmSize, p.maxPods ?? 110, p.osType ?? "Linux");
  const image = osImageFor(p.nodeImageVersion ?? "");
  const diskKi = (p.osDiskSizeGB ?? 128) * 1024 * 1024 * 0.97;
  const gpu = shape.gpus > 0 ? { "nvidia.com/gpu": String(shape.gpus) } : {};
  const condition = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: v.heartbeat, lastTransitionTime: v.created, reason, message });
  const problemDetector = os === "linux"
    ? [
        condition("KernelDeadlock", "False", "KernelHasNoDeadlock", "kernel has no deadlock"),
        condition("FilesystemCorruptionProblem", "False", "FilesystemIsOK", "Filesystem is healthy"),
        condition("FrequentContainerdRestart", "False", "NoFrequentContainerdRestart", "containerd is functioning properly"),
        condition("FrequentKubeletRestart", "False", "NoFrequentKubeletRestart", "kubelet is functioning properly"),
      ]
    : [];
  const ready = plan.ready
    ? condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")
    : { type: "Ready", status: "Unknown", lastHeartbeatTime: iso(nowMs - 6 * 60_000), lastTransitionTime: iso(nowMs - 5 * 60_000), reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status." };
  const resource = (cpuMillis: number, memoryBytes: number, pods: number, storageKi: number) => ({
    cpu: cpuQuantity(cpuMillis),
    "ephemeral-storage": `${Math.floor(storageKi)}Ki`,
    "hugepages-1Gi": "0",
    "hugepages-2Mi": "0",
    memory: `${Math.floor(memoryBytes / 1024)}Ki`,
    pods: String(pods),
    ...gpu,
  });
  return {
    metadata: {
      name: v.name,
      uid: v.uid,
      resourceVersion: rv,
      creationTimestamp: v.created,
      labels: v.labels,
      annotations: {
        "csi.volume.kubernetes.io/nodeid": v.annotation,
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: {
      providerID: v.providerID,
      ...(tainted ? { taints: v.taints } : {}),
      ...(plan.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      capacity: resource(shape.capacityCpuMillis, shape.capacityMemoryBytes, shape.allocPods, diskKi),
      allocatable: resource(shape.allocCpuMillis, shape.allocMemoryBytes, shape.allocPods, diskKi * 0.9),
      conditions: [
        ...problemDetector,
        condition("NetworkUnavailable", "False", "RouteCreated", "RouteController created a route"),
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ready,
      ],
      addresses: [{ type: "InternalIP", address: v.ip }, { type: "Hostname", address: v.name }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: v.machineID,
        systemUUID: v.systemUUID,
        bootID: v.bootID,
        kernelVersion: image.kernel,
        osImage: image.osImage,
        containerRuntimeVersion: os === "windows" ? "containerd://1.7.20+azure" : "containerd://1.7.27-1",
        kubeletVersion: v.kubeletVersion,
        kubeProxyVersion: "",
        operatingSystem: os,
        architecture: vmSizeOrDefault(vmSize).arch,
      },
    },
  };
}

export function nodeJson(cluster: EstateCluster, plan: NodePlan, node: EstateNode, nowMs: number, rv: string): Record<string, unknown> {
  return nodeObject(plan, node.vmSize, nowMs, rv, nodeValues(cluster, plan, node, nowMs), plan.taints.length > 0);
}

const NODE_VALUE_KEYS = ["name", "uid", "created", "heartbeat", "labels", "annotation", "providerID", "taints", "ip", "machineID", "systemUUID", "bootID", "kubeletVersion"] as const;
/** Each value's placeholder in a node's object: a string JSON writes as `"\u0000key"`. */
const NODE_PLACEHOLDERS = Object.fromEntries(NODE_VALUE_KEYS.map((key) => [key, `\u0000${key}`])) as Record<keyof NodeValues, string>;

/**
 * `JSON.stringify(nodeJson(...))`, written as text without building the object: the object of a node like it
 * (same pool and size, readiness, taints and cordon) is written once per snapshot with placeholders for the
 * node's own values, and each node fills them in. `templates` is the snapshot's cache.
 */
export function nodeText(cluster: EstateCluster, plan: NodePlan, node: EstateNode, nowMs: number, rv: string, templates: Map<string, string[]>): string {
  const tainted = plan.taints.length > 0;
  const key = `${plan.pool.id}\0${node.vmSize}\0${plan.ready}\0${tainted}\0${plan.unschedulable}`;
  let parts = templates.get(key);
  // Split where the placeholders are: literal text, then a value's key, then literal text...
  if (!parts) templates.set(key, (parts = JSON.stringify(nodeObject(plan, node.vmSize, nowMs, rv, NODE_PLACEHOLDERS, tainted)).split(/"\\u0000(\w+)"/)));
  const values = nodeValues(cluster, plan, node, nowMs);
  let text = parts[0];
  for (let i = 1; i < parts.length; i += 2) text += JSON.stringify(values[parts[i] as keyof NodeValues]) + parts[i + 1];
  return text;
}

export function podLabels(pod: PodPlan): Record<string, string> {
  const hash = pod.ownerKind === "ReplicaSet" ? pod.ownerName.slice(pod.ownerName.lastIndexOf("-") + 1) : undefined;
  return { app: pod.app, ...(hash ? { "pod-template-hash": hash } : {}), ...(pod.ownerKind === "DaemonSet" ? { "controller-revision-hash": "6d8f6b5b9c", "pod-template-generation": "1" } : {}) };
}

export function podUid(cluster: EstateCluster, pod: PodPlan): string {
  return stableUuid(cluster.key, pod.namespace, pod.name, pod.createdMs);
}

/** Writes podUid as bytes at `at` in `buf`; returns where it ends. */
export function putPodUid(buf: Uint8Array, at: number, cluster: EstateCluster, pod: PodPlan): number {
  return putStableUuid(buf, at, [cluster.key, pod.namespace, pod.name, pod.createdMs]);
}

/** A pod as the API server lists it (`runningPodText` in pod-text.ts writes the same JSON faster). */
export function podJson(cluster: EstateCluster, pod: PodPlan, nodes: Map<string, NodePlan>, nowMs: number, rv: string): Record<string, unknown> {
  const uid = podUid(cluster, pod);
  const created = iso(pod.createdMs);
  const labels = podLabels(pod);
  const node = pod.nodeName ? nodes.get(pod.nodeName) : undefined;
  const h = hash32(pod.name);
  const started = iso(pod.createdMs + 2000 + (h % 5000));
  const running = {
    phase: "Running",
    conditions: [
      { type: "PodReadyToStartContainers", status: "True", lastProbeTime: null, lastTransitionTime: started },
      { type: "Initialized", status: "True", lastProbeTime: null, lastTransitionTime: started },
      { type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: started },
      { type: "ContainersReady", status: "True", lastProbeTime: null, lastTransitionTime: started },
      { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: created },
    ],
    hostIP: node ? nodeIpOf(node) : "",
    hostIPs: node ? [{ ip: nodeIpOf(node) }] : [],
    podIP: `10.244.${(h >>> 8) & 255}.${2 + ((h & 255) % 250)}`,
    podIPs: [{ ip: `10.244.${(h >>> 8) & 255}.${2 + ((h & 255) % 250)}` }],
    startTime: started,
    containerStatuses: [
      { name: pod.app, state: { running: { startedAt: started } }, lastState: {}, ready: true, restartCount: h % 7 === 0 ? 1 : 0, image: pod.image, imageID: imageId(pod.image), containerID: `containerd://${uid.replace(/-/g, "")}${uid.replace(/-/g, "").split("").reverse().join("")}`, started: true },
    ],
    qosClass: "Burstable",
  };
  const pending = {
    phase: "Pending",
    conditions: [{ type: "PodScheduled", status: "False", lastProbeTime: null, lastTransitionTime: iso(pod.createdMs + 1000), reason: "Unschedulable", message: pod.schedulerMessage ?? "" }],
    qosClass: "Burstable",
  };
  return {
    metadata: {
      name: pod.name,
      ...(pod.ownerKind !== "StatefulSet" ? { generateName: `${pod.ownerName}-` } : {}),
      namespace: pod.namespace,
      uid,
      resourceVersion: rv,
      creationTimestamp: created,
      labels,
      ownerReferences: podOwnerReferences(cluster, pod),
    },
    spec: { ...podSpecHead(pod), ...(pod.nodeName ? { nodeName: pod.nodeName } : {}), ...podSpecTail(pod) },
    status: pod.nodeName ? running : pending,
  };
}

/** A pod's ownerReferences: its workload. */
export function podOwnerReferences(cluster: EstateCluster, pod: PodPlan): Record<string, unknown>[] {
  return [{ apiVersion: pod.ownerKind === "Job" ? "batch/v1" : "apps/v1", kind: pod.ownerKind, name: pod.ownerName, uid: stableUuid(cluster.key, pod.namespace, pod.ownerName), controller: true, blockOwnerDeletion: true }];
}

/** A pod's spec before `nodeName`, in the order the API server writes it. */
export function podSpecHead(pod: PodPlan): Record<string, unknown> {
  const requests = { cpu: cpuQuantity(pod.cpuMillis), memory: memoryQuantity(pod.memoryBytes), ...(pod.gpus ? { "nvidia.com/gpu": String(pod.gpus) } : {}) };
  const limits = { memory: memoryQuantity(pod.memoryBytes), ...(pod.gpus ? { "nvidia.com/gpu": String(pod.gpus) } : {}) };
  return {
    containers: [{ name: pod.app, image: pod.image, resources: { limits, requests }, terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File", imagePullPolicy: "IfNotPresent" }],
    restartPolicy: pod.ownerKind === "Job" ? "Never" : "Always",
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
    ...(pod.nodeSelector ? { nodeSelector: pod.nodeSelector } : {}),
    serviceAccountName: "default",
    serviceAccount: "default",
  };
}

/** A pod's spec after `nodeName`. */
export function podSpecTail(pod: PodPlan): Record<string, unknown> {
  return {
    securityContext: {},
    schedulerName: "default-scheduler",
    tolerations: [...pod.tolerations, ...DEFAULT_TOLERATIONS],
    ...(pod.priorityClassName ? { priorityClassName: pod.priorityClassName, priority: pod.priorityClassName === "system-node-critical" ? 2000001000 : 2000000000 } : { priority: 0 }),
    enableServiceLinks: true,
    preemptionPolicy: "PreemptLowerPriority",
  };
}

const imageIds = new Map<string, string>();
export function imageId(image: string): string {
  let id = imageIds.get(image);
  if (!id) {
    id = `${image.split(":")[0]}@sha256:${stableHex(64, image)}`;
    if (imageIds.size > 50_000) imageIds.clear();
    imageIds.set(image, id);
  }
  return id;
}

function nodeIpOf(node: NodePlan): string {
  return nodeIp(node);
}

export type EventPlan = {
  namespace: string;
  involved: { kind: string; name: string; namespace: string; uid: string; apiVersion: string };
  reason: string;
  message: string;
  type: "Warning" | "Normal";
  component: string;
  firstMs: number;
  lastMs: number;
  count: number;
  /** New-style events (events.k8s.io recorder, as kube-scheduler uses) carry eventTime and series instead. */
  modern: boolean;
};

/** An event's name: its object's, and a suffix that differs per reason (set involved.uid first). */
export function eventName(e: EventPlan): string {
  return `${e.involved.name}.${(hash32(`${e.reason}|${e.involved.uid}`) >>> 0).toString(16).padStart(8, "0")}${(hash32(e.involved.name + e.reason) >>> 0).toString(16).padStart(8, "0")}`;
}

export function eventJson(cluster: EstateCluster, e: EventPlan, rv: string, name = eventName(e)): Record<string, unknown> {
  const base = {
    metadata: { name, namespace: e.namespace, uid: stableUuid(cluster.id, "event", name), resourceVersion: rv, creationTimestamp: iso(e.firstMs) },
    involvedObject: { ...e.involved, resourceVersion: rv },
    reason: e.reason,
    message: e.message,
    type: e.type,
  };
  if (e.modern) {
    return {
      ...base,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: microTime(e.firstMs),
      ...(e.count > 1 ? { series: { count: e.count, lastObservedTime: microTime(e.lastMs) } } : {}),
      action: "Scheduling",
      reportingComponent: e.component,
      reportingInstance: `${e.component}-${cluster.key}`,
    };
  }
  return { ...base, source: { component: e.component }, firstTimestamp: iso(e.firstMs), lastTimestamp: iso(e.lastMs), count: e.count, eventTime: null, reportingComponent: e.component, reportingInstance: "" };
}
