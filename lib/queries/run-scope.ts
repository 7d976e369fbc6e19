import "server-only";
import { Prisma, type PrismaClient } from "@/lib/store/generated/client";
import { readableRunStatuses } from "./latest-run";

const { sql, empty, join } = Prisma;

/** The run a page shows, and whether it is the newest one (time travel shows an earlier run as of `?run=N`). */
export type RunScope = {
  id: number;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  errorCount: number;
  /** The newest readable run: equal to `id` unless the page is looking at the past. */
  latestId: number;
  /** The run the URL asked for, when it is not itself readable and an earlier one stands in. */
  requestedId: number | null;
};

export type NoRun = { id: number; status: string; startedAt: string } | null;

type ReadableRun = { id: number; status: string; startedAt: Date; finishedAt: Date | null; errorCount: number };

/**
 * The newest readable run at or before `asOfRunId`, as findLatestReadableRun finds it, but only the columns a page
 * shows and in plain SQL: every page asks, and Prisma's planning of the query cost twice the CPU of the query itself.
 */
async function readableRunAsOf(db: PrismaClient, asOfRunId?: number): Promise<ReadableRun | null> {
  const [run] = await db.$queryRaw<ReadableRun[]>(sql`
    SELECT "id", "status"::text AS "status", "startedAt", "finishedAt",
      CASE WHEN jsonb_typeof("errors") = 'array' THEN jsonb_array_length("errors") ELSE 0 END AS "errorCount"
    FROM "CollectionRun"
    WHERE "status"::text IN (${join(readableRunStatuses)}) ${asOfRunId ? sql`AND "id" <= ${asOfRunId}` : empty}
    ORDER BY "id" DESC LIMIT 1`);
  return run ?? null;
}

/**
 * The readable run at or before `asOfRunId` (the newest when none is given), with the newest readable run's id,
 * or null when no run has finished yet; `lastRun` then says what the newest run is doing.
 */
export async function resolveRunScope(db: PrismaClient, asOfRunId?: number): Promise<{ scope: RunScope; lastRun?: undefined } | { scope: null; lastRun: NoRun }> {
  const [run, latest] = await Promise.all([readableRunAsOf(db, asOfRunId), asOfRunId ? readableRunAsOf(db) : null]);
  if (!run) {
    const lastRun = await db.collectionRun.findFirst({ orderBy: { id: "desc" }, select: { id: true, status: true, startedAt: true } });
    return { scope: null, lastRun: lastRun ? { ...lastRun, startedAt: lastRun.startedAt.toISOString() } : null };
  }
  return {
    scope: {
      id: run.id,
      status: run.status,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      errorCount: run.errorCount,
      latestId: latest?.id ?? run.id,
      requestedId: asOfRunId && asOfRunId !== run.id ? asOfRunId : null,
    },
  };
}
