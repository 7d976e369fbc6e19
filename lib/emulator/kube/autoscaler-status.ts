/**
 * The kube-system/cluster-autoscaler-status ConfigMap as cluster-autoscaler writes it: YAML from 1.30 on,
 * the older text report before (AKS runs the autoscaler of the control plane's minor version).
 */
import type { EstateCluster, EstatePool } from "../estate/types";
import type { PoolLoad } from "../sim/capacity";
import { minorOf } from "../estate/versions";
import { vmSizeOrDefault } from "../estate/vm-sizes";
import { stableUuid } from "../estate/random";

export type GroupStatus = {
  name: string;
  ready: number;
  registered: number;
  target: number;
  min: number;
  max: number;
  scaleUp: "NoActivity" | "InProgress" | "Backoff";
  backoff?: { errorCode: string; errorMessage: string };
  candidates: number;
};

const goTime = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace(/\.(\d{3})Z$/, ".$1000000 +0000 UTC");
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function groupStatuses(cluster: EstateCluster, pools: EstatePool[], loads: Map<string, PoolLoad>, location: string): GroupStatus[] {
  return pools
    .filter((p) => p.arm.properties.enableAutoScaling && p.arm.properties.powerState?.code !== "Stopped")
    .map((pool) => {
      const load = loads.get(pool.id);
      const p = pool.arm.properties;
      const registered = pool.nodes.length;
      const size = vmSizeOrDefault(p.vmSize ?? "");
      const quota = load?.limitedBy === "quota";
      return {
        name: pool.scaleSetName,
        ready: registered,
        registered,
        target: load?.count ?? registered,
        min: p.minCount ?? 0,
        max: p.maxCount ?? 0,
        scaleUp: quota ? "Backoff" : "NoActivity",
        ...(quota
          ? {
              backoff: {
                errorCode: "QuotaExceeded",
                errorMessage: `Code="OperationNotAllowed" Message="Operation could not be completed as it results in exceeding approved ${size.family} Cores quota. Additional details - Deployment Model: Resource Manager, Location: ${location}, Current Limit: see quota, Current Usage: see quota, Additional Required: ${size.vcpus}."`,
              },
            }
          : {}),
        candidates: load ? Math.max(0, registered - Math.max(load.needed, p.minCount ?? 0)) : 0,
      } satisfies GroupStatus;
    });
}

function yamlStatus(groups: GroupStatus[], nowMs: number, sinceMs: number): string {
  const probe = `"${rfc3339(nowMs)}"`;
  const since = `"${rfc3339(sinceMs)}"`;
  const total = groups.reduce((n, g) => n + g.registered, 0);
  const counts = (indent: string, registered: number, ready: number) =>
    [`${indent}nodeCounts:`, `${indent}  registered:`, `${indent}    total: ${registered}`, `${indent}    ready: ${ready}`, `${indent}    notStarted: 0`, `${indent}    unready:`, `${indent}      total: ${registered - ready}`, `${indent}      resourceUnready: 0`, `${indent}  longUnregistered: 0`, `${indent}  unregistered: 0`];
  const anyUp = groups.some((g) => g.scaleUp === "InProgress");
  const candidates = groups.reduce((n, g) => n + g.candidates, 0);
  const lines = [
    `time: ${goTime(nowMs)}`,
    "autoscalerStatus: Running",
    "clusterWide:",
    "  health:",
    "    status: Healthy",
    ...counts("    ", total, groups.reduce((n, g) => n + g.ready, 0)),
    `    lastProbeTime: ${probe}`,
    `    lastTransitionTime: ${since}`,
    "  scaleUp:",
    `    status: ${anyUp ? "InProgress" : "NoActivity"}`,
    `    lastProbeTime: ${probe}`,
    `    lastTransitionTime: ${since}`,
    "  scaleDown:",
    `    status: ${candidates ? "CandidatesPresent" : "NoCandidates"}`,
    ...(candidates ? [`    candidates: ${candidates}`] : []),
    `    lastProbeTime: ${probe}`,
    `    lastTransitionTime: ${since}`,
    "nodeGroups:",
  ];
  for (const g of groups) {
    lines.push(
      `- name: ${g.name}`,
      "  health:",
      "    status: Healthy",
      ...counts("    ", g.registered, g.ready),
      `    cloudProviderTarget: ${g.target}`,
      `    minSize: ${g.min}`,
      `    maxSize: ${g.max}`,
      `    lastProbeTime: ${probe}`,
      `    lastTransitionTime: ${since}`,
      "  scaleUp:",
      `    status: ${g.scaleUp}`,
      ...(g.backoff ? ["    backoffInfo:", `      errorCode: ${g.backoff.errorCode}`, `      errorMessage: '${g.backoff.errorMessage.replace(/'/g, "''")}'`] : []),
      `    lastProbeTime: ${probe}`,
      `    lastTransitionTime: ${since}`,
      "  scaleDown:",
      `    status: ${g.candidates ? "CandidatesPresent" : "NoCandidates"}`,
      ...(g.candidates ? [`    candidates: ${g.candidates}`] : []),
      `    lastProbeTime: ${probe}`,
      `    lastTransitionTime: ${since}`,
    );
  }
  return lines.join("\n") + "\n";
}

