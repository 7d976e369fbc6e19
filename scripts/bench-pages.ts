/**
 * `npm run bench:pages`: how fast the pages answer over a large fleet with a month of history. Not a test: it
 * prints figures and ratios, and asserts nothing about timings.
 *
 * 1. A fresh database on a Postgres server: a new database on POOLSCOPE_BENCH_DATABASE_URL's server when set
 *    (loopback only), else a throw-away server started here with scripts/pg-throwaway.sh (PG_PORT, default 54398).
 * 2. History: the emulator's estate (default large: 200 subscriptions, 1,000 clusters, 6,000 pools) lives on its
 *    simulated clock for --days days; every hour becomes a collection run (CollectionRun with its counts, one
 *    ClusterSnapshot per cluster, one PoolSnapshot per pool, a PoolChange per property the drift changed), node
 *    rows for the newest run only. No HTTP: the rows are built in-process from the emulator's state through the
 *    same normalisation as a run (normaliseAgentPool, diffPoolProperties) and bulk-inserted with insertRows.
 *    writeSnapshot is not used: its per-run drift lookup and upserts would take hours for 720 runs x 6,000 pools.
 *    Pod-level figures (requests, running and pending pods) are summed from the emulator's load model instead of
 *    listing pods. Pending pods, quotas, cost and prices are not written (none of the timed pages reads them).
 * 3. The production server (`next build` first when there is no build, or with --build), with
 *    POOLSCOPE_SOURCE=azure and POOLSCOPE_COLLECT_INTERVAL_MINUTES=0 so that it collects nothing and calls nobody.
 * 4. Each page is timed over HTTP (time to the whole body): first by one client (the baseline), then by
 *    --clients concurrent clients making --requests requests each, after --warmup requests per client. The server's
 *    CPU time per request under load is shown too (Linux): it moves much less than the times when other work shares
 *    the cores.
 *
 *   --size large|medium|demo|SxCxPxN   estate (default large)
 *   --days N          days of hourly history (default 30)
 *   --clients N       concurrent clients (default 8)
 *   --requests N      timed requests per client and page (default 20)
 *   --warmup N        untimed requests per client and page first (default 2)
 *   --build           run `next build` even when a build exists
 *   --keep            keep the database (and a server started here) and print the URL, to look at it afterwards
 *   --reuse URL       skip writing: time the pages over an existing benchmark database
 *   --server-cpu-prof DIR   write a CPU profile of the server (node --cpu-prof) into DIR when it stops
 *   --pages a,b       time only the pages whose names start with one of these (e.g. `--pages cluster`)
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import { clusterHref, poolHref } from "@/lib/hrefs";
import { generateEstate, parseSize } from "@/lib/emulator";
import type { EstatePool } from "@/lib/emulator/estate/types";
import { createClock } from "@/lib/emulator/sim/clock";
import { daemonsetRequests, nodeShape } from "@/lib/emulator/sim/load";
import { createSimulation } from "@/lib/emulator/sim/simulation";
import { normaliseAgentPool, type AgentPoolWire, type JsonObject } from "@/lib/model/agent-pool";
import { diffPoolProperties } from "@/lib/model/drift";
import { assertLocalDatabaseUrl } from "@/lib/store/assert-local-database";
import { insertRows, type RowOf } from "@/lib/store/insert-rows";
import { openStore, type Store } from "@/lib/store/open-store";
import { onServer } from "@/lib/store/server-client";

const args = parseArgs({
  options: {
    size: { type: "string", default: "large" },
    days: { type: "string", default: "30" },
    clients: { type: "string", default: "8" },
    requests: { type: "string", default: "20" },
    warmup: { type: "string", default: "2" },
    build: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
    "server-cpu-prof": { type: "string" },
    pages: { type: "string" },
  },
  strict: true,
}).values;

const HOUR_MS = 3_600_000;
const cleanups: (() => Promise<void> | void)[] = [];

function log(message: string): void {
  console.log(message);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

// --- the database ------------------------------------------------------------------------------------------------

async function serverUrl(): Promise<string> {
  const configured = process.env.POOLSCOPE_BENCH_DATABASE_URL;
  if (configured) {
    assertLocalDatabaseUrl(configured);
    return configured;
  }
  const port = process.env.PG_PORT ?? "54398";
  const started = spawnSync("bash", ["scripts/pg-throwaway.sh", "start"], { env: { ...process.env, PG_PORT: port }, encoding: "utf8" });
  if (started.status !== 0) throw new Error(`scripts/pg-throwaway.sh start failed: ${started.stderr}`);
  if (!args.keep) cleanups.push(() => void spawnSync("bash", ["scripts/pg-throwaway.sh", "stop"], { env: { ...process.env, PG_PORT: port }, stdio: "ignore" }));
  return started.stdout.trim().split("\n").pop()!;
}

async function freshDatabase(): Promise<string> {
  const server = await serverUrl();
  const name = `poolscope_bench_${Date.now().toString(36)}`;
  await onServer(server, (client) => client.query(`CREATE DATABASE "${name}"`));
  if (!args.keep) cleanups.push(() => onServer(server, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

// --- the history -------------------------------------------------------------------------------------------------

function clusterRow(runId: number, takenAt: Date, cluster: ReturnType<typeof generateEstate>["clusters"][number]): RowOf<"ClusterSnapshot"> {
  const p = cluster.arm.properties as Record<string, unknown> & { networkProfile?: { networkPlugin?: string; networkPolicy?: string }; powerState?: { code?: string }; provisioningState?: string; fqdn?: string; apiServerAccessProfile?: { enablePrivateCluster?: boolean } };
  return {
    runId,
    clusterId: cluster.id.toLowerCase(),
    takenAt,
    kubernetesVersion: cluster.arm.properties.kubernetesVersion,
    currentKubernetesVersion: cluster.arm.properties.currentKubernetesVersion,
    skuTier: cluster.arm.sku.tier,
    nodeResourceGroup: cluster.arm.properties.nodeResourceGroup,
    networkPlugin: p.networkProfile?.networkPlugin ?? null,
    networkPolicy: p.networkProfile?.networkPolicy ?? null,
    powerState: p.powerState?.code ?? null,
    provisioningState: p.provisioningState ?? null,
    fqdn: p.fqdn ?? null,
    privateCluster: Boolean(p.apiServerAccessProfile?.enablePrivateCluster),
    tags: cluster.arm.tags ?? {},
    kubeReachable: !cluster.unreachable,
    kubeError: cluster.unreachable ? "the API server did not answer" : null,
    properties: p as never,
  };
}

/** A pool's measured figures, as summing its nodes and their pods would give them. */
function poolMeasures(pool: EstatePool, load: { replicas: number; pending: number } | undefined, reachable: boolean) {
  const props = pool.arm.properties;
  const os = props.osType ?? "Linux";
  const empty = { nodesReady: 0, nodesNotReady: 0, allocatableCpuMillis: 0, allocatableMemoryBytes: 0, allocatablePods: 0, requestedCpuMillis: 0, requestedMemoryBytes: 0, runningPods: 0, pendingPods: 0, measured: false };
  if (!reachable) return empty;
  const m = { ...empty, measured: true };
  const daemons = daemonsetRequests(os, false);
  for (const node of pool.nodes) {
    const shape = nodeShape(node.vmSize, props.maxPods ?? 110, os);
    m.nodesReady += 1;
    m.allocatableCpuMillis += shape.allocCpuMillis;
    m.allocatableMemoryBytes += shape.allocMemoryBytes;
    m.allocatablePods += shape.allocPods;
    m.requestedCpuMillis += daemons.cpuMillis;
    m.requestedMemoryBytes += daemons.memoryBytes;
    m.runningPods += daemons.pods;
  }
  const running = Math.max(0, (load?.replicas ?? 0) - (load?.pending ?? 0));
  m.requestedCpuMillis += running * pool.workload.podCpuMillis;
  m.requestedMemoryBytes += running * pool.workload.podMemoryBytes;
  m.runningPods += running;
  m.pendingPods = load?.pending ?? 0;
  return m;
}

