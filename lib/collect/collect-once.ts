/**
 * A collection run from start to finish: claim the run (one at a time), read the estate with bounded concurrency
 * and retries under a deadline, keep the run's live progress (and heartbeat) on its row, then write the snapshot in
 * one transaction. `collectOnce` awaits all of it; `startCollection` returns the run id and goes on in the
 * background.
 */
import type { TokenCredential } from "@azure/identity";
import { createArmClient } from "@/lib/azure/arm-client";
import { armTokenScope } from "@/lib/azure/cloud";
import { getCredential } from "@/lib/azure/credential";
import { getConfig, type Config } from "@/lib/config";
import { kubeTransport, releaseKubeWorkers } from "@/lib/kube/kube-workers";
import type { RunError } from "@/lib/model/snapshot";
import { CallRunner } from "@/lib/net/call-runner";
import { getMigratedStore } from "@/lib/store/db";
import type { PrismaClient } from "@/lib/store/generated/client";
import type { Store } from "@/lib/store/open-store";
import type { RunStatus, RunTrigger } from "@/lib/store/generated/enums";
import { collectEstate, type EstateProgress } from "./collect-estate";
import { DEFAULT_COST_REFRESH_MS, DEFAULT_COST_REVISED_DAYS, type CostState, type CostSummary } from "./collect-cost";
import { describeFailure } from "./describe-failure";
import { beginRun, HEARTBEAT_MS, markRunActive, thisOwner } from "./run-lock";
import { writeSnapshot } from "./write-snapshot";

export type RunProgress = EstateProgress & {
  runId: number;
  calls: number;
  retries: number;
  throttled: number;
  callsByKind: Record<string, number>;
  elapsedMs: number;
  deadlineAt: string;
};

export type CollectOptions = {
  trigger: RunTrigger;
  /** The store to write into: the process's store unless given. */
  store?: Store;
  config?: Config;
  /** The credential to use instead of the one the configuration describes. */
  credential?: TokenCredential;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** How often progress is saved on the run row (default 1 s). */
  progressEveryMs?: number;
  /** Prices fetched more recently than this are not fetched again (default 24 h). */
  priceMaxAgeMs?: number;
  /** A subscription whose cost was written more recently than this is not queried again (default 6 h). */
  costRefreshMs?: number;
  /** Items per Kubernetes list page (tests make it small to exercise paging). */
  kubePageSize?: number;
};

export type CollectResult = {
  runId: number;
  status: RunStatus;
  errors: RunError[];
  counts: { subscriptions: number; clusters: number; pools: number; nodes: number; pendingPods: number };
  stats: { calls: number; retries: number; throttled: number; byKind: CallRunner["stats"]["byKind"] };
  rows: Record<string, number>;
  /** Cost Management queries of the run: subscriptions queried, up to date, deferred to later runs (QPU limits), failed. */
  cost: CostSummary | null;
  readMs: number;
  writeMs: number;
  /** Time per step of the write, for the benchmark. */
  writeSteps?: Record<string, number>;
};

async function loadCostState(db: PrismaClient): Promise<Map<string, CostState>> {
  const rows = await db.costDaily.groupBy({ by: ["subscriptionId"], where: { source: "cost-management" }, _max: { day: true, updatedAt: true } });
  return new Map(rows.filter((row) => row._max.day && row._max.updatedAt).map((row) => [row.subscriptionId, { lastDay: row._max.day!.toISOString().slice(0, 10), updatedAt: row._max.updatedAt! }]));
}

async function markFailed(db: PrismaClient, runId: number, errors: RunError[], stats?: CallRunner["stats"]): Promise<void> {
  await db.collectionRun.updateMany({
    where: { id: runId, status: "running" },
    data: { status: "failed", finishedAt: new Date(), errors, callCount: stats?.calls ?? 0, retryCount: stats?.retries ?? 0, progress: { phase: "failed" } },
  });
}

