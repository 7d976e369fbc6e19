/**
 * One consistent view of a cluster's Kubernetes API at a resource version: nodes, pods, events, the autoscaler
 * status ConfigMap and namespaces. Built on request from the simulation (so a 1,000-cluster estate costs nothing
 * until read), kept while unchanged for the reads that follow, and remembered a few minutes per cluster once a
 * list page hands out a `continue` token, so the rest of that list stays consistent. Pods, nodes and events are
 * kept as plans and written as JSON only when a page that holds them is served.
 */
import { writtenText, type BodyWriter } from "../body-writer";
import type { EstateCluster, EstateNode, EstatePool } from "../estate/types";
import { unit } from "../estate/random";
import { nodeShape } from "../sim/load";
import type { PoolLoad } from "../sim/capacity";
import type { Simulation } from "../sim/simulation";
import { autoscalerConfigMap, groupStatuses } from "./autoscaler-status";
import { parseTaint, tolerationsFor, type NodePlan, type PodPlan, type Taint } from "./model";
import { eventJson, eventName, nodeJson, nodeLabels, nodeText, podJson, podLabels, podUid, type EventPlan } from "./objects";
import { createPodTextCache, writeRunningPod, type PodTextCache } from "./pod-text";
import { canRun, explainUnschedulable, filterReasons, fitsResources, place } from "./scheduler";
import { fieldValue } from "./selectors";
import { addonPods, daemonPods, strandedPods, workloadPods, type PodBirths } from "./workloads";

/** One object of a list: what selectors and name lookups read, and the object or its JSON when served. */
export type KubeItem = {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  /** The value a field selector compares (as `fieldValue` reads it from the object). */
  field(path: string): string;
  object(): Record<string, unknown>;
  /** `JSON.stringify(object())`. */
  json(): string;
  /** The same JSON written into a list page (as UTF-8, without building the object where that is cheaper). */
  write(out: BodyWriter): void;
};

export type ClusterSnapshot = {
  rv: string;
  nodes: KubeItem[];
  pods: KubeItem[];
  events: KubeItem[];
  configMaps: KubeItem[];
  namespaces: KubeItem[];
  builtAtMs: number;
};

export type KubeState = {
  snapshot(cluster: EstateCluster): ClusterSnapshot;
  /** Keeps a snapshot a continue token points at (for KEEP_MS, and the last few per cluster). */
  keepForContinue(cluster: EstateCluster, snapshot: ClusterSnapshot): void;
  /** An earlier snapshot still remembered for a continue token, or undefined if it expired. */
  snapshotAt(cluster: EstateCluster, rv: string): ClusterSnapshot | undefined;
};

const HOUR = 3_600_000;
/** How long a snapshot answers continue tokens, and how many per cluster (a list outlives at most a few rebuilds). */
const KEEP_MS = 5 * 60_000;
const KEEP_PER_CLUSTER = 4;
/** Clusters whose latest snapshot is kept for the next read (more than a collector reads at once). */
const KEEP_LATEST = 256;

// Items are class instances rather than objects of closures: a large estate makes a million of them per run.

class ObjectItem implements KubeItem {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  constructor(private readonly value: Record<string, unknown>) {
    const meta = value.metadata as { name: string; namespace?: string; labels?: Record<string, string> };
    this.name = meta.name;
    this.namespace = meta.namespace;
    this.labels = meta.labels;
  }
  field(path: string): string {
    return fieldValue(this.value, path);
  }
  object(): Record<string, unknown> {
    return this.value;
  }
  json(): string {
    return JSON.stringify(this.value);
  }
  write(out: BodyWriter): void {
    out.write(this.json());
  }
}

export function objectItem(value: Record<string, unknown>): KubeItem {
  return new ObjectItem(value);
}

/** What the pods, nodes and events of one snapshot are written with. */
type SnapshotView = { cluster: EstateCluster; nodes: Map<string, NodePlan>; nowMs: number; rv: string; text: PodTextCache; nodeTemplates: Map<string, string[]> };

