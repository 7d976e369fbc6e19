/** The pods a cluster runs: AKS daemonsets on every node, the system add-ons, each pool's app, and stranded pods. */
import type { EstateCluster, EstatePool, StrandedPodSpec } from "../estate/types";
import { hash32, hashPrefix, unit } from "../estate/random";
import type { PodPlan, Toleration } from "./model";
import { nameSuffix } from "./quantities";

const Mi = 1024 ** 2;

type DaemonSpec = { name: string; cpuMillis: number; memoryBytes: number; image: string };

const LINUX_DAEMONS: DaemonSpec[] = [
  { name: "kube-proxy", cpuMillis: 100, memoryBytes: 64 * Mi, image: "mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.33.5-hotfix.20251007" },
  { name: "azure-ip-masq-agent", cpuMillis: 100, memoryBytes: 50 * Mi, image: "mcr.microsoft.com/aks/ip-masq-agent-v2:v0.1.15" },
  { name: "cloud-node-manager", cpuMillis: 50, memoryBytes: 50 * Mi, image: "mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager:v1.33.3" },
  { name: "csi-azuredisk-node", cpuMillis: 30, memoryBytes: 60 * Mi, image: "mcr.microsoft.com/oss/kubernetes-csi/azuredisk-csi:v1.33.4" },
  { name: "csi-azurefile-node", cpuMillis: 30, memoryBytes: 60 * Mi, image: "mcr.microsoft.com/oss/kubernetes-csi/azurefile-csi:v1.33.3" },
  { name: "azure-cns", cpuMillis: 40, memoryBytes: 186 * Mi, image: "mcr.microsoft.com/containernetworking/azure-cns:v1.6.30" },
];
const GPU_DAEMON: DaemonSpec = { name: "nvidia-device-plugin-daemonset", cpuMillis: 50, memoryBytes: 100 * Mi, image: "mcr.microsoft.com/oss/nvidia/k8s-device-plugin:v0.17.2" };
const WINDOWS_DAEMONS: DaemonSpec[] = [
  { name: "cloud-node-manager-windows", cpuMillis: 50, memoryBytes: 50 * Mi, image: "mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager:v1.33.3" },
  { name: "csi-azuredisk-node-win", cpuMillis: 30, memoryBytes: 60 * Mi, image: "mcr.microsoft.com/oss/kubernetes-csi/azuredisk-csi:v1.33.4-windows-hp" },
  { name: "csi-azurefile-node-win", cpuMillis: 0, memoryBytes: 90 * Mi, image: "mcr.microsoft.com/oss/kubernetes-csi/azurefile-csi:v1.33.3-windows-hp" },
];

const ADDONS: Array<{ app: string; replicas: number; cpuMillis: number; memoryBytes: number; image: string }> = [
  { app: "coredns", replicas: 2, cpuMillis: 100, memoryBytes: 70 * Mi, image: "mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.12.1-2" },
  { app: "coredns-autoscaler", replicas: 1, cpuMillis: 20, memoryBytes: 10 * Mi, image: "mcr.microsoft.com/oss/v2/kubernetes/autoscaler/cluster-proportional-autoscaler:v1.9.0-1" },
  { app: "metrics-server", replicas: 2, cpuMillis: 150, memoryBytes: 100 * Mi, image: "mcr.microsoft.com/oss/v2/kubernetes/metrics-server:v0.7.2-6" },
  { app: "konnectivity-agent", replicas: 2, cpuMillis: 20, memoryBytes: 20 * Mi, image: "mcr.microsoft.com/oss/kubernetes/apiserver-network-proxy/agent:v0.31.2-hotfix.20250929" },
];

const LINUX_GPU_DAEMONS = [...LINUX_DAEMONS, GPU_DAEMON];
const TOLERATE_ALL: Toleration[] = [{ operator: "Exists" }];

export function daemonPods(nodeName: string, os: string, gpu: boolean, createdMs: number): PodPlan[] {
  const specs = os === "Windows" ? WINDOWS_DAEMONS : gpu ? LINUX_GPU_DAEMONS : LINUX_DAEMONS;
  return specs.map((d) => {
    const h = hash32(nodeName + d.name);
    return {
      template: d,
      namespace: "kube-system",
      name: `${d.name}-${nameSuffix(h)}`,
      app: d.name,
      image: d.image,
      ownerKind: "DaemonSet",
      ownerName: d.name,
      cpuMillis: d.cpuMillis,
      memoryBytes: d.memoryBytes,
      gpus: 0,
      tolerations: TOLERATE_ALL,
      createdMs: createdMs + 20_000 + (h % 20_000),
      priorityClassName: "system-node-critical",
    };
  });
}

