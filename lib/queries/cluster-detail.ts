import "server-only";
import type { PoolRow } from "@/lib/model/pool-columns";
import type { CollectedCluster } from "@/lib/model/snapshot";
import { defaultPoolView } from "@/lib/model/pool-view";
import { versionSkew, type VersionSkew } from "@/lib/model/version-skew";
import { getDb } from "@/lib/store/db";
import type { PrismaClient } from "@/lib/store/generated/client";
import { listPoolRows } from "./pool-inventory";
import { resolveRunScope, type NoRun, type RunScope } from "./run-scope";

export type ClusterPool = PoolRow & { skew: VersionSkew };

/** What a run read of the cluster itself: the collected cluster's properties, less its identity and autoscaler. */
export type ClusterSnapshotView = Omit<CollectedCluster, "id" | "subscriptionId" | "resourceGroup" | "name" | "location" | "autoscalerStatus" | "properties"> & {
  runId: number;
  takenAt: string;
  properties: Record<string, unknown>;
};

export type ClusterDetail =
  | { state: "not-found" }
  | { state: "empty"; lastRun: NoRun }
  | {
      state: "ready";
      run: RunScope;
      cluster: { id: string; armId: string; name: string; resourceGroup: string; location: string; firstSeenAt: string; lastSeenAt: string; deletedAt: string | null };
      subscription: { id: string; guid: string; displayName: string };
      /** The cluster's newest snapshot at or before the run; null when it did not exist yet. */
      snapshot: ClusterSnapshotView | null;
      /** Pools of the snapshot's run, side by side, each with its skew against the control plane. */
      pools: ClusterPool[];
      /** Pools of the cluster that are gone, with when. */
      deletedPools: { id: string; name: string; deletedAt: string }[];
    };

/** A cluster as of a run: its properties, its pools and their version skew, and its node resource group. */
export async function getClusterDetail(id: string, options: { run?: number }, db?: PrismaClient): Promise<ClusterDetail> {
  db ??= await getDb();
  const clusterId = id.toLowerCase();
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, include: { subscription: true } });
  if (!cluster) return { state: "not-found" };
  const resolved = await resolveRunScope(db, options.run);
  if (!resolved.scope) return { state: "empty", lastRun: resolved.lastRun };
  const run = resolved.scope;
  const snapshot = await db.clusterSnapshot.findFirst({ where: { clusterId, runId: { lte: run.id } }, orderBy: { takenAt: "desc" } });
  const [pools, deletedPools] = await Promise.all([
    snapshot ? listPoolRows(db, snapshot.runId, { ...defaultPoolView, filters: { cluster: [clusterId] }, sort: "name" }) : Promise.resolve([]),
    db.nodePool.findMany({ where: { clusterId, deletedAt: { not: null, lte: new Date(run.finishedAt ?? run.startedAt) } }, orderBy: { deletedAt: "desc" }, select: { id: true, name: true, deletedAt: true } }),
  ]);
  const controlPlane = snapshot?.currentKubernetesVersion ?? snapshot?.kubernetesVersion ?? null;
  return {
    state: "ready",
    run,
    cluster: {
      id: cluster.id,
      armId: `/subscriptions/${cluster.subscription.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.name}`,
      name: cluster.name,
      resourceGroup: cluster.resourceGroup,
      location: cluster.location,
      firstSeenAt: cluster.firstSeenAt.toISOString(),
      lastSeenAt: cluster.lastSeenAt.toISOString(),
      deletedAt: cluster.deletedAt?.toISOString() ?? null,
    },
    subscription: { id: cluster.subscription.id, guid: cluster.subscription.subscriptionId, displayName: cluster.subscription.displayName },
    snapshot: snapshot
      ? {
          runId: snapshot.runId,
          takenAt: snapshot.takenAt.toISOString(),
          kubernetesVersion: snapshot.kubernetesVersion,
          currentKubernetesVersion: snapshot.currentKubernetesVersion,
          skuTier: snapshot.skuTier,
          nodeResourceGroup: snapshot.nodeResourceGroup,
          networkPlugin: snapshot.networkPlugin,
          networkPolicy: snapshot.networkPolicy,
          powerState: snapshot.powerState,
          provisioningState: snapshot.provisioningState,
          fqdn: snapshot.fqdn,
          privateCluster: snapshot.privateCluster,
          tags: (snapshot.tags ?? {}) as Record<string, string>,
          kubeReachable: snapshot.kubeReachable,
          kubeError: snapshot.kubeError,
          properties: (snapshot.properties ?? {}) as Record<string, unknown>,
        }
      : null,
    pools: pools.map((pool) => ({ ...pool, skew: versionSkew(controlPlane, pool.currentK8s ?? pool.k8s) })),
    deletedPools: deletedPools.map((pool) => ({ id: pool.id, name: pool.name, deletedAt: pool.deletedAt!.toISOString() })),
  };
}