class PodItem implements KubeItem {
  constructor(
    private readonly view: SnapshotView,
    private readonly pod: PodPlan,
  ) {}
  get name(): string {
    return this.pod.name;
  }
  get namespace(): string {
    return this.pod.namespace;
  }
  get labels(): Record<string, string> {
    return podLabels(this.pod);
  }
  field(path: string): string {
    const pod = this.pod;
    if (path === "metadata.name") return pod.name;
    if (path === "metadata.namespace") return pod.namespace;
    if (path === "spec.nodeName") return pod.nodeName ?? "";
    if (path === "status.phase") return pod.nodeName ? "Running" : "Pending";
    return fieldValue(this.object(), path);
  }
  object(): Record<string, unknown> {
    const v = this.view;
    return podJson(v.cluster, this.pod, v.nodes, v.nowMs, v.rv);
  }
  json(): string {
    return writtenText((out) => this.write(out));
  }
  write(out: BodyWriter): void {
    const v = this.view;
    if (this.pod.nodeName) writeRunningPod(out, v.text, v.cluster, this.pod as PodPlan & { nodeName: string }, v.nodes);
    else out.write(JSON.stringify(this.object()));
  }
}

/** A node kept as its plan, written when a page holds it (its large object is built for selectors and faults only). */
class NodeItem implements KubeItem {
  readonly namespace = undefined;
  constructor(
    private readonly view: SnapshotView,
    private readonly plan: NodePlan,
    private readonly node: EstateNode,
  ) {}
  get name(): string {
    return this.plan.name;
  }
  get labels(): Record<string, string> {
    return this.plan.labels;
  }
  field(path: string): string {
    return path === "metadata.name" ? this.plan.name : fieldValue(this.object(), path);
  }
  object(): Record<string, unknown> {
    return nodeJson(this.view.cluster, this.plan, this.node, this.view.nowMs, this.view.rv);
  }
  json(): string {
    const v = this.view;
    return nodeText(v.cluster, this.plan, this.node, v.nowMs, v.rv, v.nodeTemplates);
  }
  write(out: BodyWriter): void {
    out.write(this.json());
  }
}

/** An event kept as its plan: selected by the fields the plan holds, written only when a page holds it. */
class EventItem implements KubeItem {
  readonly name: string;
  readonly labels = undefined;
  constructor(
    private readonly view: SnapshotView,
    private readonly event: EventPlan,
  ) {
    this.name = eventName(event);
  }
  get namespace(): string {
    return this.event.namespace;
  }
  field(path: string): string {
    const e = this.event;
    if (path === "metadata.name") return this.name;
    if (path === "metadata.namespace") return e.namespace;
    if (path === "reason") return e.reason;
    if (path === "type") return e.type;
    if (path === "involvedObject.kind") return e.involved.kind;
    return fieldValue(this.object(), path);
  }
  object(): Record<string, unknown> {
    return eventJson(this.view.cluster, this.event, this.view.rv, this.name);
  }
  json(): string {
    return JSON.stringify(this.object());
  }
  write(out: BodyWriter): void {
    out.write(this.json());
  }
}

export function createKubeState(sim: Simulation): KubeState {
  let rvCounter = 4_000_000;
  const births: PodBirths = new Map();
  // The latest snapshot of recently read clusters (a collector reads a cluster's lists within moments), and the
  // snapshots a continue token was handed out for, per cluster. Keeping every cluster's snapshot would hold gigabytes
  // for a large estate, and the garbage collector would spend its time walking them.
  const latest = new Map<string, { fingerprint: string; snapshot: ClusterSnapshot }>();
  const paged = new Map<string, ClusterSnapshot[]>();
  let sweptAtMs = Date.now();
  const sweep = (now: number) => {
    sweptAtMs = now;
    for (const [key, list] of paged) {
      const fresh = list.filter((s) => now - s.builtAtMs <= KEEP_MS);
      if (fresh.length > 0) paged.set(key, fresh);
      else paged.delete(key);
    }
  };
  return {
    snapshot(cluster) {
      const loads = sim.syncCluster(cluster);
      const pools = sim.lookup.poolsOf(cluster);
      const nowMs = sim.clock.nowMs();
      const fingerprint = `${sim.clusterVersion(cluster)}|${Math.floor(nowMs / 60_000)}|${pools.map((p) => loads.get(p.id)?.replicas ?? 0).join(",")}`;
      const cached = latest.get(cluster.key);
      if (cached && cached.fingerprint === fingerprint) return cached.snapshot;
      const snapshot = build(sim, cluster, pools, loads, nowMs, String(++rvCounter), births);
      latest.delete(cluster.key);
      latest.set(cluster.key, { fingerprint, snapshot });
      if (latest.size > KEEP_LATEST) latest.delete(latest.keys().next().value!);
      return snapshot;
    },
    keepForContinue(cluster, snapshot) {
      const now = Date.now();
      const kept = (paged.get(cluster.key) ?? []).filter((s) => s !== snapshot && now - s.builtAtMs <= KEEP_MS);
      kept.push(snapshot);
      paged.set(cluster.key, kept.slice(-KEEP_PER_CLUSTER));
      if (now - sweptAtMs > KEEP_MS) sweep(now);
    },
    snapshotAt(cluster, rv) {
      return paged.get(cluster.key)?.find((s) => s.rv === rv && Date.now() - s.builtAtMs <= KEEP_MS);
    },
  };
}