/** The PoolSnapshot columns a run measures; every other column comes from the pool's configuration version. */
const MEASURED = ["nodesReady", "nodesNotReady", "allocatableCpuMillis", "allocatableMemoryBytes", "allocatablePods", "requestedCpuMillis", "requestedMemoryBytes", "runningPods", "pendingPods", "measured"] as const;
type Measures = ReturnType<typeof poolMeasures>;
const VERSIONS = "_BenchPoolVersion";

/**
 * Writes the history. A pool's configuration and ARM properties change only now and then (drift, a scale-out), so
 * each distinct version of them is written once into an unlogged staging table (PoolSnapshot's columns; runId
 * numbers the version), and each run's PoolSnapshot rows are made in SQL from the version each pool is at plus
 * the run's measured figures, sent as arrays of numbers. Every row still holds the pool's full properties, as a
 * run would write them; only the client-side work of sending 6,000 JSON documents per run is saved.
 */
async function writeHistory(store: Store): Promise<{ runs: number; poolRows: number; changes: number; nodes: number; ms: number }> {
  const started = Date.now();
  const runs = Number(args.days) * 24;
  const endMs = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const startMs = endMs - (runs - 1) * HOUR_MS;
  const estate = generateEstate({ seed: 1, size: parseSize(args.size!), startMs });
  // The simulated clock moves only when told to: one hour per run, however long the writing takes.
  const clock = createClock({ startTime: new Date(startMs), speed: 1, realNow: () => 0 });
  const sim = createSimulation(estate, clock);
  const clusterById = new Map(estate.clusters.map((c) => [c.id, c]));
  const db = store.db;
  const seen = { firstSeenAt: new Date(startMs), lastSeenAt: new Date(endMs) };
  await insertRows(db, "Subscription", estate.subscriptions.map((s) => ({ id: s.id.toLowerCase(), subscriptionId: s.arm.subscriptionId, displayName: s.arm.displayName, tenantId: s.arm.tenantId, state: s.arm.state, ...seen })));
  await insertRows(db, "Cluster", estate.clusters.map((c) => ({ id: c.id.toLowerCase(), subscriptionId: c.subscriptionId.toLowerCase(), resourceGroup: c.resourceGroup, name: c.name, location: c.location, ...seen })));
  await insertRows(db, "NodePool", estate.pools.map((p) => ({ id: p.id.toLowerCase(), clusterId: p.clusterId.toLowerCase(), name: p.name, ...seen })));

  // The snapshot tables' secondary indexes are built once at the end, as a restore builds them: kept up to date row by
  // row, their random inserts (a month of pool ids over indexes larger than the server's buffers) were most of the
  // write time. The schema ends as the migrations made it.
  const deferredIndexes = await db.$queryRawUnsafe<{ name: string; definition: string }[]>(
    `SELECT indexname::text AS name, indexdef AS definition FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename IN ('PoolSnapshot', 'PoolChange') AND indexname NOT LIKE '%\\_pkey'`,
  );
  for (const index of deferredIndexes) await db.$executeRawUnsafe(`DROP INDEX "${index.name}"`);

  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "${VERSIONS}"`);
  await db.$executeRawUnsafe(`CREATE UNLOGGED TABLE "${VERSIONS}" (LIKE "PoolSnapshot" INCLUDING DEFAULTS, PRIMARY KEY ("runId"))`);
  const columns = (await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT attname::text AS name FROM pg_attribute WHERE attrelid = '"PoolSnapshot"'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
  )).map((c) => c.name);
  const measured = new Set<string>(MEASURED);
  const select = columns.map((c) => (c === "runId" ? "$1::int" : c === "takenAt" ? "$2::timestamptz" : measured.has(c) ? `m."${c}"` : `v."${c}"`));
  const mTypes: Record<(typeof MEASURED)[number], string> = {
    nodesReady: "int", nodesNotReady: "int", allocatableCpuMillis: "int", allocatableMemoryBytes: "float8", allocatablePods: "int", requestedCpuMillis: "int", requestedMemoryBytes: "float8", runningPods: "int", pendingPods: "int", measured: "boolean",
  };
  const runSql =
    `INSERT INTO "PoolSnapshot" (${columns.map((c) => `"${c}"`).join(", ")}) SELECT ${select.join(", ")} ` +
    `FROM unnest($3::int[], ${MEASURED.map((c, i) => `$${i + 4}::${mTypes[c]}[]`).join(", ")}) AS m("version", ${MEASURED.map((c) => `"${c}"`).join(", ")}) ` +
    `JOIN "${VERSIONS}" v ON v."runId" = m."version"`;

  const current = new Map<string, { version: number; properties: JsonObject; count: unknown; vmStatus: string }>();
  const noted = new WeakSet<object>();
  let versionCount = 0;
  let poolRows = 0;
  let changeRows = 0;
  let nodeRows = 0;
  let pending: Promise<unknown> = Promise.resolve();
  let lastReport = Date.now();
  const spent = { simulate: 0, rows: 0, waitForDb: 0 };
  for (let run = 1; run <= runs; run++) {
    if (run > 1) clock.advance(HOUR_MS);
    const takenAt = clock.now();
    const versions: RowOf<"PoolSnapshot">[] = [];
    const changes: RowOf<"PoolChange">[] = [];
    const sent = { version: [] as number[], ...Object.fromEntries(MEASURED.map((c) => [c, [] as unknown[]])) } as { version: number[] } & Record<(typeof MEASURED)[number], unknown[]>;
    let nodeCount = 0;
    let spotNodeCount = 0;
    for (const subscription of estate.subscriptions) {
      let t = performance.now();
      const loads = sim.syncSubscription(subscription.id);
      spent.simulate += performance.now() - t;
      t = performance.now();
      // Pools the simulation changed since the last look (drift, upgrades), newest first.
      const drifted = new Set<string>();
      const log = sim.changes();
      for (let i = log.length - 1; i >= 0 && !noted.has(log[i]); i--) {
        noted.add(log[i]);
        drifted.add(log[i].poolId);
      }
      for (const pool of sim.lookup.poolsOfSubscription(subscription.id)) {
        const id = pool.id.toLowerCase();
        const props = pool.arm.properties;
        const vmStatus = props.virtualMachineNodesStatus ? JSON.stringify(props.virtualMachineNodesStatus) : "";
        let state = current.get(id);
        if (!state || drifted.has(pool.id) || state.count !== props.count || state.vmStatus !== vmStatus) {
          // A copy of the properties as they are now: the simulation goes on changing the live object.
          const properties = JSON.parse(JSON.stringify(props)) as JsonObject;
          for (const change of diffPoolProperties(state?.properties ?? null, properties)) {
            changes.push({ poolId: id, runId: run, takenAt, field: change.field, before: (change.before ?? undefined) as never, after: (change.after ?? undefined) as never });
          }
          state = { version: ++versionCount, properties, count: props.count, vmStatus };
          current.set(id, state);
          const wire: AgentPoolWire = { id, name: pool.name, properties: properties as AgentPoolWire["properties"] };
          const { upgradeSettings, ...config } = normaliseAgentPool(wire, (properties.nodeImageVersion as string | undefined) ?? null);
          versions.push({ ...config, runId: state.version, poolId: id, takenAt, properties: properties as never, upgradeSettings: (upgradeSettings ?? undefined) as never });
        }
        const measures: Measures = poolMeasures(pool, loads.get(pool.id), !clusterById.get(pool.clusterId)!.unreachable);
        nodeCount += measures.nodesReady + measures.nodesNotReady;
        if (pool.arm.properties?.scaleSetPriority === "Spot") spotNodeCount += measures.nodesReady + measures.nodesNotReady;
        sent.version.push(state.version);
        for (const c of MEASURED) sent[c].push(measures[c]);
      }
      spent.rows += performance.now() - t;
    }
    const runRow: RowOf<"CollectionRun"> = {
      id: run, startedAt: takenAt, finishedAt: new Date(takenAt.getTime() + 90_000), status: "succeeded", trigger: "backfill", source: "https://management.azure.com",
      subscriptionCount: estate.subscriptions.length, clusterCount: estate.clusters.length, poolCount: sent.version.length, nodeCount, regularNodeCount: nodeCount - spotNodeCount, spotNodeCount, progress: { phase: "done" },
    };
    const waitStarted = performance.now();
    await pending;
    spent.waitForDb += performance.now() - waitStarted;
    // The next run is simulated while the server writes this one.
    pending = (async () => {
      await insertRows(db, "CollectionRun", [runRow]);
      if (run === 1) await insertRows(db, "ClusterSnapshot", estate.clusters.map((cluster) => clusterRow(run, takenAt, cluster)));
      else {
        await db.$executeRawUnsafe(
          `INSERT INTO "ClusterSnapshot" SELECT $1::int, "clusterId", $2::timestamptz, ${"kubernetesVersion currentKubernetesVersion skuTier nodeResourceGroup networkPlugin networkPolicy powerState provisioningState fqdn privateCluster tags kubeReachable kubeError autoscalerStatus properties".split(" ").map((c) => `"${c}"`).join(", ")} FROM "ClusterSnapshot" WHERE "runId" = $3::int`,
          run, takenAt.toISOString(), run - 1,
        );
      }
      await insertRows(db, VERSIONS as "PoolSnapshot", versions);
      await db.$executeRawUnsafe(runSql, run, takenAt.toISOString(), sent.version, ...MEASURED.map((c) => sent[c]));
      await insertRows(db, "PoolChange", changes);
    })();
    poolRows += sent.version.length;
    changeRows += changes.length;
    if (run === runs) {
      await pending;
      const nodes: RowOf<"NodeSnapshot">[] = [];
      for (const pool of estate.pools) {
        if (clusterById.get(pool.clusterId)!.unreachable) continue;
        const props = pool.arm.properties;
        const os = props.osType ?? "Linux";
        for (const node of pool.nodes) {
          const shape = nodeShape(node.vmSize, props.maxPods ?? 110, os);
          nodes.push({
            runId: run, clusterId: pool.clusterId.toLowerCase(), name: node.name, poolId: pool.id.toLowerCase(), takenAt, vmSize: node.vmSize, zone: node.zone || null, ready: true, cordoned: false,
            allocatableCpuMillis: shape.allocCpuMillis, allocatableMemoryBytes: shape.allocMemoryBytes, allocatablePods: shape.allocPods, requestedCpuMillis: Math.round(shape.allocCpuMillis * 0.6),
            requestedMemoryBytes: Math.round(shape.allocMemoryBytes * 0.5), podCount: 12, kubeletVersion: `v${props.currentOrchestratorVersion ?? props.orchestratorVersion ?? ""}`, createdAt: new Date(node.createdAtMs),
          });
        }
      }
      nodeRows = await insertRows(db, "NodeSnapshot", nodes);
    }
    if (Date.now() - lastReport > 15_000 || run === runs) {
      lastReport = Date.now();
      log(
        `  run ${run}/${runs}: ${poolRows.toLocaleString("en")} pool rows, ${changeRows.toLocaleString("en")} changes, ${versionCount.toLocaleString("en")} pool versions, ${seconds(Date.now() - started)} ` +
          `(simulating ${seconds(spent.simulate)}, building rows ${seconds(spent.rows)}, waiting for the database ${seconds(spent.waitForDb)})`,
      );
    }
  }
  await pending;
  await db.$executeRawUnsafe(`DROP TABLE "${VERSIONS}"`);
  const indexStarted = Date.now();
  await store.withSql(async (session) => {
    await session.exec(`SET maintenance_work_mem = '512MB'`);
    for (const index of deferredIndexes) await session.exec(index.definition);
  });
  log(`  ${deferredIndexes.length} indexes of PoolSnapshot and PoolChange built in ${seconds(Date.now() - indexStarted)}`);
  await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"CollectionRun"', 'id'), ${runs})`);
  return { runs, poolRows, changes: changeRows, nodes: nodeRows, ms: Date.now() - started };
}

