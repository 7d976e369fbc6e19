import "server-only";
import { toFleetNodeSeries, type FleetNodesPoint } from "@/lib/model/history-series";
import { chartRanges, chooseBucketSeconds, type ChartRange } from "@/lib/model/time-buckets";
import { vmFamily } from "@/lib/model/vm-family";
import { getDb } from "@/lib/store/db";
import { Prisma, type PrismaClient } from "@/lib/store/generated/client";
import { findReadableRunBefore } from "./latest-run";
import { cachedForRun } from "./run-cache";
import { resolveRunScope, type NoRun, type RunScope } from "./run-scope";

const { sql } = Prisma;

export type Breakdown = { key: string; pools: number; nodes: number }[];

export type FleetTotals = {
  subscriptions: number;
  clusters: number;
  pools: number;
  nodes: number;
  cpuMillis: number;
  memoryBytes: number;
};

export type RecentChange = { poolId: string; pool: string; cluster: string; field: string; takenAt: string; runId: number; deleted: boolean };

export type FleetOverview =
  | { state: "empty"; lastRun: NoRun }
  | {
      state: "ready";
      run: RunScope;
      totals: FleetTotals;
      /** The fleet at the newest readable run at least a week before this one. */
      weekAgo: (FleetTotals & { runId: number; startedAt: string }) | null;
      byMode: Breakdown;
      byOs: Breakdown;
      byFamily: Breakdown;
      byPriority: Breakdown;
      byVersion: Breakdown;
      nodeTrend: { range: ChartRange; bucketSeconds: number; points: FleetNodesPoint[] };
      /** What changed in pools during the week up to the run. */
      changes: { total: number; pools: number; latest: RecentChange[] };
    };

const WEEK_MS = 7 * 24 * 3600 * 1000;
const READABLE = Prisma.raw(`('succeeded', 'partial')`);
/** Nodes of a pool: as counted in the cluster when it was read, else as ARM says it is set. */
const nodesOf = Prisma.raw(`CASE WHEN ps."measured" THEN ps."nodesReady" + ps."nodesNotReady" ELSE COALESCE(ps."count", 0) END`);

/** The fleet at its latest run (or as of an earlier one): totals and their change in a week, breakdowns, trend, changes. */
export async function getFleetOverview(options: { run?: number; range?: ChartRange } = {}, db?: PrismaClient): Promise<FleetOverview> {
  db ??= await getDb();
  const resolved = await resolveRunScope(db, options.run);
  if (!resolved.scope) return { state: "empty", lastRun: resolved.lastRun };
  const run = resolved.scope;
  const range = options.range ?? "30d";
  // Everything below is read from this run and the runs before it: the same for every request until the run is gone.
  const ofRun = await cachedForRun(db, run.id, `fleet-overview:${range}`, () => readRun(db, run.id, new Date(run.startedAt), range));
  return { state: "ready", run, ...ofRun };
}

async function readRun(db: PrismaClient, runId: number, startedAt: Date, range: ChartRange) {
  const baseline = await findReadableRunBefore(db, new Date(startedAt.getTime() - WEEK_MS));
  const [totals, weekAgo, breakdowns, nodeTrend, changes] = await Promise.all([
    totalsOf(db, runId),
    baseline ? totalsOf(db, baseline.id).then((t) => ({ ...t, runId: baseline.id, startedAt: baseline.startedAt.toISOString() })) : Promise.resolve(null),
    breakdownsOf(db, runId),
    fleetNodeTrend(db, runId, startedAt, range),
    recentChanges(db, runId, startedAt),
  ]);
  return { totals, weekAgo, ...breakdowns, nodeTrend, changes };
}

async function totalsOf(db: PrismaClient, runId: number): Promise<FleetTotals> {
  const [counted, sums] = await Promise.all([
    db.collectionRun.findUniqueOrThrow({ where: { id: runId }, select: { subscriptionCount: true, clusterCount: true, poolCount: true, nodeCount: true } }),
    db.poolSnapshot.aggregate({ where: { runId }, _sum: { allocatableCpuMillis: true, allocatableMemoryBytes: true } }),
  ]);
  return {
    subscriptions: counted.subscriptionCount,
    clusters: counted.clusterCount,
    pools: counted.poolCount,
    nodes: counted.nodeCount,
    cpuMillis: sums._sum.allocatableCpuMillis ?? 0,
    memoryBytes: sums._sum.allocatableMemoryBytes ?? 0,
  };
}