function planNodes(sim: Simulation, cluster: EstateCluster, pool: EstatePool, nowMs: number): Array<{ plan: NodePlan; node: EstateNode }> {
  const p = { ...pool.arm.properties };
  const os = p.osType ?? "Linux";
  const sorted = [...pool.nodes].sort((a, b) => a.instanceId - b.instanceId);
  const upgrading = p.provisioningState === "Upgrading" && p.currentOrchestratorVersion !== p.orchestratorVersion;
  const upgraded = upgrading ? Math.ceil(sorted.length / 2) : sorted.length;
  const target = p.orchestratorVersion ?? cluster.arm.properties.kubernetesVersion;
  const old = p.currentOrchestratorVersion ?? target;
  const baseTaints: Taint[] = (p.nodeTaints ?? []).map(parseTaint);
  return sorted.map((node, i) => {
    const isNew = i >= sorted.length - upgraded;
    const cordoned = upgrading && i === 0;
    // Now and then a node stops reporting for an hour (never a pool's first node, so system pools stay up).
    const ready = !(i > 0 && unit(sim.estate.seed, node.name, "notready", Math.floor(nowMs / HOUR)) < 0.006);
    const taints = [...baseTaints];
    if (cordoned) taints.push({ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" });
    if (!ready) taints.push({ key: "node.kubernetes.io/unreachable", effect: "NoSchedule" }, { key: "node.kubernetes.io/unreachable", effect: "NoExecute" });
    const shape = nodeShape(node.vmSize, p.maxPods ?? 110, os);
    return {
      node,
      plan: {
        name: node.name,
        pool,
        properties: p,
        labels: nodeLabels(cluster, pool, node),
        taints,
        ready,
        unschedulable: cordoned,
        kubeletVersion: `v${isNew ? target : old}`,
        allocCpuMillis: shape.allocCpuMillis,
        allocMemoryBytes: shape.allocMemoryBytes,
        allocPods: shape.allocPods,
        gpus: shape.gpus,
        usedCpuMillis: 0,
        usedMemoryBytes: 0,
        usedPods: 0,
        usedGpus: 0,
      },
    };
  });
}

function build(sim: Simulation, cluster: EstateCluster, pools: EstatePool[], loads: Map<string, PoolLoad>, nowMs: number, rv: string, births: PodBirths): ClusterSnapshot {
  const planned = pools.flatMap((pool) => planNodes(sim, cluster, pool, nowMs));
  const plans = planned.map((x) => x.plan);
  const byName = new Map(plans.map((p) => [p.name, p]));
  const pods: PodPlan[] = [];

  for (const { plan, node } of planned) {
    for (const pod of daemonPods(node.name, plan.pool.arm.properties.osType ?? "Linux", plan.gpus > 0, node.createdAtMs)) {
      place(plan, pod);
      pods.push(pod);
    }
  }
  const spread = (pod: PodPlan, candidates: NodePlan[], start: number) => {
    for (let k = 0; k < candidates.length; k++) {
      const node = candidates[(start + k) % candidates.length];
      if (canRun(node, pod)) {
        place(node, pod);
        return true;
      }
    }
    return false;
  };
  const clusterStart = Math.min(...pools.flatMap((p) => p.nodes.map((n) => n.createdAtMs)), nowMs);
  addonPods(cluster, clusterStart).forEach((pod, i) => {
    if (!spread(pod, plans.filter((n) => n.labels["kubernetes.azure.com/mode"] === "system"), i)) spread(pod, plans, i);
    pods.push(pod);
  });
  const pending: Array<{ pod: PodPlan; pool?: EstatePool }> = [];
  for (const pool of pools) {
    const load = loads.get(pool.id);
    if (!load || load.replicas === 0) continue;
    const taints = (pool.arm.properties.nodeTaints ?? []).map(parseTaint);
    const own = plans.filter((n) => n.pool === pool);
    // The replicas ask alike: once one fits on no node, the rest do not either (placing nothing frees nothing).
    let full = false;
    workloadPods(pool, load.replicas, tolerationsFor(taints), births, nowMs, sim.estate.seed).forEach((pod, i) => {
      if (full || !spread(pod, own, i)) {
        full = true;
        pending.push({ pod, pool });
      }
      pods.push(pod);
    });
  }
  for (const pod of strandedPods(cluster, cluster.stranded, sim.clock.startMs)) {
    if (!spread(pod, plans, 0)) pending.push({ pod });
    pods.push(pod);
  }

  const groups = groupStatuses(cluster, pools, loads, cluster.location);
  const events: EventPlan[] = [];
  // Pods that ask for the same get the same answers (a pool's waiting replicas are alike): work each out once.
  const explained = new Map<string, string>();
  const asked = new Map<object, string>();
  const templates = new Map<EstatePool, NodePlan>();
  for (const { pod, pool } of pending) {
    const asks = remembered(asked, pod.template, () => `${pod.cpuMillis}|${pod.memoryBytes}|${pod.gpus}|${JSON.stringify(pod.nodeSelector ?? null)}|${JSON.stringify(pod.tolerations)}`);
    pod.schedulerMessage = remembered(explained, `scheduler|${asks}`, () => explainUnschedulable(plans, pod));
    const involved = { kind: "Pod", name: pod.name, namespace: pod.namespace, uid: "", apiVersion: "v1" };
    const age = Math.max(0, nowMs - pod.createdMs);
    events.push({ namespace: pod.namespace, involved, reason: "FailedScheduling", message: pod.schedulerMessage, type: "Warning", component: "default-scheduler", firstMs: pod.createdMs + 1000, lastMs: nowMs - (age % 60_000) / 4, count: 1 + Math.floor(age / 300_000), modern: true });
    if (groups.length > 0) {
      const message = remembered(explained, `autoscaler|${pool?.id ?? ""}|${asks}`, () => autoscalerMessage(sim, cluster, pools, loads, pod, pool, templates));
      events.push({ namespace: pod.namespace, involved, reason: "NotTriggerScaleUp", message, type: "Normal", component: "cluster-autoscaler", firstMs: pod.createdMs + 10_000, lastMs: Math.max(pod.createdMs + 10_000, nowMs - 7_000), count: 1 + Math.floor(age / 60_000), modern: false });
    }
  }
  for (const g of groups.filter((x) => x.backoff)) {
    events.push({
      namespace: "kube-system",
      involved: { kind: "ConfigMap", name: "cluster-autoscaler-status", namespace: "kube-system", uid: "", apiVersion: "v1" },
      reason: "FailedToScaleUpGroup",
      message: `Scale-up failed for group ${g.name}: ${g.backoff!.errorMessage}`,
      type: "Warning",
      component: "cluster-autoscaler",
      firstMs: nowMs - 2 * HOUR,
      lastMs: nowMs - 90_000,
      count: 24,
      modern: false,
    });
  }

  // Sorted as the API server lists them (namespace/name); each pod's JSON is written when a page holds it.
  const keyed = pods.map((pod) => ({ key: `${pod.namespace}/${pod.name}`, pod }));
  if (pending.length > 0) {
    const lastByKey = new Map(keyed.map((entry) => [entry.key, entry.pod]));
    for (const e of events) {
      if (e.involved.kind !== "Pod") continue;
      const pod = lastByKey.get(`${e.involved.namespace}/${e.involved.name}`);
      e.involved.uid = pod ? podUid(cluster, pod) : "";
    }
  }
  const configMap = autoscalerConfigMap(cluster, groups, nowMs, rv);
  const namespaceNames = new Set(["default", "kube-node-lease", "kube-public", "kube-system", ...pods.map((p) => p.namespace)]);
  const view: SnapshotView = { cluster, nodes: byName, nowMs, rv, text: createPodTextCache(rv), nodeTemplates: new Map() };
  return {
    rv,
    builtAtMs: Date.now(),
    nodes: sorted(planned.map(({ plan, node }) => new NodeItem(view, plan, node))),
    pods: keyed.sort(byEntryKey).map(({ pod }) => new PodItem(view, pod)),
    events: sorted(events.map((e) => new EventItem(view, e))),
    configMaps: configMap ? [objectItem(configMap)] : [],
    namespaces: [...namespaceNames].sort().map((name) => objectItem({ metadata: { name, uid: `ns-${name}`, resourceVersion: rv, creationTimestamp: new Date(clusterStart).toISOString().replace(/\.\d{3}Z$/, "Z"), labels: { "kubernetes.io/metadata.name": name } }, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } })),
  };
}

const byEntryKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1);

