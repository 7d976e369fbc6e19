import "server-only";
import { toPoolCountSeries, type PoolCountPoint, type PoolHistoryRow } from "@/lib/model/history-series";
import { chartRanges, chooseBucketSeconds, type ChartRange } from "@/lib/model/time-buckets";
import { versionSkew, type VersionSkew } from "@/lib/model/version-skew";
import { getDb } from "@/lib/store/db";
import { Prisma, type PrismaClient } from "@/lib/store/generated/client";
import { armPoolId } from "./pool-inventory";
import { cachedForRun } from "./run-cache";
import { resolveRunScope, type NoRun, type RunScope } from "./run-scope";

export type PoolNode = {
  name: string;
  zone: string | null;
  ready: boolean;
  cordoned: boolean;
  createdAt: string | null;
  allocatableCpuMillis: number;
  allocatableMemoryBytes: number;
  allocatablePods: number;
  requestedCpuMillis: number;
  requestedMemoryBytes: number;
  podCount: number;
  kubeletVersion: string | null;
};

export type PoolChangeEntry = { id: string; runId: number; takenAt: string; field: string; before: unknown; after: unknown };

export type PoolSnapshotView = {
  runId: number;
  takenAt: string;
  /** The agent pool's ARM properties as read. */
  properties: Record<string, unknown>;
  tags: Record<string, string>;
  latestNodeImageVersion: string | null;
  measured: boolean;
  nodesReady: number;
  nodesNotReady: number;
  allocatableCpuMillis: number;
  allocatableMemoryBytes: number;
  requestedCpuMillis: number;
  requestedMemoryBytes: number;
  runningPods: number;
  pendingPods: number;
  autoscaler: unknown;
};

export type PoolDetail =
  | { state: "not-found" }
  | { state: "empty"; lastRun: NoRun }
  | {
      state: "ready";
      run: RunScope;
      pool: { id: string; armId: string; name: string; firstSeenAt: string; lastSeenAt: string; deletedAt: string | null };
      cluster: { id: string; name: string; resourceGroup: string; location: string; nodeResourceGroup: string | null; controlPlaneVersion: string | null };
      subscription: { id: string; guid: string; displayName: string };
      /** The pool's newest snapshot at or before the run; null when the pool did not exist yet. */
      snapshot: PoolSnapshotView | null;
      skew: VersionSkew;
      /** Nodes of the snapshot's run; node rows are kept for a short window only. */
      nodes: PoolNode[];
      /** One page of the change log, newest first. */
      changes: { total: number; page: number; size: number; shown: PoolChangeEntry[] };
      history: { range: ChartRange; bucketSeconds: number; from: string; to: string; points: PoolCountPoint[] };
    };

/**
 * Changes on a page of the change log: the rest are a page away, not sent with every view of the pool. Each row is
 * drawn on the server twice over (HTML and the RSC payload) and was half of a busy pool's page at 50, so 25.
 */
export const CHANGES_PER_PAGE = 25;
const { sql } = Prisma;

type PoolIdentity = {
  id: string;
  name: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  deletedAt: Date | null;
  clusterId: string;
  clusterName: string;
  resourceGroup: string;
  location: string;
  subscriptionId: string;
  subscriptionGuid: string;
  subscriptionName: string;
};

/** The pool with its cluster and subscription as last seen: one indexed join in plain SQL, asked on every view. */
async function readPoolIdentity(db: PrismaClient, poolId: string): Promise<PoolIdentity | null> {
  const [pool] = await db.$queryRaw<PoolIdentity[]>(sql`
    SELECT p."id", p."name", p."firstSeenAt", p."lastSeenAt", p."deletedAt", c."id" AS "clusterId", c."name" AS "clusterName",
      c."resourceGroup", c."location", s."id" AS "subscriptionId", s."subscriptionId" AS "subscriptionGuid", s."displayName" AS "subscriptionName"
    FROM "NodePool" p
    JOIN "Cluster" c ON c."id" = p."clusterId"
    JOIN "Subscription" s ON s."id" = c."subscriptionId"
    WHERE p."id" = ${poolId}`);
  return pool ?? null;
}

