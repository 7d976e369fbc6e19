import "server-only";
import type { PoolRow } from "@/lib/model/pool-columns";
import type { CollectedCluster } from "@/lib/model/snapshot";
import { defaultPoolView } from "@/lib/model/pool-view";
import { versionSkew, type VersionSkew } from "@/lib/model/version-skew";
import { getDb } from "@/lib/store/db";
import { Prisma, type PrismaClient } from "@/lib/store/generated/client";
import { listPoolRows } from "./pool-inventory";
import { cachedForRun } from "./run-cache";
import { resolveRunScope, type NoRun, type RunScope } from "./run-scope";

const { sql } = Prisma;

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

type ClusterIdentity = {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  deletedAt: Date | null;
  subscriptionId: string;
  subscriptionGuid: string;
  subscriptionName: string;
};

type ClusterSnapshotRow = Omit<ClusterSnapshotView, "takenAt"> & { takenAt: Date };

/** The cluster and its subscription, in plain SQL as the pool page reads its pool (Prisma's planning cost more). */
async function readClusterIdentity(db: PrismaClient, clusterId: string): Promise<ClusterIdentity | null> {
  const [cluster] = await db.$queryRaw<ClusterIdentity[]>(sql`
    SELECT c."id", c."name", c."resourceGroup", c."location", c."firstSeenAt", c."lastSeenAt", c."deletedAt",
      s."id" AS "subscriptionId", s."subscriptionId" AS "subscriptionGuid", s."displayName" AS "subscriptionName"
    FROM "Cluster" c
    JOIN "Subscription" s ON s."id" = c."subscriptionId"
    WHERE c."id" = ${clusterId}`);
  return cluster ?? null;
}

/** What the run (or the last run before it that read the cluster) read of the cluster: its snapshot and its pools. */
async function readClusterAsOf(db: PrismaClient, clusterId: string, runId: number): Promise<{ snapshot: ClusterSnapshotView | null; pools: ClusterPool[] }> {
  const [row] = await db.$queryRaw<ClusterSnapshotRow[]>(sql`
    SELECT "runId", "takenAt", "kubernetesVersion", "currentKubernetesVersion", "skuTier", "nodeResourceGroup", "networkPlugin",
      "networkPolicy", "powerState", "provisioningState", "fqdn", "privateCluster", "tags",
      "kubeReachable", "kubeError", "properties"
    FROM "ClusterSnapshot"
    WHERE "clusterId" = ${clusterId} AND "runId" <= ${runId}
    ORDER BY "takenAt" DESC LIMIT 1`);
  if (!row) return { snapshot: null, pools: [] };
  const pools = await listPoolRows(db, row.runId, { ...defaultPoolView, filters: { cluster: [clusterId] }, sort: "name" });
  const controlPlane = row.currentKubernetesVersion ?? row.kubernetesVersion ?? null;
  return {
    snapshot: { ...row, takenAt: row.takenAt.toISOString(), tags: row.tags ?? {}, properties: row.properties ?? {} },
    pools: pools.map((pool) => ({ ...pool, skew: versionSkew(controlPlane, pool.currentK8s ?? pool.k8s) })),
  };
}

/** A cluster as of a run: its properties, its pools and their version skew, and its node resource group. */
export async function getClusterDetail(id: string, options: { run?: number }, db?: PrismaClient): Promise<ClusterDetail> {
  db ??= await getDb();
  const clusterId = id.toLowerCase();
  const [cluster, resolved] = await Promise.all([readClusterIdentity(db, clusterId), resolveRunScope(db, options.run)]);
  if (!cluster) return { state: "not-found" };
  if (!resolved.scope) return { state: "empty", lastRun: resolved.lastRun };
  const run = resolved.scope;
  // What the cluster was as of the run is read from that run and the ones before it; which pools are gone is not.
  const [ofRun, deletedPools] = await Promise.all([
    cachedForRun(db, run.id, `cluster-detail:${clusterId}`, () => readClusterAsOf(db, clusterId, run.id)),
    db.$queryRaw<{ id: string; name: string; deletedAt: Date }[]>(sql`
      SELECT "id", "name", "deletedAt" FROM "NodePool"
      WHERE "clusterId" = ${clusterId} AND "deletedAt" <= ${new Date(run.finishedAt ?? run.startedAt)}
      ORDER BY "deletedAt" DESC`),
  ]);
  return {
    state: "ready",
    run,
    cluster: {
      id: cluster.id,
      armId: `/subscriptions/${cluster.subscriptionGuid}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.name}`,
      name: cluster.name,
      resourceGroup: cluster.resourceGroup,
      location: cluster.location,
      firstSeenAt: cluster.firstSeenAt.toISOString(),
      lastSeenAt: cluster.lastSeenAt.toISOString(),
      deletedAt: cluster.deletedAt?.toISOString() ?? null,
    },
    subscription: { id: cluster.subscriptionId, guid: cluster.subscriptionGuid, displayName: cluster.subscriptionName },
    snapshot: ofRun.snapshot,
    pools: ofRun.pools,
    deletedPools: deletedPools.map((pool) => ({ id: pool.id, name: pool.name, deletedAt: pool.deletedAt.toISOString() })),
  };
}