/** Pools and nodes by mode, OS, priority, version and VM size (the family derived from the sizes): one scan. */
async function breakdownsOf(db: PrismaClient, runId: number) {
  const rows = await db.$queryRaw<{ dimension: string; key: string; pools: number; nodes: number }[]>(sql`
    SELECT d."dimension", d."key", count(*)::int AS "pools", sum(${nodesOf})::int AS "nodes"
    FROM "PoolSnapshot" ps
    CROSS JOIN LATERAL (VALUES
      ('mode', COALESCE(ps."mode", 'unknown')),
      ('os', COALESCE(ps."osType", 'unknown')),
      ('priority', COALESCE(ps."scaleSetPriority", 'Regular')),
      ('version', COALESCE(ps."orchestratorVersion", 'unknown')),
      ('vmSize', COALESCE(ps."vmSize", 'unknown'))
    ) AS d("dimension", "key")
    WHERE ps."runId" = ${runId}
    GROUP BY d."dimension", d."key"`);
  const of = (dimension: string, keyOf: (key: string) => string = (key) => key): Breakdown => {
    const groups = new Map<string, { pools: number; nodes: number }>();
    for (const row of rows.filter((r) => r.dimension === dimension)) {
      const key = keyOf(row.key);
      const group = groups.get(key) ?? { pools: 0, nodes: 0 };
      group.pools += row.pools;
      group.nodes += row.nodes;
      groups.set(key, group);
    }
    return [...groups].map(([key, group]) => ({ key, ...group })).sort((a, b) => b.pools - a.pools || a.key.localeCompare(b.key, "en", { numeric: true }));
  };
  const byVersion = of("version").sort((a, b) => b.key.localeCompare(a.key, "en", { numeric: true }));
  return { byMode: of("mode"), byOs: of("os"), byFamily: of("vmSize", (size) => (size === "unknown" ? size : vmFamily(size))), byPriority: of("priority"), byVersion };
}

/**
 * Nodes over the range up to the run, regular and spot: one point per run, or for long ranges the last run of
 * each bucket, read from the run's node roll-up (CollectionRun.regularNodeCount and spotNodeCount).
 */
async function fleetNodeTrend(db: PrismaClient, runId: number, to: Date, range: ChartRange): Promise<Extract<FleetOverview, { state: "ready" }>["nodeTrend"]> {
  const rangeMs = chartRanges[range];
  const from = new Date(to.getTime() - rangeMs);
  // A fleet chart needs no more than about 120 points, and each point sums a whole run's pool rows; buckets fit
  // the history there is, so a young store shows every run.
  const first = await db.collectionRun.findFirst({ where: { status: { in: ["succeeded", "partial"] }, id: { lte: runId }, startedAt: { gt: from } }, orderBy: { startedAt: "asc" }, select: { startedAt: true } });
  const bucketSeconds = chooseBucketSeconds(first ? to.getTime() - first.startedAt.getTime() : rangeMs, 120);
  // The last run of each bucket, with its node roll-up (written by the collector): one CollectionRun row a point.
  const rows = await db.$queryRaw<{ at: Date; regular: number; spot: number }[]>(sql`
    SELECT DISTINCT ON (x."b") x."startedAt" AS "at", x."regularNodeCount" AS "regular", x."spotNodeCount" AS "spot"
    FROM (
      SELECT floor(extract(epoch FROM r."startedAt") / ${bucketSeconds}) AS "b", r."startedAt", r."regularNodeCount", r."spotNodeCount"
      FROM "CollectionRun" r
      WHERE r."status"::text IN ${READABLE} AND r."id" <= ${runId} AND r."startedAt" > ${from} AND r."startedAt" <= ${to}
    ) x
    ORDER BY x."b", x."startedAt" DESC`);
  rows.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { range, bucketSeconds, points: toFleetNodeSeries(rows, bucketSeconds) };
}

/** Pool changes of the week up to the run; the first run's "appeared" rows are the initial inventory, not changes. */
async function recentChanges(db: PrismaClient, runId: number, to: Date): Promise<Extract<FleetOverview, { state: "ready" }>["changes"]> {
  const firstRun = await db.collectionRun.findFirst({ orderBy: { id: "asc" }, select: { id: true } });
  const from = new Date(to.getTime() - WEEK_MS);
  const until = new Date(to.getTime() + 60_000);
  const where = { runId: { lte: runId }, takenAt: { gt: from, lte: until }, NOT: { field: "pool", runId: firstRun?.id ?? 0 } };
  const [latest, [counts]] = await Promise.all([
    db.poolChange.findMany({
      where,
      orderBy: [{ takenAt: "desc" }, { id: "desc" }],
      take: 12,
      select: { poolId: true, field: true, takenAt: true, runId: true, after: true, pool: { select: { name: true, cluster: { select: { name: true } } } } },
    }),
    // Counted in the database, not sent as one row per pool: a week of a large fleet is about 200,000 changes. Grouped
    // (hashed) rather than count(DISTINCT), which sorts the long pool ids and spills to disk.
    db.$queryRaw<{ total: number; pools: number }[]>(sql`
      SELECT COALESCE(sum(g."n"), 0)::int AS "total", count(*)::int AS "pools"
      FROM (
        SELECT count(*) AS "n" FROM "PoolChange" pc
        WHERE pc."takenAt" > ${from} AND pc."takenAt" <= ${until} AND pc."runId" <= ${runId} AND NOT (pc."field" = 'pool' AND pc."runId" = ${firstRun?.id ?? 0})
        GROUP BY pc."poolId"
      ) g`),
  ]);
  return {
    total: counts.total,
    pools: counts.pools,
    latest: latest.map((change) => ({
      poolId: change.poolId,
      pool: change.pool.name,
      cluster: change.pool.cluster.name,
      field: change.field,
      takenAt: change.takenAt.toISOString(),
      runId: change.runId,
      deleted: change.field === "pool" && change.after === null,
    })),
  };
}
