/**
 * The collection schedule: instrumentation.ts calls startCollectionSchedule() once at server start. It recovers
 * runs a previous process left `running`, starts a first run shortly after start-up and then one every
 * POOLSCOPE_COLLECT_INTERVAL_MINUTES (0 turns it off). A tick that finds a run going skips quietly.
 */
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/store/db";
import { startCollection } from "./collect-once";
import { recoverStaleRuns, RunInProgressError } from "./run-lock";

type Schedule = { stop(): void; intervalMs: number };

const state = ((globalThis as Record<symbol, unknown>)[Symbol.for("poolscope.schedule")] ??= {}) as { current?: Schedule };

const FIRST_RUN_DELAY_MS = 5_000;

async function tick(trigger: "schedule" | "startup"): Promise<void> {
  try {
    const { runId } = await startCollection(trigger);
    console.log(`poolscope: ${trigger} run #${runId} started`);
  } catch (error) {
    if (error instanceof RunInProgressError) return;
    console.error(`poolscope: the ${trigger} run could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Starts the schedule (once per process); returns it, or undefined when the interval is 0. */
export function startCollectionSchedule(): Schedule | undefined {
  if (state.current) return state.current;
  const minutes = getConfig().collect.intervalMinutes;
  void getDb()
    .then(recoverStaleRuns)
    .then((recovered) => {
      if (recovered.length > 0) console.log(`poolscope: marked run${recovered.length > 1 ? "s" : ""} #${recovered.join(", #")} failed (left running by a process that stopped)`);
    })
    .catch((error: unknown) => console.error(`poolscope: could not check for interrupted runs: ${(error as Error).message}`));
  if (!minutes) return undefined;
  const intervalMs = Math.round(minutes * 60_000);
  const first = setTimeout(() => void tick("startup"), Math.min(FIRST_RUN_DELAY_MS, intervalMs));
  const every = setInterval(() => void tick("schedule"), intervalMs);
  first.unref?.();
  every.unref?.();
  state.current = {
    intervalMs,
    stop() {
      clearTimeout(first);
      clearInterval(every);
      state.current = undefined;
    },
  };
  console.log(`poolscope: collecting every ${minutes} minute${minutes === 1 ? "" : "s"}`);
  return state.current;
}
