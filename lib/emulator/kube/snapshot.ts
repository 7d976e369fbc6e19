/**
 * One consistent view of a cluster's Kubernetes API at a resource version: nodes, pods, events, the autoscaler
 * status ConfigMap and namespaces. Built on request from the simulation (so a 1,000-cluster estate costs nothing
 * until read), kept while unchanged, and remembered a few minutes so list pages with `continue` stay consistent.
 */
import type { EstateCluster, EstateNode, EstatePool } from "../estate/types";
import { unit } from "../estate/random";
import { nodeShape } from "../sim/load";
import type { PoolLoad } from "../sim/capacity";
import type { Simulation } from "../sim/simulation";
import { autoscalerConfigMap, groupStatuses } from "./autoscaler-status";
import { parseTaint, tolerationsFor, type NodePlan, type PodPlan, type Taint } from "./model";
import { eventJson, nodeJson, nodeLabels, podJson, type EventPlan } from "./objects";
import { canRun, explainUnschedulable, filterReasons, fitsResources, place } from "./scheduler";
import { addonPods, daemonPods, strandedPods, workloadPods, type PodBirths } from "./workloads";

export type ClusterSnapshot = {
  rv: string;
  nodes: Array<Record<string, unknown>>;
  pods: Array<Record<string, unknown>>;
  events: Array<Record<string, unknown>>;
  configMaps: Array<Record<string, unknown>>;
  namespaces: Array<Record<string, unknown>>;
  builtAtMs: number;
};

export type KubeState = {
  snapshot(cluster: EstateCluster): ClusterSnapshot;
  /** An earlier snapshot still remembered for a continue token, or undefined if it expired. */
  snapshotAt(cluster: EstateCluster, rv: string): ClusterSnapshot | undefined;
};

const HOUR = 3_600_000;
const KEEP_MS = 5 * 60_000;
const MAX_SNAPSHOTS = 48;

export function createKubeState(sim: Simulation): KubeState {
  let rvCounter = 4_000_000;
  const births: PodBirths = new Map();
  const latest = new Map<string, { fingerprint: string; snapshot: ClusterSnapshot }>();
  const history = new Map<string, ClusterSnapshot>();
  const remember = (cluster: EstateCluster, snapshot: ClusterSnapshot) => {
    history.set(`${cluster.key}|${snapshot.rv}`, snapshot);
    const now = Date.now();
    for (const [key, s] of history) if (history.size > MAX_SNAPSHOTS || now - s.builtAtMs > KEEP_MS) history.delete(key);
    if (latest.size > MAX_SNAPSHOTS) latest.delete(latest.keys().next().value!);
  };
  return {
    snapshot(cluster) {
      const loads = sim.syncCluster(cluster);
      const pools = sim.lookup.poolsOf(cluster);
      const nowMs = sim.clock.nowMs();
      const fingerprint = `${sim.version()}|${Math.floor(nowMs / 60_000)}|${pools.map((p) => loads.get(p.id)?.replicas ?? 0).join(",")}`;
      const cached = latest.get(cluster.key);
      if (cached && cached.fingerprint === fingerprint) return cached.snapshot;
      const snapshot = build(sim, cluster, pools, loads, nowMs, String(++rvCounter), births);
      latest.delete(cluster.key);
      latest.set(cluster.key, { fingerprint, snapshot });
      remember(cluster, snapshot);
      return snapshot;
    },
    snapshotAt(cluster, rv) {
      return history.get(`${cluster.key}|${rv}`);
    },
  };
}

function planNodes(sim: Simulation, cluster: EstateCluster, pool: EstatePool, nowMs: number): Array<{ plan: NodePlan; node: EstateNode }> {
  const p = pool.arm.properties;
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
    workloadPods(pool, load.replicas, tolerationsFor(taints), births, nowMs, sim.estate.seed).forEach((pod, i) => {
      if (!spread(pod, own, i)) pending.push({ pod, pool });
      pods.push(pod);
    });
  }
  for (const pod of strandedPods(cluster, cluster.stranded, sim.clock.startMs)) {
    if (!spread(pod, plans, 0)) pending.push({ pod });
    pods.push(pod);
  }

  const groups = groupStatuses(cluster, pools, loads, cluster.location);
  const events: EventPlan[] = [];
  for (const { pod, pool } of pending) {
    pod.schedulerMessage = explainUnschedulable(plans, pod);
    const involved = { kind: "Pod", name: pod.name, namespace: pod.namespace, uid: "", apiVersion: "v1" };
    const age = Math.max(0, nowMs - pod.createdMs);
    events.push({ namespace: pod.namespace, involved, reason: "FailedScheduling", message: pod.schedulerMessage, type: "Warning", component: "default-scheduler", firstMs: pod.createdMs + 1000, lastMs: nowMs - (age % 60_000) / 4, count: 1 + Math.floor(age / 300_000), modern: true });
    if (groups.length > 0) {
      const message = autoscalerMessage(sim, cluster, pools, loads, pod, pool);
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

  const podJsons = pods.map((pod) => podJson(cluster, pod, byName, nowMs, rv));
  const uidOf = new Map(podJsons.map((p) => [`${(p.metadata as { namespace: string }).namespace}/${(p.metadata as { name: string }).name}`, (p.metadata as { uid: string }).uid]));
  for (const e of events) if (e.involved.kind === "Pod") e.involved.uid = uidOf.get(`${e.involved.namespace}/${e.involved.name}`) ?? "";
  const configMap = autoscalerConfigMap(cluster, groups, nowMs, rv);
  const namespaceNames = new Set(["default", "kube-node-lease", "kube-public", "kube-system", ...pods.map((p) => p.namespace)]);
  const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    const ma = a.metadata as { namespace?: string; name: string };
    const mb = b.metadata as { namespace?: string; name: string };
    return `${ma.namespace ?? ""}/${ma.name}` < `${mb.namespace ?? ""}/${mb.name}` ? -1 : 1;
  };
  return {
    rv,
    builtAtMs: Date.now(),
    nodes: planned.map(({ plan, node }) => nodeJson(cluster, plan, node, nowMs, rv)).sort(byKey),
    pods: podJsons.sort(byKey),
    events: events.map((e) => eventJson(cluster, e, rv)).sort(byKey),
    configMaps: configMap ? [configMap] : [],
    namespaces: [...namespaceNames].sort().map((name) => ({ metadata: { name, uid: `ns-${name}`, resourceVersion: rv, creationTimestamp: new Date(clusterStart).toISOString().replace(/\.\d{3}Z$/, "Z"), labels: { "kubernetes.io/metadata.name": name } }, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } })),
  };
}

/** Why the autoscaler did not add a node for this pod, per node group, as its NotTriggerScaleUp event says. */
function autoscalerMessage(sim: Simulation, cluster: EstateCluster, pools: EstatePool[], loads: Map<string, PoolLoad>, pod: PodPlan, target?: EstatePool): string {
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
    const template = templateNode(sim, cluster, pool);
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
