/**
 * `npm run bench`: how fast the collector reads and writes a large fleet. Not a test: it prints figures.
 *
 * The emulator serves the large estate (200 subscriptions, 1,000 clusters, 6,000 pools, 60,000 nodes) with 30 ms
 * latency on every call and throttling on, its clock at a weekday afternoon (busyAfternoon), in a child process (so
 * that it has its own core, as Azure would); the collector runs here, into a throw-away store (PGlite in a temp
 * folder, or a new database on the Postgres server in POOLSCOPE_BENCH_DATABASE_URL). For the speed-up, the same collector first reads the medium estate with one
 * call at a time (for at most --baseline-seconds): speed-up = the large run's calls per second of reading ÷ the
 * concurrency-1 run's calls per second (equivalently: the time one-at-a-time reading would take for the large
 * run's calls, extrapolated from its rate, ÷ the large run's reading time).
 *
 *   --size large|medium|...    estate to time (default large)
 *   --latency-ms N             per-call latency (default 30)
 *   --baseline-seconds N       cap on the concurrency-1 run (default 40; 0 skips it)
 *   --concurrency N            overall concurrent calls (default: the configured POOLSCOPE_CONCURRENCY, 64)
 *   --subscription-concurrency N
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";

const args = parseArgs({
  options: {
    size: { type: "string", default: "large" },
    "latency-ms": { type: "string", default: "30" },
    "baseline-seconds": { type: "string", default: "40" },
    concurrency: { type: "string" },
    "subscription-concurrency": { type: "string" },
  },
  strict: true,
}).values;

const TLS_DIR = path.resolve(process.env.POOLSCOPE_EMULATOR_TLS_DIR ?? ".data/bench-tls");

/** Node reads NODE_EXTRA_CA_CERTS at start only: make the emulator's CA, then run this script again with it. */
async function ensureTrusted(): Promise<void> {
  const { ensureEmulatorCertificate } = await import("../lib/emulator/tls");
  const { caFile } = await ensureEmulatorCertificate(TLS_DIR);
  if (process.env.NODE_EXTRA_CA_CERTS === caFile) return;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, POOLSCOPE_EMULATOR_TLS_DIR: TLS_DIR } });
  const code = await new Promise<number>((resolve) => child.on("exit", (status) => resolve(status ?? 1)));
  process.exit(code);
}

/** The emulator builds gigabytes of short-lived pod text per run: a young generation twice V8's default halves its scavenges. */
const EMULATOR_NODE_FLAGS = ["--max-semi-space-size=32"];

type Ready = { url: string; tenantId: string; clientId: string; clientSecret: string };

/**
 * The emulator's clock starts at the latest weekday 14:00 UTC: the fleet's load follows the hour and the day (fewer
 * nodes and pods at night and at weekends), so two runs of the benchmark on one day time the same fleet.
 */
function busyAfternoon(now = new Date()): Date {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 14));
  while (at > now || at.getUTCDay() === 0 || at.getUTCDay() === 6) at.setUTCDate(at.getUTCDate() - 1);
  return at;
}
const START_TIME = busyAfternoon().toISOString();

