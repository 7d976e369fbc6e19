/**
 * `npm run collect`: one collection run now, with its progress on the terminal.
 *
 * The embedded store can be open in one process only. When the app answers on POOLSCOPE_APP_URL (default
 * http://127.0.0.1:3000), or the store is busy, the run is asked of the app (POST /api/collect, then
 * GET /api/runs/{id} until it ends); otherwise it runs in this process. Exit code: 0 succeeded, 2 partial, 1 failed.
 */
import { ConfigError, getConfig } from "../lib/config";
import type { CollectResult, RunProgress } from "../lib/collect/collect-once";
import type { RunSummary } from "../lib/queries/runs";

type Line = { phase?: string; scopesDone?: number; scopesTotal?: number; calls?: number; retries?: number; deadlineAt?: string; elapsedMs?: number };

const tty = process.stdout.isTTY === true;
let lastPrinted = 0;

function formatLine(runId: number, progress: Line): string {
  const parts = [`run #${runId}`, progress.phase ?? "starting"];
  if (progress.scopesTotal) parts.push(`${progress.scopesDone ?? 0}/${progress.scopesTotal} scopes`);
  if (progress.calls !== undefined) parts.push(`${progress.calls} calls`);
  if (progress.retries) parts.push(`${progress.retries} retries`);
  if (progress.deadlineAt) parts.push(`${Math.max(0, Math.round((Date.parse(progress.deadlineAt) - Date.now()) / 1000))} s left before the deadline`);
  return parts.join(" · ");
}

function printProgress(runId: number, progress: Line, force = false): void {
  const now = Date.now();
  if (tty) process.stdout.write(`\r\x1b[2K${formatLine(runId, progress)}`);
  else if (force || now - lastPrinted > 5_000) {
    console.log(formatLine(runId, progress));
    lastPrinted = now;
  }
}

function printErrors(errors: { scope: string; kind: string; message: string; hint?: string }[]): void {
  if (errors.length === 0) return;
  console.log(`\n${errors.length} scope${errors.length === 1 ? "" : "s"} could not be read (fully):`);
  for (const error of errors.slice(0, 30)) console.log(`  ${error.scope}\n    ${error.kind}: ${error.message}${error.hint ? `\n    what to do: ${error.hint}` : ""}`);
  if (errors.length > 30) console.log(`  … and ${errors.length - 30} more (see the Runs page)`);
}

function exitCodeOf(status: string): number {
  return status === "succeeded" ? 0 : status === "partial" ? 2 : 1;
}

async function appAnswers(appUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${appUrl}/api/health`, { signal: AbortSignal.timeout(1_500) });
    return response.status < 500 || response.status === 503;
  } catch {
    return false;
  }
}

async function collectThroughApp(appUrl: string, why: string): Promise<number> {
  console.log(`poolscope: ${why}; asking the app at ${appUrl} to collect`);
  const started = await fetch(`${appUrl}/api/collect?trigger=cli`, { method: "POST", headers: { accept: "application/json" } });
  const body = (await started.json().catch(() => ({}))) as { runId?: number; error?: { message?: string } };
  if (started.status === 409 && body.runId) console.log(`poolscope: run #${body.runId} is already going; following it`);
  else if (started.status !== 202 || !body.runId) {
    console.error(`poolscope: the app did not start a run (HTTP ${started.status}): ${body.error?.message ?? "no reason given"}`);
    return 1;
  }
  const runId = body.runId!;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const answer = await fetch(`${appUrl}/api/runs/${runId}`, { headers: { accept: "application/json" } });
    if (!answer.ok) {
      console.error(`\npoolscope: GET /api/runs/${runId} answered HTTP ${answer.status}`);
      return 1;
    }
    const { run } = (await answer.json()) as { run: RunSummary };
    if (run.status === "running") {
      printProgress(runId, (run.progress ?? {}) as Line);
      continue;
    }
    if (tty) process.stdout.write("\n");
    const c = run.counts;
    console.log(`poolscope: run #${runId} ${run.status}: ${c.subscriptions} subscriptions, ${c.clusters} clusters, ${c.pools} pools, ${c.nodes} nodes, ${c.pendingPods} pending pods; ${c.calls} calls, ${c.retries} retries${run.durationMs ? ` in ${(run.durationMs / 1000).toFixed(1)} s` : ""}`);
    printErrors(run.errors);
    return exitCodeOf(run.status);
  }
}

async function collectHere(): Promise<number> {
  const { collectOnce } = await import("../lib/collect/collect-once");
  const { closeStore } = await import("../lib/store/db");
  console.log("poolscope: collecting in this process (the app is not running)");
  let result: CollectResult;
  try {
    result = await collectOnce({ trigger: "cli", onProgress: (progress: RunProgress) => printProgress(progress.runId, progress) });
  } finally {
    await closeStore();
  }
  if (tty) process.stdout.write("\n");
  const c = result.counts;
  console.log(
    `poolscope: run #${result.runId} ${result.status}: ${c.subscriptions} subscriptions, ${c.clusters} clusters, ${c.pools} pools, ${c.nodes} nodes, ${c.pendingPods} pending pods; ` +
      `${result.stats.calls} calls, ${result.stats.retries} retries; read ${(result.readMs / 1000).toFixed(1)} s, write ${(result.writeMs / 1000).toFixed(1)} s`,
  );
  printErrors(result.errors);
  return exitCodeOf(result.status);
}

async function main(): Promise<number> {
  const config = getConfig();
  if (await appAnswers(config.appUrl)) return collectThroughApp(config.appUrl, "the app is running");
  try {
    return await collectHere();
  } catch (error) {
    const { StoreBusyError } = await import("../lib/store/db");
    const { RunInProgressError } = await import("../lib/collect/run-lock");
    if (error instanceof StoreBusyError) {
      if (await appAnswers(config.appUrl)) return collectThroughApp(config.appUrl, "the store is open in the app");
      console.error(`poolscope: ${error.message}. The app does not answer at ${config.appUrl}: set POOLSCOPE_APP_URL to where it listens, or stop the process that holds the store.`);
      return 1;
    }
    if (error instanceof RunInProgressError) {
      console.error(`poolscope: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(`poolscope: ${error.message}`);
    else console.error(`poolscope: the run could not be made: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