// --- the server --------------------------------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const nextBin = "node_modules/next/dist/bin/next";

async function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  if (args.build || !existsSync(".next/BUILD_ID")) {
    log("next build …");
    const built = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    if (built.status !== 0) throw new Error("next build failed");
  }
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    POOLSCOPE_SOURCE: "azure",
    POOLSCOPE_COLLECT_INTERVAL_MINUTES: "0",
    POOLSCOPE_APP_URL: `http://127.0.0.1:${port}`,
  };
  const profile = args["server-cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${args["server-cpu-prof"]}`] : [];
  const child = spawn(process.execPath, [...profile, nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString());
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  cleanups.push(async () => {
    if (child.exitCode !== null) return;
    // The server exits on SIGTERM; a CPU profile is written as it does.
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const stuck = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(stuck);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}):\n${output.join("")}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not become healthy within 60 s:\n${output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // Anything the server says from now on (errors, a collection that should not start) is shown.
  child.stdout!.on("data", (chunk: Buffer) => process.stdout.write(chunk.toString().replace(/^/gm, "    [server] ")));
  child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk.toString().replace(/^/gm, "    [server] ")));
  return { url, child };
}

// --- the load ----------------------------------------------------------------------------------------------------

async function timeRequest(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { accept: "text/html" } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 300)}`);
  return ms;
}

async function load(url: string, clients: number, requests: number, warmup: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < warmup; i++) await timeRequest(url);
    }),
  );
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < requests; i++) times.push(await timeRequest(url));
    }),
  );
  return times;
}

/** The server process's CPU time so far (user + system), from /proc; null where there is none. */
function serverCpuMs(pid: number | undefined): number | null {
  try {
    // utime and stime, in clock ticks of 10 ms; the fields are counted after the command's closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted[sorted.length - 1] };
}

// --- main --------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const clients = Number(args.clients);
  const requests = Number(args.requests);
  const warmup = Number(args.warmup);
  let databaseUrl = args.reuse;
  if (databaseUrl) {
    assertLocalDatabaseUrl(databaseUrl);
  } else {
    databaseUrl = await freshDatabase();
    const store = await openStore({ databaseUrl });
    try {
      log(`Writing ${args.days} days of hourly history of the ${args.size} estate to ${store.location} …`);
      const written = await writeHistory(store);
      const vacuumStarted = Date.now();
      await store.withSql((sql) => sql.exec("VACUUM ANALYZE"));
      const [{ size }] = await store.db.$queryRawUnsafe<{ size: string }[]>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
      log(
        `History: ${written.runs} runs, ${written.poolRows.toLocaleString("en")} pool rows, ${written.changes.toLocaleString("en")} changes, ` +
          `${written.nodes.toLocaleString("en")} node rows in ${seconds(written.ms)} (${Math.round(written.poolRows / (written.ms / 1000)).toLocaleString("en")} pool rows/s); ` +
          `VACUUM ANALYZE ${seconds(Date.now() - vacuumStarted)}; database ${size}`,
      );
    } finally {
      await store.close();
    }
  }

  const { detailPool, detailCluster } = await onServer(databaseUrl, async (client) => {
    // The pool with the longest change log: the detail page's heaviest case.
    const pool = await client.query<{ poolId: string }>(`SELECT "poolId" FROM "PoolChange" GROUP BY "poolId" ORDER BY count(*) DESC, "poolId" LIMIT 1`);
    // The cluster with the most pools in the newest run: the most columns side by side.
    const cluster = await client.query<{ clusterId: string }>(
      `SELECT p."clusterId" FROM "PoolSnapshot" ps JOIN "NodePool" p ON p."id" = ps."poolId"
       WHERE ps."runId" = (SELECT max("id") FROM "CollectionRun") GROUP BY p."clusterId" ORDER BY count(*) DESC, p."clusterId" LIMIT 1`,
    );
    return { detailPool: pool.rows[0].poolId, detailCluster: cluster.rows[0].clusterId };
  });

  const server = await startServer(databaseUrl);
  const only = args.pages?.split(",").filter(Boolean);
  const pages = (
    [
      ["overview", "/"],
      ["pools", "/pools"],
      ["pools, spot, by nodes", "/pools?priority=Spot&sort=count&dir=desc"],
      ["pool detail", poolHref(detailPool)],
      ["clusters", "/clusters"],
      ["cluster detail", clusterHref(detailCluster)],
    ] as [string, string][]
  ).filter(([name]) => !only || only.some((prefix) => name.startsWith(prefix)));
  log(`Server ${server.url}; pool detail: ${poolHref(detailPool)}; cluster detail: ${clusterHref(detailCluster)}`);
  log(`Each page: 1 client x ${requests} requests (baseline), then ${clients} clients x ${requests} requests, after ${warmup} warm-up requests per client.`);
  const rows: string[][] = [["page", "1 client median", "p95", `${clients} clients median`, "p95", "max", "p95 / 1-client median", "req/s", "server CPU/req"]];
  for (const [name, path] of pages) {
    const url = `${server.url}${path}`;
    const single = stats(await load(url, 1, requests, warmup));
    const started = performance.now();
    const cpuBefore = serverCpuMs(server.child.pid);
    const times = await load(url, clients, requests, 0);
    const throughput = times.length / ((performance.now() - started) / 1000);
    const cpuAfter = serverCpuMs(server.child.pid);
    const cpuPerRequest = cpuBefore === null || cpuAfter === null ? "–" : `${((cpuAfter - cpuBefore) / times.length).toFixed(1)} ms`;
    const many = stats(times);
    const ms = (value: number) => `${Math.round(value)} ms`;
    rows.push([name, ms(single.median), ms(single.p95), ms(many.median), ms(many.p95), ms(many.max), `${(many.p95 / single.median).toFixed(1)}x`, throughput.toFixed(1), cpuPerRequest]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) log(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ")}`);
  log(`Target: p95 under 300 ms for each page with ${clients} clients (not asserted).`);
  if (args.keep) log(`Kept the database: ${databaseUrl}`);
}

async function cleanup(): Promise<void> {
  for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => undefined);
}

main()
  .then(cleanup)
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    await cleanup();
    process.exitCode = 1;
  });