/** A pool as of a run: its properties, nodes, history of node counts and change log. */
export async function getPoolDetail(id: string, options: { run?: number; range: ChartRange; changesPage?: number }, db?: PrismaClient): Promise<PoolDetail> {
  db ??= await getDb();
  const poolId = id.toLowerCase();
  const [pool, resolved] = await Promise.all([readPoolIdentity(db, poolId), resolveRunScope(db, options.run)]);
  if (!pool) return { state: "not-found" };
  if (!resolved.scope) return { state: "empty", lastRun: resolved.lastRun };
  const run = resolved.scope;

  // What the pool was as of the run is read from that run and the ones before it: the same until the run is gone.
  const changesPage = options.changesPage ?? 1;
  const ofRun = await cachedForRun(db, run.id, `pool-detail:${poolId}:${options.range}:${changesPage}`, () => readPoolAsOf(db, poolId, pool.clusterId, run, options.range, changesPage));
  return {
    state: "ready",
    run,
    pool: {
      id: pool.id,
      armId: armPoolId({ subscriptionGuid: pool.subscriptionGuid, resourceGroup: pool.resourceGroup, cluster: pool.clusterName, name: pool.name }),
      name: pool.name,
      firstSeenAt: pool.firstSeenAt.toISOString(),
      lastSeenAt: pool.lastSeenAt.toISOString(),
      deletedAt: pool.deletedAt?.toISOString() ?? null,
    },
    cluster: { id: pool.clusterId, name: pool.clusterName, resourceGroup: pool.resourceGroup, location: pool.location, nodeResourceGroup: ofRun.nodeResourceGroup, controlPlaneVersion: ofRun.controlPlaneVersion },
    subscription: { id: pool.subscriptionId, guid: pool.subscriptionGuid, displayName: pool.subscriptionName },
    snapshot: ofRun.snapshot,
    skew: ofRun.skew,
    nodes: ofRun.nodes,
    changes: ofRun.changes,
    history: ofRun.history,
  };
}

