/**
 * One collection at a time, across processes: a run starts only inside a transaction that holds a Postgres
 * advisory lock and finds no live `running` run. A run left `running` by a process that died is recovered as
 * failed: its owner's heartbeat (in `progress`) stopped, or its owner process on this host is gone.
 */
import { hostname } from "node:os";
import type { PrismaClient } from "@/lib/store/generated/client";
import type { RunTrigger } from "@/lib/store/generated/enums";
import type { SqlSession } from "@/lib/store/sql-executor";

/** Any 64-bit number the collector alone uses. */
const COLLECT_LOCK_KEY = 7_304_871_220_911n;

/** A live run beats its heart this often; one silent for STALE_AFTER_MS is taken for dead. */
export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 90_000;

export class RunInProgressError extends Error {
  override name = "RunInProgressError";
  constructor(readonly runId: number) {
    super(`Collection run #${runId} is already going; wait for it to finish.`);
  }
}

export type RunOwner = { host: string; pid: number };

export const thisOwner: RunOwner = { host: hostname(), pid: process.pid };

/** Runs this process is executing (on globalThis: Next.js may load this module more than once per process). */
const activeRuns: Set<number> = ((globalThis as Record<symbol, unknown>)[Symbol.for("poolscope.activeRuns")] ??= new Set<number>()) as Set<number>;

export function markRunActive(runId: number, active: boolean): void {
  if (active) activeRuns.add(runId);
  else activeRuns.delete(runId);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

type RunningRow = { id: number; startedAt: Date; progress: unknown };

/** Why a running run is dead, or null while it may be alive. */
export function staleReason(run: RunningRow, now = Date.now()): string | null {
  const progress = (run.progress ?? {}) as { heartbeatAt?: string; owner?: RunOwner };
  const owner = progress.owner;
  if (owner && owner.host === thisOwner.host) {
    if (owner.pid === thisOwner.pid) return activeRuns.has(run.id) ? null : "this process restarted or abandoned it";
    if (!processAlive(owner.pid)) return `its process (pid ${owner.pid}) is gone`;
  }
  const beat = progress.heartbeatAt ? Date.parse(progress.heartbeatAt) : run.startedAt.getTime();
  if (now - beat > STALE_AFTER_MS) return `no sign of life since ${new Date(beat).toISOString()}`;
  return null;
}

type Tx = Pick<PrismaClient, "collectionRun" | "$executeRawUnsafe" | "$queryRawUnsafe">;

async function failStale(tx: Tx): Promise<number[]> {
  const running = await tx.collectionRun.findMany({ where: { status: "running" }, select: { id: true, startedAt: true, progress: true } });
  const recovered: number[] = [];
  for (const run of running) {
    const reason = staleReason(run);
    if (!reason) continue;
    await tx.collectionRun.update({
      where: { id: run.id },
      data: {
        status: "failed",
        finishedAt: new Date(),
        errors: [{ scope: "run", kind: "interrupted", message: `The run stopped before it finished: ${reason}.`, hint: "Nothing of it was written (a run's data is written in one transaction); the next run reads everything again." }],
      },
    });
    recovered.push(run.id);
  }
  return recovered;
}

/** Marks runs left `running` by dead processes as failed; returns their ids. Called at start-up and before each run. */
export async function recoverStaleRuns(db: PrismaClient): Promise<number[]> {
  return db.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${COLLECT_LOCK_KEY})::text AS locked`);
    return failStale(tx);
  });
}

/** Creates the `running` row of a new run, or throws RunInProgressError with the live run's id. */
export async function beginRun(db: PrismaClient, trigger: RunTrigger, source: string): Promise<number> {
  const runId = await db.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${COLLECT_LOCK_KEY})::text AS locked`);
    await failStale(tx);
    const running = await tx.collectionRun.findFirst({ where: { status: "running" }, select: { id: true }, orderBy: { id: "asc" } });
    if (running) throw new RunInProgressError(running.id);
    const run = await tx.collectionRun.create({
      data: { trigger, source, status: "running", progress: { phase: "starting", heartbeatAt: new Date().toISOString(), owner: thisOwner } },
      select: { id: true },
    });
    return run.id;
  });
  markRunActive(runId, true);
  return runId;
}

/** Takes the advisory lock inside a transaction (the snapshot write holds it too, so a start waits for a write). */
export async function lockCollections(tx: SqlSession): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(${COLLECT_LOCK_KEY})::text AS locked`);
}