/** Items in the order the API server lists them (namespace/name). */
function sorted(items: KubeItem[]): KubeItem[] {
  return items
    .map((item) => ({ key: `${item.namespace ?? ""}/${item.name}`, item }))
    .sort(byEntryKey)
    .map(({ item }) => item);
}

function remembered<K>(known: Map<K, string>, key: K, make: () => string): string {
  let value = known.get(key);
  if (value === undefined) known.set(key, (value = make()));
  return value;
}

/** Why the autoscaler did not add a node for this pod, per node group, as its NotTriggerScaleUp event says. */
function autoscalerMessage(sim: Simulation, cluster: EstateCluster, pools: EstatePool[], loads: Map<string, PoolLoad>, pod: PodPlan, target: EstatePool | undefined, templates: Map<EstatePool, NodePlan>): string {
  const reasons: string[] = [];
  for (const pool of pools) {
    const p = pool.arm.properties;
    if (!p.enableAutoScaling || p.powerState?.code === "Stopped") continue;
    const load = loads.get(pool.id);
    if (pool === target && load?.limitedBy === "max") {
      reasons.push("max node group size reached");
      continue;
    }
    if (pool === target && load?.limitedBy === "quota") {
      reasons.push("in backoff after failed scale-up");
      continue;
    }
    let template = templates.get(pool);
    if (!template) templates.set(pool, (template = templateNode(sim, cluster, pool)));
    const filtered = filterReasons(template, pod);
    if (filtered.length) reasons.push(...filtered);
    else {
      const resources = fitsResources(template, pod);
      reasons.push(...(resources.length ? resources : ["max node group size reached"]));
    }
  }
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return `pod didn't trigger scale-up: ${[...counts].map(([r, n]) => `${n} ${r}`).sort().join(", ")}`;
}

