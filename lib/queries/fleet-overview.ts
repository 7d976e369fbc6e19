import "server-only";
import { getDb } from "@/lib/store/db";
import { findLatestReadableRun, findReadableRunBefore } from "./latest-run";

export type Breakdown = { key: string; pools: number; nodes: number }[];

export type FleetTotals = {
  subscriptions: number;
  clusters: number;
  pools: number;
  nodes: number;
  cpuMillis: number;
  memoryBytes: number;
};

export type FleetOverview =
  | { state: "empty"; lastRun: { id: number; status: string; startedAt: Date } | null }
  | {
      state: "ready";
      run: { id: number; status: string; startedAt: Date; finishedAt: Date | null; errorCount: number };
      totals: FleetTotals;
      weekAgo: FleetTotals | null;
      byMode: Breakdown;
      byOs: Breakdown;
      byPriority: Breakdown;
      byVersion: Breakdown;
    };

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** The fleet at its latest run (or as of an earlier one): totals, their change in a week, and breakdowns. */
export async function getFleetOverview(asOfRunId?: number): Promise<FleetOverview> {
  const db = await getDb();
  const run = await findLatestReadableRun(db, asOfRunId);
  if (!run) {
    const lastRun = await db.collectionRun.findFirst({ orderBy: { id: "desc" }, select: { id: true, status: true, startedAt: true } });
    return { state: "empty", lastRun };
  }
  const baseline = await findReadableRunBefore(db, new Date(run.startedAt.getTime() - WEEK_MS));
  const [totals, weekAgo, rows] = await Promise.all([
    totalsOf(run.id),
    baseline ? totalsOf(baseline.id) : Promise.resolve(null),
    db.poolSnapshot.findMany({
      where: { runId: run.id },
      select: { mode: true, osType: true, osSku: true, scaleSetPriority: true, orchestratorVersion: true, nodesReady: true, nodesNotReady: true, count: true },
    }),
  ]);
  const breakdown = (keyOf: (row: (typeof rows)[number]) => string): Breakdown => {
    const groups = new Map<string, { pools: number; nodes: number }>();
    for (const row of rows) {
      const key = keyOf(row);
      const group = groups.get(key) ?? { pools: 0, nodes: 0 };
      group.pools += 1;
      group.nodes += row.nodesReady + row.nodesNotReady || (row.count ?? 0);
      groups.set(key, group);
    }
    return [...groups].map(([key, group]) => ({ key, ...group })).sort((a, b) => b.pools - a.pools || a.key.localeCompare(b.key));
  };
  return {
    state: "ready",
    run: { id: run.id, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt, errorCount: Array.isArray(run.errors) ? run.errors.length : 0 },
    totals,
    weekAgo,
    byMode: breakdown((row) => row.mode ?? "unknown"),
    byOs: breakdown((row) => [row.osType, row.osSku].filter(Boolean).join(" / ") || "unknown"),
    byPriority: breakdown((row) => (row.scaleSetPriority === "Spot" ? "Spot" : "Regular")),
    byVersion: breakdown((row) => row.orchestratorVersion ?? "unknown"),
  };

  async function totalsOf(runId: number): Promise<FleetTotals> {
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
}
