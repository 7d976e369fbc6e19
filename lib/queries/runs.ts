import "server-only";
import { getDb } from "@/lib/store/db";

export type RunError = { scope: string; kind: string; message: string; hint?: string };

export type RunSummary = {
  id: number;
  status: "running" | "succeeded" | "partial" | "failed";
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  counts: { subscriptions: number; clusters: number; pools: number; nodes: number; pendingPods: number; calls: number; retries: number };
  errors: RunError[];
  progress: unknown;
};

/** Collection runs, newest first: what the Runs page and GET /api/runs show. */
export async function listRuns({ limit = 50, before }: { limit?: number; before?: number } = {}): Promise<RunSummary[]> {
  const db = await getDb();
  const runs = await db.collectionRun.findMany({
    where: before ? { id: { lt: before } } : undefined,
    orderBy: { id: "desc" },
    take: limit,
  });
  return runs.map((run) => ({
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    counts: {
      subscriptions: run.subscriptionCount,
      clusters: run.clusterCount,
      pools: run.poolCount,
      nodes: run.nodeCount,
      pendingPods: run.pendingPodCount,
      calls: run.callCount,
      retries: run.retryCount,
    },
    errors: Array.isArray(run.errors) ? (run.errors as RunError[]) : [],
    progress: run.progress,
  }));
}