function templateNode(sim: Simulation, cluster: EstateCluster, pool: EstatePool): NodePlan {
  const p = pool.arm.properties;
  const fake: EstateNode = { name: `template-node-for-${pool.scaleSetName}`, instanceId: 0, vmSize: p.vmSize ?? "Standard_D4s_v5", zone: p.availabilityZones?.[0] ?? "0", createdAtMs: 0 };
  const shape = nodeShape(fake.vmSize, p.maxPods ?? 110, p.osType ?? "Linux");
  const daemons = daemonPods(fake.name, p.osType ?? "Linux", shape.gpus > 0, 0);
  return {
    name: fake.name,
    pool,
    properties: p,
    labels: nodeLabels(cluster, pool, fake),
    taints: (p.nodeTaints ?? []).map(parseTaint),
    ready: true,
    unschedulable: false,
    kubeletVersion: `v${p.orchestratorVersion}`,
    allocCpuMillis: shape.allocCpuMillis,
    allocMemoryBytes: shape.allocMemoryBytes,
    allocPods: shape.allocPods,
    gpus: shape.gpus,
    usedCpuMillis: daemons.reduce((n, d) => n + d.cpuMillis, 0),
    usedMemoryBytes: daemons.reduce((n, d) => n + d.memoryBytes, 0),
    usedPods: daemons.length,
    usedGpus: 0,
  };
}
