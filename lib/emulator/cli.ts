/**
 * `npm run emulator`: starts the emulator on its own. Prints one JSON line when ready (the launcher parses it),
 * then a short summary of traffic to stderr every 30 s when there was any. Stops cleanly on SIGTERM/SIGINT.
 *
 *   --seed N  --size demo|medium|large|SUBSxCLUSTERSxPOOLSxNODES  --port N  --clock-speed N
 *   --latency-ms N  --no-throttling  --tls-dir DIR  --include-contracts
 *   --start-time ISO   the simulated clock's start (default now): a fixed time gives the same fleet every time
 *   --fault JSON   a fault rule to start with (repeatable), e.g. --fault '{"kind":"kube","cluster":"aks-shop-dev-weu","effect":"reset"}'
 */
import { parseArgs } from "node:util";
import { parseSize, startEmulator } from "./index";

function fail(message: string): never {
  process.stderr.write(`emulator: ${message}\n`);
  process.exit(2);
}

function numberFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) fail(`--${name} should be a number >= 0 (got ${JSON.stringify(value)})`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        seed: { type: "string" },
        size: { type: "string" },
        port: { type: "string" },
        "clock-speed": { type: "string" },
        "latency-ms": { type: "string" },
        "no-throttling": { type: "boolean" },
        "tls-dir": { type: "string" },
        "include-contracts": { type: "boolean" },
        fault: { type: "string", multiple: true },
        "start-time": { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  let size;
  try {
    size = parseSize(values.size ?? "demo");
  } catch (error) {
    fail((error as Error).message);
  }
  const startTime = values["start-time"] === undefined ? undefined : new Date(values["start-time"]);
  if (startTime && Number.isNaN(startTime.getTime())) fail(`--start-time should be an ISO date and time (got ${JSON.stringify(values["start-time"])})`);
  const counts = new Map<string, number>();
  let throttled = 0;
  let errors = 0;
  const emulator = await startEmulator({
    seed: numberFlag(values.seed, "seed", 1),
    size,
    port: numberFlag(values.port, "port", 0),
    clockSpeed: numberFlag(values["clock-speed"], "clock-speed", 60),
    startTime,
    latencyMs: numberFlag(values["latency-ms"], "latency-ms", 0),
    throttling: !values["no-throttling"],
    tlsDir: values["tls-dir"],
    includeContracts: values["include-contracts"] ?? false,
    onResponse: (request, status) => {
      counts.set(request.kind, (counts.get(request.kind) ?? 0) + 1);
      if (status === 429) throttled++;
      if (status >= 500) {
        errors++;
        process.stderr.write(`[emulator] ${request.method} ${request.path} -> ${status}\n`);
      }
    },
  });
  for (const text of values.fault ?? []) {
    try {
      emulator.faults.add(JSON.parse(text));
    } catch (error) {
      await emulator.stop();
      fail(`--fault ${text}: ${(error as Error).message}`);
    }
  }
  process.stdout.write(
    JSON.stringify({ ready: true, url: emulator.url, caFile: emulator.caFile, tenantId: emulator.tenantId, clientId: emulator.clientId, clientSecret: emulator.clientSecret }) + "\n",
  );
  const e = emulator.estate;
  process.stderr.write(
    `[emulator] ${e.sizeName} estate (seed ${e.seed}): ${e.subscriptions.length} subscriptions, ${e.clusters.length} clusters, ${e.pools.length} pools, ${e.pools.reduce((n, p) => n + p.nodes.length, 0)} nodes; clock speed ${emulator.clock.speed}x; admin API at ${emulator.url}/_emulator\n`,
  );
  const timer = setInterval(() => {
    if (counts.size === 0) return;
    const parts = [...counts].map(([k, n]) => `${k} ${n}`).join(", ");
    process.stderr.write(`[emulator] last 30 s: ${parts}${throttled ? `, ${throttled} throttled` : ""}${errors ? `, ${errors} errors` : ""}\n`);
    counts.clear();
    throttled = 0;
    errors = 0;
  }, 30_000);
  timer.unref();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    emulator.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
