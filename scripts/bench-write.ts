/**
 * `npm run bench:write`: how fast a large run's snapshot is written, without reading the estate each time. Not a
 * test: it prints figures.
 *
 * The first time, one collection of the emulator's estate (in this process, no latency, no throttling) is read
 * and kept in --snapshot (v8-serialised). Then, --repeat times: a fresh store (PGlite in a temp folder, or a new
 * database on the Postgres server in POOLSCOPE_BENCH_DATABASE_URL), and the snapshot written into it twice, an
 * hour apart: the first write finds an empty store, the second finds the first (drift, cost days to update), as
 * every run after the first does. Each write prints its time per table and step and the CPU time it took (this
 * process, plus the server's backends on Postgres).
 *
 *   --size large|medium|...   estate to read when --snapshot does not exist (default large)
 *   --snapshot FILE           default .data/bench-write/<size>.snapshot
 *   --repeat N                fresh stores to write into (default 3)
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { deserialize, serialize } from "node:v8";
import type { CollectedSnapshot } from "@/lib/model/snapshot";

const args = parseArgs({
  options: {
    size: { type: "string", default: "large" },
    snapshot: { type: "string" },
    repeat: { type: "string", default: "3" },
  },
  strict: true,
}).values;

const TLS_DIR = path.resolve(process.env.POOLSCOPE_EMULATOR_TLS_DIR ?? ".data/bench-tls");
const snapshotFile = path.resolve(args.snapshot ?? `.data/bench-write/${args.size}.snapshot`);

/** Node reads NODE_EXTRA_CA_CERTS at start only: make the emulator's CA, then run this script again with it. */
async function ensureTrusted(): Promise<void> {
  const { ensureEmulatorCertificate } = await import("../lib/emulator/tls");
  const { caFile } = await ensureEmulatorCertificate(TLS_DIR);
  if (process.env.NODE_EXTRA_CA_CERTS === caFile) return;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, POOLSCOPE_EMULATOR_TLS_DIR: TLS_DIR } });
  process.exit(await new Promise<number>((resolve) => child.on("exit", (status) => resolve(status ?? 1))));
}

/** One collection's reading of the emulator's estate, as collectOnce hands it to writeSnapshot. */
async function readEstate(size: string): Promise<CollectedSnapshot> {
  const { startEmulator, parseSize } = await import("../lib/emulator/index");
  const { configForEmulator } = await import("../lib/collect/testing/emulator-config");
  const { CallRunner } = await import("../lib/net/call-runner");
  const { getCredential } = await import("../lib/azure/credential");
  const { createArmClient } = await import("../lib/azure/arm-client");
  const { armTokenScope } = await import("../lib/azure/cloud");
  const { collectEstate } = await import("../lib/collect/collect-estate");
  const { DEFAULT_COST_REVISED_DAYS } = await import("../lib/collect/collect-cost");
  const emulator = await startEmulator({ size: parseSize(size), latencyMs: 0, throttling: false, clockSpeed: 1, tlsDir: TLS_DIR });
  try {
    const config = configForEmulator(emulator);
    const runner = new CallRunner({ concurrency: config.collect.concurrency, keyConcurrency: config.collect.subscriptionConcurrency, callTimeoutMs: config.collect.callTimeoutMs, deadline: Date.now() + 30 * 60_000 });
    const credential = getCredential(config.azure).credential;
    const arm = createArmClient({ credential, endpoint: config.azure.armEndpoint, scope: armTokenScope(config.azure.armEndpoint, config.azure.armScope), runner });
    const { costSummary: _summary, ...snapshot } = await collectEstate({
      arm,
      runner,
      credential,
      pricesEndpoint: config.azure.pricesEndpoint,
      cost: { today: new Date().toISOString().slice(0, 10), costDays: config.collect.costDays, revisedDays: DEFAULT_COST_REVISED_DAYS, refreshMs: 0, costState: new Map() },
      knownPrices: [],
      priceMaxAgeMs: 0,
    });
    return snapshot;
  } finally {
    await emulator.stop();
  }
}

/** CPU seconds (user + system) of the processes a Postgres server started, read from /proc (0 elsewhere). */
function serverCpuMs(postmasterPid: number | undefined): number {
  if (!postmasterPid) return 0;
  const tick = 10; // ms per clock tick (USER_HZ 100)
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === postmasterPid) total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // the process ended
    }
  }
  return total;
}

/** The pid of the Postgres server behind POOLSCOPE_BENCH_DATABASE_URL (its backends' parent), to read their CPU. */
async function postmasterPid(): Promise<number | undefined> {
  const serverUrl = process.env.POOLSCOPE_BENCH_DATABASE_URL;
  if (!serverUrl) return undefined;
  const { onServer } = await import("../lib/store/server-client");
  // Read while the backend lives: a server on another host (or without /proc) gives none.
  return onServer(serverUrl, async (client) => {
    const backend = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
    try {
      return Number(readFileSync(`/proc/${backend}/stat`, "utf8").split(") ")[1]?.split(" ")[1]) || undefined;
    } catch {
      return undefined;
    }
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  await ensureTrusted();
  if (!existsSync(snapshotFile)) {
    console.log(`reading the ${args.size} estate once (kept in ${path.relative(process.cwd(), snapshotFile)})…`);
    const started = Date.now();
    const snapshot = await readEstate(args.size!);
    mkdirSync(path.dirname(snapshotFile), { recursive: true });
    writeFileSync(snapshotFile, serialize(snapshot));
    console.log(`  read in ${seconds(Date.now() - started)}`);
  }
  const snapshot = deserialize(readFileSync(snapshotFile)) as CollectedSnapshot;
  const { writeSnapshot } = await import("../lib/collect/write-snapshot");
  console.log(
    `snapshot: ${snapshot.clusters.length} clusters, ${snapshot.pools.length} pools, ${snapshot.nodes.length} nodes, ${snapshot.pendingPods.length} pending pods, ${snapshot.costs.length} cost rows, ${snapshot.prices.length} prices`,
  );
  const { openBenchStore } = await import("./bench-store");
  const server = await postmasterPid();
  const firstTakenAt = new Date();
  for (let round = 1; round <= Number(args.repeat); round++) {
    const bench = await openBenchStore("write");
    try {
      for (const [write, takenAt] of [["first", firstTakenAt], ["second", new Date(firstTakenAt.getTime() + 3_600_000)]] as const) {
        const cpu = process.cpuUsage();
        const serverCpu = serverCpuMs(server);
        const result = await writeSnapshot(bench.store, snapshot, { takenAt });
        const { user, system } = process.cpuUsage(cpu);
        const serverMs = serverCpuMs(server) - serverCpu;
        const steps = Object.entries(result.stepMs).map(([step, ms]) => `${step} ${seconds(ms)}`).join(", ");
        console.log(
          `${bench.where} #${round} ${write} write: ${seconds(result.writeMs)}, CPU ${seconds((user + system) / 1000)}${server ? ` + server ${seconds(serverMs)}` : ""} (${steps})`,
        );
      }
    } finally {
      await bench.dispose();
    }
  }
}

main().catch((error: unknown) => {
  console.error(`bench-write: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
