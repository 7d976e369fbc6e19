import "server-only";
import type { PrismaClient } from "@/lib/store/generated/client";
import { findLatestReadableRun } from "./latest-run";

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

/**
 * The readable run at or before `asOfRunId` (the newest when none is given), with the newest readable run's id,
 * or null when no run has finished yet; `lastRun` then says what the newest run is doing.
 */
export async function resolveRunScope(db: PrismaClient, asOfRunId?: number): Promise<{ scope: RunScope; lastRun?: undefined } | { scope: null; lastRun: NoRun }> {
  const [run, latest] = await Promise.all([findLatestReadableRun(db, asOfRunId), asOfRunId ? findLatestReadableRun(db) : null]);
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
      errorCount: Array.isArray(run.errors) ? run.errors.length : 0,
      latestId: latest?.id ?? run.id,
      requestedId: asOfRunId && asOfRunId !== run.id ? asOfRunId : null,
    },
  };
}