export function addonPods(cluster: EstateCluster, createdMs: number): PodPlan[] {
  return ADDONS.flatMap((a) => {
    const rs = `${a.app}-${rsHash(cluster.id + a.app)}`;
    const template = {};
    const nodeSelector = { "kubernetes.io/os": "linux" };
    const tolerations = [{ key: "CriticalAddonsOnly", operator: "Exists" }];
    return Array.from({ length: a.replicas }, (_, i) => ({
      template,
      namespace: "kube-system",
      name: `${rs}-${nameSuffix(hash32(cluster.id + a.app + i))}`,
      app: a.app,
      image: a.image,
      ownerKind: "ReplicaSet" as const,
      ownerName: rs,
      cpuMillis: a.cpuMillis,
      memoryBytes: a.memoryBytes,
      gpus: 0,
      nodeSelector,
      tolerations,
      createdMs: createdMs + i * 1000,
      priorityClassName: "system-cluster-critical",
    }));
  });
}

export function rsHash(key: string): string {
  return nameSuffix(hash32(key), 10);
}

/** Birth times of replica i of each pool's app, remembered while the replica exists (so Pending "since" holds). */
export type PodBirths = Map<string, Map<number, number>>;

export function workloadPods(pool: EstatePool, replicas: number, tolerations: Toleration[], births: PodBirths, nowMs: number, seed: number): PodPlan[] {
  const w = pool.workload;
  const p = pool.arm.properties;
  const stateful = /kafka|redis|prometheus|trino/.test(w.app);
  const job = w.pattern === "batch" || w.pattern === "training";
  const jobRun = job ? `${Math.floor(nowMs / 3_600_000) % 100_000}` : "";
  const owner = stateful ? w.app : job ? `${w.app}-${jobRun}` : `${w.app}-${rsHash(pool.id + w.app)}`;
  const nodeSelector: Record<string, string> = { agentpool: pool.name, ...(p.osType === "Windows" ? { "kubernetes.io/os": "windows" } : {}) };
  // Every third replica runs the older patch release.
  const release = `contoso.azurecr.io/${w.namespace}/${w.app}:${1 + (hash32(pool.id) % 9)}.${hash32(w.app) % 30}`;
  const images = [`${release}.0`, `${release}.1`];
  const templates = [{}, {}];
  const pods: PodPlan[] = [];
  let poolBirths = births.get(pool.id);
  if (!poolBirths) births.set(pool.id, (poolBirths = new Map()));
  // Replica i's key is `${pool.id}|${i}`: the long pool id is hashed once.
  const keyPrefix = hashPrefix(`${pool.id}|`);
  for (let i = 0; i < replicas; i++) {
    let born = poolBirths.get(i);
    if (born === undefined) {
      const key = `${pool.id}|${i}`;
      // Replicas within the everyday baseline have run for days; the ones above it came with the load just now.
      born = i < Math.max(1, w.minReplicas) ? nowMs - Math.floor((0.5 + 4 * unit(seed, key)) * 86_400_000) : nowMs - Math.floor(unit(seed, key, "new") * 20 * 60_000);
      poolBirths.set(i, born);
    }
    const patch = i % 3 === 0 ? 0 : 1;
    pods.push({
      template: templates[patch],
      namespace: w.namespace,
      name: stateful ? `${w.app}-${i}` : `${owner}-${nameSuffix(hash32(`${i}${jobRun}`, keyPrefix))}`,
      app: w.app,
      image: images[patch],
      ownerKind: stateful ? "StatefulSet" : job ? "Job" : "ReplicaSet",
      ownerName: owner,
      cpuMillis: w.podCpuMillis,
      memoryBytes: w.podMemoryBytes,
      gpus: w.podGpus,
      nodeSelector,
      tolerations,
      createdMs: born,
    });
  }
  for (const i of poolBirths.keys()) if (i >= replicas) poolBirths.delete(i);
  return pods;
}

export function strandedPods(cluster: EstateCluster, specs: StrandedPodSpec[], startMs: number): PodPlan[] {
  return specs.flatMap((s) =>
    Array.from({ length: s.replicas }, (_, i) => {
      const owner = `${s.app}-${rsHash(cluster.id + s.app)}`;
      return {
        template: {},
        namespace: s.namespace,
        name: `${owner}-${nameSuffix(hash32(cluster.id + s.app + i))}`,
        app: s.app,
        image: `contoso.azurecr.io/${s.namespace}/${s.app}:2.4.${i}`,
        ownerKind: "ReplicaSet" as const,
        ownerName: owner,
        cpuMillis: s.cpuMillis,
        memoryBytes: s.memoryBytes,
        gpus: s.gpus,
        ...(s.nodeSelector ? { nodeSelector: s.nodeSelector } : {}),
        tolerations: s.tolerations ?? [],
        createdMs: startMs - (2 + i) * 3_600_000 - (hash32(s.app) % 3_600_000),
      };
    }),
  );
}
