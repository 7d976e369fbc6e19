/**
 * How heavy is the large estate? Generates it (200 subscriptions, 1,000 clusters, 6,000 pools, ~60,000 nodes),
 * then starts an emulator on it and times the first full sync, one cluster's Kubernetes snapshot and one
 * subscription's 62 days of cost. Targets: generation under 10 s, heap under 1 GiB.
 *
 *   npm run bench:emulator [-- --size large|medium|SUBSxCLUSTERSxPOOLSxNODES]
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureEmulatorCertificate, generateEstate, parseSize, startEmulator } from "../lib/emulator/index";

// Node trusts extra CAs only from start-up: run again with the emulator's CA (and --expose-gc for exact heap figures).
const tlsDir = path.resolve(process.env.POOLSCOPE_EMULATOR_TLS_DIR ?? ".data/emulator-tls");
const { caFile } = await ensureEmulatorCertificate(tlsDir);
if (process.env.NODE_EXTRA_CA_CERTS !== caFile) {
  const rerun = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, POOLSCOPE_EMULATOR_TLS_DIR: tlsDir },
  });
  process.exit(rerun.status ?? 1);
}

const { values } = parseArgs({ options: { size: { type: "string", default: "large" } } });
const size = parseSize(values.size!);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const gc = (globalThis as { gc?: () => void }).gc;
const memory = () => {
  gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
};
const time = async <T>(label: string, work: () => T | Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await work();
  console.log(`${label.padEnd(44)} ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return result;
};

const before = memory();
const estate = await time(`generate the ${values.size} estate`, () => generateEstate({ seed: 1, size }));
const generated = memory();
const nodes = estate.pools.reduce((n, p) => n + p.nodes.length, 0);
console.log(`  ${estate.subscriptions.length} subscriptions, ${estate.clusters.length} clusters, ${estate.pools.length} pools, ${nodes} nodes`);
console.log(`  heap held by the estate: ${mib(generated.heap - before.heap)} (heap ${mib(generated.heap)}, RSS ${mib(generated.rss)})${gc ? "" : " (run with --expose-gc for exact figures)"}`);

const emulator = await time("start an emulator on it (incl. first sync)", () => startEmulator({ seed: 1, size, throttling: false }));
const cluster = emulator.estate.clusters[Math.floor(emulator.estate.clusters.length / 2)];
const auth = { authorization: `Bearer ${cluster.kubeToken}` };
const pods = await time("one cluster's pods (cold snapshot)", async () => (await (await fetch(`${emulator.url}/k8s/${cluster.key}/api/v1/pods`, { headers: auth })).json()) as { items: unknown[] });
console.log(`  ${pods.items.length} pods on ${cluster.name}`);
await time("the same again (cached)", async () => (await fetch(`${emulator.url}/k8s/${cluster.key}/api/v1/pods`, { headers: auth })).arrayBuffer());
const { ClientSecretCredential } = await import("@azure/identity");
const credential = new ClientSecretCredential(emulator.tenantId, emulator.clientId, emulator.clientSecret, { authorityHost: emulator.url, disableInstanceDiscovery: true });
const token = (await credential.getToken("https://management.azure.com/.default"))!.token;
const sub = emulator.estate.subscriptions[0];
await time("62 days of daily cost by ResourceId (one sub)", async () => {
  const to = new Date();
  const from = new Date(to.getTime() - 61 * 86_400_000);
  const res = await fetch(`${emulator.url}/subscriptions/${sub.id}/providers/Microsoft.CostManagement/query?api-version=2022-10-01`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ type: "ActualCost", timeframe: "Custom", timePeriod: { from, to }, dataset: { granularity: "Daily", aggregation: { totalCost: { name: "Cost", function: "Sum" } }, grouping: [{ type: "Dimension", name: "ResourceId" }] } }),
  });
  const body = (await res.json()) as { properties: { rows: unknown[] } };
  console.log(`  ${body.properties.rows.length} rows`);
});
const after = memory();
console.log(`heap ${mib(after.heap)}, RSS ${mib(after.rss)} with the emulator running`);
await emulator.stop();
const ok = generated.heap < 1024 ** 3;
console.log(ok ? "within targets" : "OVER the 1 GiB target");