function textStatus(groups: GroupStatus[], nowMs: number, sinceMs: number): string {
  const probe = goTime(nowMs);
  const since = goTime(sinceMs);
  const times = ["               LastProbeTime:      " + probe, "               LastTransitionTime: " + since];
  const total = groups.reduce((n, g) => n + g.registered, 0);
  const ready = groups.reduce((n, g) => n + g.ready, 0);
  const candidates = groups.reduce((n, g) => n + g.candidates, 0);
  const lines = [
    `Cluster-autoscaler status at ${probe}:`,
    "Cluster-wide:",
    `  Health:      Healthy (ready=${ready} unready=${total - ready} (resourceUnready=0) notStarted=0 longNotStarted=0 registered=${total} longUnregistered=0)`,
    ...times,
    `  ScaleUp:     NoActivity (ready=${ready} registered=${total})`,
    ...times,
    `  ScaleDown:   ${candidates ? "CandidatesPresent" : "NoCandidates"} (candidates=${candidates})`,
    ...times,
    "",
    "NodeGroups:",
  ];
  for (const g of groups) {
    lines.push(
      `  Name:        ${g.name}`,
      `  Health:      Healthy (ready=${g.ready} unready=${g.registered - g.ready} (resourceUnready=0) notStarted=0 longNotStarted=0 registered=${g.registered} longUnregistered=0 cloudProviderTarget=${g.target} (minSize=${g.min}, maxSize=${g.max}))`,
      ...times,
      g.scaleUp === "Backoff" ? `  ScaleUp:     Backoff (ready=${g.ready} cloudProviderTarget=${g.target})` : `  ScaleUp:     ${g.scaleUp} (ready=${g.ready} cloudProviderTarget=${g.target})`,
      ...times,
      `  ScaleDown:   ${g.candidates ? "CandidatesPresent" : "NoCandidates"} (candidates=${g.candidates})`,
      ...times,
      "",
    );
  }
  return lines.join("\n");
}

export function autoscalerConfigMap(cluster: EstateCluster, groups: GroupStatus[], nowMs: number, rv: string): Record<string, unknown> | undefined {
  if (groups.length === 0) return undefined;
  const sinceMs = Math.min(...cluster.poolIds.map(() => nowMs - 3 * 86_400_000));
  const yaml = minorOf(cluster.arm.properties.currentKubernetesVersion) >= 30;
  return {
    kind: "ConfigMap",
    apiVersion: "v1",
    metadata: {
      name: "cluster-autoscaler-status",
      namespace: "kube-system",
      uid: stableUuid(cluster.id, "ca-status"),
      resourceVersion: rv,
      creationTimestamp: rfc3339(sinceMs),
      annotations: { "cluster-autoscaler.kubernetes.io/last-updated": goTime(nowMs) },
    },
    data: { status: yaml ? yamlStatus(groups, nowMs, sinceMs) : textStatus(groups, nowMs, sinceMs) },
  };
}
