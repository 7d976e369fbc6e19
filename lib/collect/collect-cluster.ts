/**
 * One cluster's part of a run: its agent pools (every property as served), each pool's machines and latest node
 * image, and through its kubeconfig the nodes, pod requests, pending pods and autoscaler status. Whatever fails is
 * reported against the narrowest scope and the rest is kept; a cluster whose API cannot be read keeps its
 * Azure-side inventory.
 */
import type { TokenCredential } from "@azure/identity";
import { getLatestNodeImageVersion, listAgentPools } from "@/lib/azure/agent-pools";
import type { ArmClient } from "@/lib/azure/arm-client";
import { getClusterUserKubeconfig } from "@/lib/azure/cluster-credentials";
import { listMachines, scaleSetOf } from "@/lib/azure/machines";
import type { ManagedCluster } from "@/lib/azure/managed-clusters";
import type { MalformedItem } from "@/lib/azure/read-items";
import { createKubeClient } from "@/lib/kube/kube-client";
import type { KubeTransport } from "@/lib/kube/kube-transport";
import { readClusterState, type ClusterState } from "@/lib/kube/read-cluster";
import { normaliseAgentPool, type AgentPoolWire } from "@/lib/model/agent-pool";
import { poolNameFromScaleSet } from "@/lib/model/autoscaler-status";
import { emptyPoolMeasures, measurePools, type PoolMeasures } from "@/lib/model/node-measures";
import { describePoolPlacement, findTargetPool } from "@/lib/model/pending-pod";
import type { CollectedCluster, CollectedNode, CollectedPendingPod, CollectedPool, RunError } from "@/lib/model/snapshot";
import type { CallRunner } from "@/lib/net/call-runner";
import { describeFailure } from "./describe-failure";

export type ClusterReading = {
  cluster: CollectedCluster;
  pools: CollectedPool[];
  nodes: CollectedNode[];
  pendingPods: CollectedPendingPod[];
  /** Pool ids by lower-cased scale set name, from the machines' VMs (for cost). */
  scaleSets: Map<string, string>;
  poolListComplete: boolean;
  errors: RunError[];
};

/** Malformed items as run errors: one per item, at most `limit` per scope and a count of the rest. */
export function reportMalformed(scope: string, what: string, malformed: MalformedItem[], limit = 10): RunError[] {
  const errors: RunError[] = malformed.slice(0, limit).map((item) => ({
    scope: item.id?.toLowerCase() ?? scope,
    kind: "malformed",
    message: `A ${item.kind} was not stored: ${item.reason}`,
    hint: "The API answered with something other than its documented shape; everything else in the run is kept. Report it with this run's id if it repeats.",
  }));
  if (malformed.length > limit) {
    errors.push({ scope, kind: "malformed", message: `${malformed.length - limit} more malformed ${what} were not stored`, hint: "See the errors above." });
  }
  return errors;
}

type ClusterDeps = { arm: ArmClient; runner: CallRunner; credential: TokenCredential; kubePageSize?: number; kubeTransport?: KubeTransport };

async function readPoolExtras(deps: ClusterDeps, pool: AgentPoolWire, errors: RunError[]) {
  const scope = pool.id.toLowerCase();
  const [machines, upgrade] = await Promise.allSettled([listMachines(deps.arm, pool.id), getLatestNodeImageVersion(deps.arm, pool.id)]);
  let scaleSets: string[] = [];
  if (machines.status === "fulfilled") {
    scaleSets = [...new Set(machines.value.items.map((machine) => scaleSetOf(machine.resourceId)).filter((name) => name !== null))];
    errors.push(...reportMalformed(scope, "machines", machines.value.malformed));
  } else errors.push(describeFailure(machines.reason, scope, "machines"));
  let latestNodeImageVersion: string | null = null;
  if (upgrade.status === "fulfilled") {
    latestNodeImageVersion = upgrade.value.latestNodeImageVersion;
    errors.push(...reportMalformed(scope, "upgrade profiles", upgrade.value.malformed));
  } else errors.push(describeFailure(upgrade.reason, scope, "upgradeProfile"));
  return { scaleSets, latestNodeImageVersion };
}