async function readPoolAsOf(db: PrismaClient, poolId: string, clusterId: string, run: RunScope, range: ChartRange, changesPage: number) {
  const snapshot = await db.poolSnapshot.findFirst({ where: { poolId, runId: { lte: run.id } }, orderBy: { takenAt: "desc" } });
  const [clusterSnapshot, nodes, changes, changeCount, history] = await Promise.all([
    db.clusterSnapshot.findFirst({
      where: { clusterId, runId: { lte: snapshot?.runId ?? run.id } },
      orderBy: { takenAt: "desc" },
      select: { nodeResourceGroup: true, kubernetesVersion: true, currentKubernetesVersion: true },
    }),
    // The cluster too, so that the primary key (runId, clusterId, name) finds the rows, already in name order.
    snapshot ? db.nodeSnapshot.findMany({ where: { runId: snapshot.runId, clusterId, poolId }, orderBy: { name: "asc" } }) : Promise.resolve([]),
    db.poolChange.findMany({ where: { poolId, runId: { lte: run.id } }, orderBy: [{ takenAt: "desc" }, { id: "desc" }], skip: (changesPage - 1) * CHANGES_PER_PAGE, take: CHANGES_PER_PAGE }),
    db.poolChange.count({ where: { poolId, runId: { lte: run.id } } }),
    poolHistory(db, poolId, run.id, snapshot?.takenAt ?? new Date(run.startedAt), range),
  ]);
  const controlPlaneVersion = clusterSnapshot?.currentKubernetesVersion ?? clusterSnapshot?.kubernetesVersion ?? null;
  return {
    nodeResourceGroup: clusterSnapshot?.nodeResourceGroup ?? null,
    controlPlaneVersion,
    snapshot: snapshot
      ? {
          runId: snapshot.runId,
          takenAt: snapshot.takenAt.toISOString(),
          properties: (snapshot.properties ?? {}) as Record<string, unknown>,
          tags: (snapshot.tags ?? {}) as Record<string, string>,
          latestNodeImageVersion: snapshot.latestNodeImageVersion,
          measured: snapshot.measured,
          nodesReady: snapshot.nodesReady,
          nodesNotReady: snapshot.nodesNotReady,
          allocatableCpuMillis: snapshot.allocatableCpuMillis,
          allocatableMemoryBytes: snapshot.allocatableMemoryBytes,
          requestedCpuMillis: snapshot.requestedCpuMillis,
          requestedMemoryBytes: snapshot.requestedMemoryBytes,
          runningPods: snapshot.runningPods,
          pendingPods: snapshot.pendingPods,
          autoscaler: snapshot.autoscaler,
        }
      : null,
    skew: versionSkew(controlPlaneVersion, snapshot ? (snapshot.currentOrchestratorVersion ?? snapshot.orchestratorVersion) : null),
    nodes: nodes.map((node) => ({
      name: node.name,
      zone: node.zone,
      ready: node.ready,
      cordoned: node.cordoned,
      createdAt: node.createdAt?.toISOString() ?? null,
      allocatableCpuMillis: node.allocatableCpuMillis,
      allocatableMemoryBytes: node.allocatableMemoryBytes,
      allocatablePods: node.allocatablePods,
      requestedCpuMillis: node.requestedCpuMillis,
      requestedMemoryBytes: node.requestedMemoryBytes,
      podCount: node.podCount,
      kubeletVersion: node.kubeletVersion,
    })),
    changes: {
      total: changeCount,
      page: changesPage,
      size: CHANGES_PER_PAGE,
      shown: changes.map((change) => ({ id: String(change.id), runId: change.runId, takenAt: change.takenAt.toISOString(), field: change.field, before: change.before, after: change.after })),
    },
    history,
  };
}

/**
 * The pool's node count over `range` up to the run, one point per run, or the last run of each bucket when the
 * range holds more runs than a chart can show. One index range scan on (poolId, takenAt).
 */
async function poolHistory(db: PrismaClient, poolId: string, runId: number, to: Date, range: ChartRange): Promise<Extract<PoolDetail, { state: "ready" }>["history"]> {
  const rangeMs = chartRanges[range];
  const from = new Date(to.getTime() - rangeMs);
  // Buckets fit the history there is: a pool read for an hour gets one point per run even on a 90-day chart.
  const [{ first }] = await db.$queryRaw<{ first: Date | null }[]>(sql`
    SELECT min(ps."takenAt") AS "first" FROM "PoolSnapshot" ps WHERE ps."poolId" = ${poolId} AND ps."takenAt" > ${from} AND ps."takenAt" <= ${to}`);
  const bucketSeconds = chooseBucketSeconds(first ? to.getTime() - first.getTime() : rangeMs);
  const rows = await db.$queryRaw<PoolHistoryRow[]>(sql`
    SELECT DISTINCT ON (b) x."takenAt" AS "at", x."count", x."nodesReady" AS "ready", x."nodesNotReady" AS "notReady", x."measured",
      x."enableAutoScaling" AS "autoscaling", x."minCount" AS "min", x."maxCount" AS "max"
    FROM (
      SELECT floor(extract(epoch FROM ps."takenAt") / ${bucketSeconds}) AS b, ps.*
      FROM "PoolSnapshot" ps
      WHERE ps."poolId" = ${poolId} AND ps."takenAt" > ${from} AND ps."takenAt" <= ${to} AND ps."runId" <= ${runId}
    ) x
    ORDER BY b, x."takenAt" DESC`);
  return { range, bucketSeconds, from: from.toISOString(), to: to.toISOString(), points: toPoolCountSeries(rows, bucketSeconds) };
}