async function startEmulatorProcess(size: string, latencyMs: number): Promise<{ ready: Ready; child: ChildProcess; peakRssMb(): number }> {
  const child = spawn(process.execPath, [...process.execArgv.filter((a) => a.startsWith("--cpu-prof")), ...EMULATOR_NODE_FLAGS, "--import", "tsx", "lib/emulator/cli.ts", "--size", size, "--latency-ms", String(latencyMs), "--clock-speed", "1", "--start-time", START_TIME, "--tls-dir", TLS_DIR], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    if (!/last 30 s/.test(text)) process.stderr.write(text.replace(/^/gm, "    "));
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the emulator exited (code ${code}) before it was ready`)));
    lines.on("line", (line) => {
      try {
        const message = JSON.parse(line) as Ready & { ready?: boolean };
        if (message.ready) resolve(message);
      } catch {
        // not the ready line
      }
    });
  });
  const peakRssMb = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      return 0;
    }
  };
  return { ready, child, peakRssMb };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

type Measured = {
  label: string;
  result: import("../lib/collect/collect-once").CollectResult;
  wallMs: number;
  peakRssMb: number;
  readingRssMb: number;
  writingRssMb: number;
  emulatorRssMb: number;
  where: string;
};

async function measure(label: string, size: string, latencyMs: number, collect: { concurrency?: number; subscriptionConcurrency?: number; deadlineMs?: number }): Promise<Measured> {
  const { parseConfig } = await import("../lib/config");
  const { emulatorClientEnv } = await import("../lib/emulator/client-env");
  const { collectOnce } = await import("../lib/collect/collect-once");
  const { openBenchStore } = await import("./bench-store");
  console.log(`\n${label}: starting the emulator (${size} estate, ${latencyMs} ms latency, throttling on, clock from ${START_TIME})…`);
  const emulator = await startEmulatorProcess(size, latencyMs);
  const bench = await openBenchStore(label.replace(/\W+/g, "").toLowerCase());
  try {
    const config = parseConfig({
      ...process.env,
      DATABASE_URL: undefined,
      ...emulatorClientEnv(emulator.ready),
      AZURE_CLIENT_CERTIFICATE_PATH: undefined,
      POOLSCOPE_SUBSCRIPTIONS: undefined,
      ...(collect.concurrency ? { POOLSCOPE_CONCURRENCY: String(collect.concurrency) } : {}),
      ...(collect.subscriptionConcurrency ? { POOLSCOPE_SUBSCRIPTION_CONCURRENCY: String(collect.subscriptionConcurrency) } : {}),
    });
    if (collect.deadlineMs) config.collect.runDeadlineMs = collect.deadlineMs;
    console.log(`${label}: collecting into ${bench.where} with concurrency ${config.collect.concurrency} (${config.collect.subscriptionConcurrency} per subscription or cluster)…`);
    // Peak resident memory of this process (the collector and its kube workers), while reading and while writing.
    const peak = { reading: process.memoryUsage.rss(), writing: 0 };
    let phase: keyof typeof peak = "reading";
    const sample = () => (peak[phase] = Math.max(peak[phase], process.memoryUsage.rss()));
    const sampler = setInterval(sample, 100);
    let lastLine = 0;
    const started = Date.now();
    const result = await collectOnce({
      trigger: "cli",
      store: bench.store,
      config,
      onProgress: (p) => {
        if (p.phase === "writing" && phase === "reading") {
          sample();
          phase = "writing";
        }
        if (Date.now() - lastLine < 5_000) return;
        lastLine = Date.now();
        console.log(`  ${((Date.now() - started) / 1000).toFixed(0)} s: ${p.phase}, ${p.scopesDone}/${p.scopesTotal} scopes, ${p.calls} calls, ${p.retries} retries`);
      },
    });
    const wallMs = Date.now() - started;
    clearInterval(sampler);
    sample();
    const kinds = new Map<string, number>();
    for (const error of result.errors) kinds.set(error.kind, (kinds.get(error.kind) ?? 0) + 1);
    console.log(`${label}: run ${result.status} in ${(wallMs / 1000).toFixed(1)} s${kinds.size ? ` (scope errors: ${[...kinds].map(([k, n]) => `${n} ${k}`).join(", ")})` : ""}`);
    return { label, result, wallMs, peakRssMb: Math.max(peak.reading, peak.writing) / 2 ** 20, readingRssMb: peak.reading / 2 ** 20, writingRssMb: peak.writing / 2 ** 20, emulatorRssMb: emulator.peakRssMb(), where: bench.where };
  } finally {
    await bench.dispose();
    await stopProcess(emulator.child);
  }
}

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`).join("\n");
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  await ensureTrusted();
  const latencyMs = Number(args["latency-ms"]);
  const baselineSeconds = Number(args["baseline-seconds"]);
  const concurrency = args.concurrency ? Number(args.concurrency) : undefined;
  const subscriptionConcurrency = args["subscription-concurrency"] ? Number(args["subscription-concurrency"]) : undefined;

  const baseline = baselineSeconds > 0 ? await measure("baseline (medium, concurrency 1)", "medium", latencyMs, { concurrency: 1, subscriptionConcurrency: 1, deadlineMs: baselineSeconds * 1000 }) : undefined;
  const large = await measure(`${args.size} estate`, args.size!, latencyMs, { concurrency, subscriptionConcurrency });

  const r = large.result;
  const rowsWritten = Object.values(r.rows).reduce((sum, n) => sum + n, 0);
  const byKind = Object.entries(r.stats.byKind)
    .sort((a, b) => b[1].calls - a[1].calls)
    .map(([kind, s]) => `${kind} ${fmt(s.calls)}${s.retries ? ` (${s.retries} retried)` : ""} ~${fmt(s.ms / s.calls)} ms${s.waitMs / s.calls >= 1 ? ` +${fmt(s.waitMs / s.calls)} ms queued` : ""}`)
    .join(", ");
  console.log(`\n${args.size} estate: ${fmt(r.counts.subscriptions)} subscriptions, ${fmt(r.counts.clusters)} clusters, ${fmt(r.counts.pools)} pools, ${fmt(r.counts.nodes)} nodes, ${fmt(r.counts.pendingPods)} pending pods; status ${r.status}`);
  const rows: [string, string][] = [
    ["wall time", `${fmt(large.wallMs / 1000, 1)} s (read ${fmt(r.readMs / 1000, 1)} s + write ${fmt(r.writeMs / 1000, 1)} s)`],
    ["calls", `${fmt(r.stats.calls)} (${fmt(r.stats.calls / (r.readMs / 1000))} per s of reading)`],
    ["calls by kind", byKind],
    ["retries", `${fmt(r.stats.retries)} (${fmt(r.stats.throttled)} answers were 429)`],
    ["cost queries", r.cost ? `${r.cost.queried} subscriptions queried (${r.cost.qpu} QPU), ${r.cost.deferred} deferred to later runs by the QPU limits, ${r.cost.failed} failed` : "none"],
    ["rows written", `${fmt(rowsWritten)} (${Object.entries(r.rows).map(([table, n]) => `${table} ${fmt(n)}`).join(", ")})`],
    ["write time", `${fmt(r.writeMs / 1000, 1)} s into ${large.where} (${Object.entries(r.writeSteps ?? {}).map(([step, ms]) => `${step} ${fmt(ms / 1000, 1)} s`).join(", ")})`],
    ["peak memory (RSS)", `${fmt(large.peakRssMb)} MiB collector (${fmt(large.readingRssMb)} reading, ${fmt(large.writingRssMb)} writing; emulator process: ${fmt(large.emulatorRssMb)} MiB)`],
  ];
  let ratio: number | undefined;
  if (baseline) {
    const b = baseline.result;
    const baselineRate = b.stats.calls / (b.readMs / 1000);
    const largeRate = r.stats.calls / (r.readMs / 1000);
    ratio = largeRate / baselineRate;
    const extrapolatedS = r.stats.calls / baselineRate;
    rows.push([
      "concurrency 1 (medium)",
      `${fmt(b.stats.calls)} calls in ${fmt(b.readMs / 1000, 1)} s of reading = ${fmt(baselineRate, 1)} calls/s (status ${b.status}${b.status !== "succeeded" ? ", stopped by its deadline" : ""}); the large run's calls at that rate: ${fmt(extrapolatedS)} s`,
    ]);
    rows.push(["speed-up", `${fmt(ratio, 1)}x (calls per second of reading, large run ÷ concurrency-1 run)`]);
  }
  console.log(table(rows));
  const targets = [
    `wall ${fmt(large.wallMs / 1000, 1)} s / 60 s = ${fmt(large.wallMs / 60_000, 2)}`,
    `memory ${fmt(large.peakRssMb)} MiB / 1,536 MiB = ${fmt(large.peakRssMb / 1536, 2)}`,
    `write ${fmt(r.writeMs / 1000, 1)} s / 10 s = ${fmt(r.writeMs / 10_000, 2)}`,
    ratio !== undefined ? `speed-up ${fmt(ratio, 1)}x / 15x = ${fmt(ratio / 15, 2)}` : "speed-up not measured",
  ];
  console.log(`\nratios to targets (≤ 1 is within for time and memory, ≥ 1 for speed-up): ${targets.join("; ")}`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