async function readKube(deps: ClusterDeps, cluster: ManagedCluster): Promise<ClusterState> {
  let kubeconfig: string;
  try {
    kubeconfig = await getClusterUserKubeconfig(deps.arm, cluster.armId);
  } catch (error) {
    throw Object.assign(describeFailure(error, cluster.id, "clusterCredential"), { fromAzure: true });
  }
  let client: Awaited<ReturnType<typeof createKubeClient>> | undefined;
  try {
    client = await createKubeClient(kubeconfig, { runner: deps.runner, key: cluster.id, credential: deps.credential, transport: deps.kubeTransport });
    return await readClusterState(client, { pageSize: deps.kubePageSize });
  } catch (error) {
    throw describeFailure(error, cluster.id, "kube");
  } finally {
    client?.close();
  }
}

export async function collectCluster(deps: ClusterDeps, cluster: ManagedCluster): Promise<ClusterReading> {
  const errors: RunError[] = [];
  const [poolList, kube] = await Promise.allSettled([listAgentPools(deps.arm, cluster.armId), readKube(deps, cluster)]);

  let wires: AgentPoolWire[] = [];
  let poolListComplete = false;
  if (poolList.status === "fulfilled") {
    wires = poolList.value.items;
    poolListComplete = poolList.value.malformed.length === 0;
    errors.push(...reportMalformed(cluster.id, "agent pools", poolList.value.malformed));
  } else errors.push(describeFailure(poolList.reason, cluster.id, "agentPools"));

  const extras = await Promise.all(wires.map((wire) => readPoolExtras(deps, wire, errors)));
  const scaleSets = new Map<string, string>();
  const poolIdByName = new Map<string, string>();
  wires.forEach((wire, index) => {
    const id = wire.id.toLowerCase();
    poolIdByName.set(wire.name.toLowerCase(), id);
    for (const name of extras[index].scaleSets) scaleSets.set(name, id);
  });

  let state: ClusterState | undefined;
  let kubeError: string | null = null;
  if (kube.status === "fulfilled") {
    state = kube.value;
    if (state.malformed.length > 0) errors.push(...reportMalformed(cluster.id, "Kubernetes objects", state.malformed));
  } else {
    const failure = kube.reason as RunError;
    errors.push({ scope: failure.scope, kind: failure.kind, message: `Kubernetes side not read: ${failure.message}`, hint: failure.hint });
    kubeError = `${failure.message}${failure.hint ? ` ${failure.hint}` : ""}`;
  }

  const measures = state ? measurePools(state.nodes) : new Map<string, PoolMeasures>();
  const groups = new Map((state?.autoscalerStatus?.nodeGroups ?? []).map((group) => [scaleSets.get(group.name.toLowerCase()) ?? poolIdByName.get(poolNameFromScaleSet(group.name) ?? ""), group]));
  const configs = wires.map((wire, index) => ({ wire, config: normaliseAgentPool(wire, extras[index].latestNodeImageVersion) }));
  const placements = configs.map(({ wire, config }) => describePoolPlacement({ ...config, poolId: wire.id.toLowerCase(), name: wire.name, location: cluster.location }));
  const pendingPods: CollectedPendingPod[] = (state?.pendingPods ?? []).map((pod) => ({ ...pod, clusterId: cluster.id, targetPoolId: findTargetPool(pod, placements) }));
  const pendingByPool = new Map<string, number>();
  for (const pod of pendingPods) if (pod.targetPoolId) pendingByPool.set(pod.targetPoolId, (pendingByPool.get(pod.targetPoolId) ?? 0) + 1);

  const pools: CollectedPool[] = configs.map(({ wire, config }) => {
    const id = wire.id.toLowerCase();
    return {
      ...config,
      ...(measures.get(wire.name) ?? measures.get(wire.name.toLowerCase()) ?? emptyPoolMeasures()),
      id,
      clusterId: cluster.id,
      name: wire.name,
      properties: wire.properties,
      pendingPods: pendingByPool.get(id) ?? 0,
      measured: state !== undefined,
      autoscaler: groups.get(id) ?? null,
    };
  });
  const nodes: CollectedNode[] = (state?.nodes ?? []).map((node) => ({ ...node, clusterId: cluster.id, poolId: node.poolName ? (poolIdByName.get(node.poolName.toLowerCase()) ?? null) : null }));
  const { armId: _armId, ...azureSide } = cluster;
  return {
    cluster: { ...azureSide, kubeReachable: state !== undefined, kubeError, autoscalerStatus: state?.autoscalerStatus ?? null },
    pools,
    nodes,
    pendingPods,
    scaleSets,
    poolListComplete,
    errors,
  };
}
