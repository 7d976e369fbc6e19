/**
 * The run's own row as the snapshot write opens and completes it, in SQL on the write's session (the write runs on
 * one raw SQL session, not through Prisma: see write-snapshot.ts).
 */
import type { RunError } from "@/lib/model/snapshot";
import type { RunStatus, RunTrigger } from "@/lib/store/generated/enums";
import type { SqlSession } from "@/lib/store/sql-executor";

/** Records a new run, `running` until finishRun; returns its id. */
export async function openRun(tx: SqlSession, run: { trigger: RunTrigger; source: string; startedAt: Date }): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO "CollectionRun" ("trigger", "source", "status", "startedAt") VALUES ($1::"RunTrigger", $2, 'running', $3::timestamptz) RETURNING "id"`,
    [run.trigger, run.source, run.startedAt.toISOString()],
  );
  return row.id;
}

/** Checks that the run a snapshot completes is still running (not failed by a recovery meanwhile); returns its id. */
export async function checkRunning(tx: SqlSession, runId: number): Promise<number> {
  const [run] = await tx.query<{ status: RunStatus }>(`SELECT "status"::text AS "status" FROM "CollectionRun" WHERE "id" = $1::int`, [runId]);
  if (run?.status !== "running") throw new Error(`Run #${runId} is ${run ? run.status : "gone"}, not running: its snapshot is not written`);
  return runId;
}

export type RunOutcome = {
  status: RunStatus;
  finishedAt: Date;
  subscriptionCount: number;
  clusterCount: number;
  poolCount: number;
  nodeCount: number;
  regularNodeCount: number;
  spotNodeCount: number;
  pendingPodCount: number;
  callCount: number;
  retryCount: number;
  errors: RunError[];
  progress: Record<string, unknown>;
};

/** Completes the run's row with what the write stored. */
export async function finishRun(tx: SqlSession, runId: number, outcome: RunOutcome): Promise<void> {
  const counts = ["subscriptionCount", "clusterCount", "poolCount", "nodeCount", "regularNodeCount", "spotNodeCount", "pendingPodCount", "callCount", "retryCount"] as const;
  await tx.execute(
    `UPDATE "CollectionRun" SET "status" = $2::"RunStatus", "finishedAt" = $3::timestamptz, ${counts.map((name, i) => `"${name}" = $${i + 4}::int`).join(", ")},
       "errors" = $${counts.length + 4}::jsonb, "progress" = $${counts.length + 5}::jsonb
     WHERE "id" = $1::int`,
    [runId, outcome.status, outcome.finishedAt.toISOString(), ...counts.map((name) => outcome[name]), JSON.stringify(outcome.errors), JSON.stringify(outcome.progress)],
  );
}