/** Runs a run claimed with beginRun to its end; never leaves it `running` while this process lives. */
export async function executeRun(store: Store, runId: number, options: CollectOptions): Promise<CollectResult> {
  const db = store.db;
  const config = options.config ?? getConfig();
  const started = Date.now();
  const deadline = started + config.collect.runDeadlineMs;
  const runner = new CallRunner({
    concurrency: config.collect.concurrency,
    keyConcurrency: config.collect.subscriptionConcurrency,
    callTimeoutMs: config.collect.callTimeoutMs,
    deadline,
    signal: options.signal,
  });
  const empty = { subscriptions: 0, clusters: 0, pools: 0, nodes: 0, pendingPods: 0 };
  const stats = () => ({ calls: runner.stats.calls, retries: runner.stats.retries, throttled: runner.stats.throttled, byKind: runner.stats.byKind });
  let progress: EstateProgress = { phase: "starting", scopesDone: 0, scopesTotal: 0 };
  const snapshotOfProgress = (): RunProgress => ({
    ...progress,
    runId,
    calls: runner.stats.calls,
    retries: runner.stats.retries,
    throttled: runner.stats.throttled,
    callsByKind: Object.fromEntries(Object.entries(runner.stats.byKind).map(([kind, s]) => [kind, s.calls])),
    elapsedMs: Date.now() - started,
    deadlineAt: new Date(deadline).toISOString(),
  });
  let saving: Promise<unknown> = Promise.resolve();
  const save = () => {
    const current = snapshotOfProgress();
    saving = saving
      .then(() =>
        db.collectionRun.updateMany({
          where: { id: runId, status: "running" },
          data: { progress: { ...current, heartbeatAt: new Date().toISOString(), owner: thisOwner } as never, callCount: current.calls, retryCount: current.retries },
        }),
      )
      .catch((error: unknown) => console.error(`poolscope: run #${runId}: progress not saved: ${(error as Error).message}`));
  };
  const timer = setInterval(save, Math.min(options.progressEveryMs ?? 1000, HEARTBEAT_MS));
  timer.unref?.();
  const onProgress = (next: EstateProgress) => {
    progress = next;
    options.onProgress?.(snapshotOfProgress());
  };

  try {
    let credential = options.credential;
    if (!credential) {
      try {
        credential = getCredential(config.azure).credential;
      } catch (error) {
        const failure = describeFailure(error, "tenant", "credential");
        const errors = [{ ...failure, kind: "credential" }];
        clearInterval(timer);
        await saving;
        await markFailed(db, runId, errors);
        return { runId, status: "failed", errors, counts: empty, stats: stats(), rows: {}, cost: null, readMs: 0, writeMs: 0 };
      }
    }
    const arm = createArmClient({ credential, endpoint: config.azure.armEndpoint, scope: armTokenScope(config.azure.armEndpoint, config.azure.armScope), runner });
    const [costState, knownPrices] = await Promise.all([loadCostState(db), db.price.findMany()]);
    const snapshot = await collectEstate({
      arm,
      runner,
      credential,
      pricesEndpoint: config.azure.pricesEndpoint,
      subscriptions: config.azure.subscriptions,
      cost: {
        today: new Date().toISOString().slice(0, 10),
        costDays: config.collect.costDays,
        revisedDays: DEFAULT_COST_REVISED_DAYS,
        refreshMs: options.costRefreshMs ?? DEFAULT_COST_REFRESH_MS,
        costState,
      },
      knownPrices: knownPrices.map((price) => ({ ...price, os: price.os as "linux" | "windows", priority: price.priority as "regular" | "spot" | "low" })),
      priceMaxAgeMs: options.priceMaxAgeMs ?? 24 * 3_600_000,
      kubePageSize: options.kubePageSize,
      kubeTransport: kubeTransport(config.collect.kubeWorkers),
      onProgress,
    }).finally(releaseKubeWorkers);
    const readMs = Date.now() - started;
    onProgress({ ...progress, phase: "writing" });
    clearInterval(timer);
    save();
    await saving;
    const written = await writeSnapshot(store, snapshot, { runId, signal: options.signal, progress: { scopesDone: progress.scopesDone, scopesTotal: progress.scopesTotal, readMs, throttled: runner.stats.throttled, cost: snapshot.costSummary } });
    return {
      runId,
      status: written.status,
      errors: snapshot.errors,
      counts: { subscriptions: snapshot.subscriptions.length, clusters: snapshot.clusters.length, pools: snapshot.pools.length, nodes: snapshot.nodes.length, pendingPods: snapshot.pendingPods.length },
      stats: stats(),
      rows: written.rows,
      cost: snapshot.costSummary,
      readMs,
      writeMs: written.writeMs,
      writeSteps: written.stepMs,
    };
  } catch (error) {
    clearInterval(timer);
    await saving;
    const failure = describeFailure(error, "run", "subscriptions");
    const errors = [{ ...failure, message: `The run failed and nothing of it was written: ${failure.message}` }];
    await markFailed(db, runId, errors, runner.stats).catch((markError: unknown) => console.error(`poolscope: run #${runId} could not be marked failed: ${(markError as Error).message}`));
    return { runId, status: "failed", errors, counts: empty, stats: stats(), rows: {}, cost: null, readMs: Date.now() - started, writeMs: 0 };
  } finally {
    clearInterval(timer);
    markRunActive(runId, false);
  }
}

/** Claims a run and collects it; resolves when it is written. Throws RunInProgressError when one is going. */
export async function collectOnce(options: CollectOptions): Promise<CollectResult> {
  const store = options.store ?? (await getMigratedStore());
  const config = options.config ?? getConfig();
  const runId = await beginRun(store.db, options.trigger, config.azure.armEndpoint);
  return executeRun(store, runId, { ...options, store, config });
}

/** Runs this process started in the background, so tests and the schedule can await them. */
const background: Map<number, Promise<CollectResult>> = ((globalThis as Record<symbol, unknown>)[Symbol.for("poolscope.backgroundRuns")] ??= new Map()) as Map<number, Promise<CollectResult>>;

/** Claims a run and collects it in the background; returns its id, or throws RunInProgressError. */
export async function startCollection(trigger: RunTrigger, options: Omit<CollectOptions, "trigger"> = {}): Promise<{ runId: number }> {
  const store = options.store ?? (await getMigratedStore());
  const config = options.config ?? getConfig();
  const runId = await beginRun(store.db, trigger, config.azure.armEndpoint);
  const run = executeRun(store, runId, { ...options, trigger, store, config }).then((result) => {
    const line = `poolscope: run #${runId} ${result.status}: ${result.counts.pools} pools, ${result.counts.nodes} nodes, ${result.stats.calls} calls (${result.stats.retries} retries) in ${Math.round((result.readMs + result.writeMs) / 100) / 10} s`;
    if (result.status === "succeeded") console.log(line);
    else console.warn(`${line}; ${result.errors.length} scope errors`);
    return result;
  });
  background.set(runId, run);
  run.finally(() => background.delete(runId)).catch(() => undefined);
  return { runId };
}

/** The promise of a run this process runs in the background, if it still runs. */
export function backgroundRun(runId: number): Promise<CollectResult> | undefined {
  return background.get(runId);
}
