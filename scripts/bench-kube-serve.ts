/**
 * What serving a collection's Kubernetes reads costs the emulator. Starts it (large estate, no latency, no
 * throttling) in a child process, reads for every cluster what the collector reads (nodes by 500; pods that are
 * not finished, by 2,000; the autoscaler status ConfigMap; FailedScheduling events by 500 where pods wait), with
 * 16 requests in flight, and prints the child's CPU time over the reads and the bytes served.
 *
 *   npm run bench:kube-serve [-- --size large|medium|... --concurrency N --cpu-prof DIR --node-flags="--trace-gc ..."]
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { kubeToken } from "../lib/emulator/estate/build-cluster";
import { ensureEmulatorCertificate } from "../lib/emulator/tls";

const { values: args } = parseArgs({ options: { size: { type: "string", default: "large" }, concurrency: { type: "string", default: "16" }, "cpu-prof": { type: "string" }, "node-flags": { type: "string" } } });
const tlsDir = path.resolve(process.env.POOLSCOPE_EMULATOR_TLS_DIR ?? ".data/bench-tls");
const { caFile } = await ensureEmulatorCertificate(tlsDir);
const ca = readFileSync(caFile, "utf8");

const profile = args["cpu-prof"] ? [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(args["cpu-prof"])}`] : [];
const nodeFlags = args["node-flags"]?.split(/\s+/).filter(Boolean) ?? [];
const child = spawn(process.execPath, [...profile, ...nodeFlags, "--import", "tsx", "lib/emulator/cli.ts", "--size", args.size!, "--latency-ms", "0", "--clock-speed", "1", "--no-throttling", "--tls-dir", tlsDir], {
  stdio: ["ignore", "pipe", "inherit"],
});
const ready = await new Promise<{ url: string }>((resolve, reject) => {
  child.once("exit", (code) => reject(new Error(`the emulator exited (code ${code}) before it was ready`)));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line.startsWith("{")) resolve(JSON.parse(line) as { url: string });
    else process.stderr.write(`${line}\n`); // what --node-flags asked for (--trace-gc...)
  });
});

/** The child's user+system CPU seconds, from /proc (in clock ticks, 1/100 s on Linux). */
const cpuSeconds = () => {
  const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

process.on("exit", () => child.kill("SIGTERM"));

const agent = new Agent({ keepAlive: true, maxSockets: Number(args.concurrency), ca });
/** A GET, tried again when the server closed a kept-alive socket just as it was reused. */
async function get(url: string, token?: string): Promise<{ status: number; body: Buffer }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getOnce(url, token);
    } catch (error) {
      if ((error as { code?: string }).code !== "ECONNRESET" || attempt === 3) throw error;
    }
  }
}
function getOnce(url: string, token?: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

type Cluster = { id: string; key: string; kubeServer: string; unreachable: boolean };
const estate = JSON.parse((await get(`${ready.url}/_emulator/estate`)).body.toString()) as { seed: number; subscriptions: Array<{ clusters: Cluster[] }> };
const clusters = estate.subscriptions.flatMap((s) => s.clusters).filter((c) => !c.unreachable);

let bytes = 0;
let calls = 0;
let pods = 0;
/** Reads a list page by page; the continue token is read from the head of each body (no parsing of the items). */
async function list(cluster: Cluster, token: string, listPath: string, limit: number): Promise<Buffer[]> {
  const pages: Buffer[] = [];
  let next = "";
  do {
    const { status, body } = await get(`${cluster.kubeServer}${listPath}${listPath.includes("?") ? "&" : "?"}limit=${limit}${next ? `&continue=${encodeURIComponent(next)}` : ""}`, token);
    calls++;
    bytes += body.length;
    if (status !== 200) throw new Error(`${status} for ${cluster.key}${listPath}`);
    pages.push(body);
    next = /"continue":"([^"]+)"/.exec(body.subarray(0, 400).toString())?.[1] ?? "";
  } while (next);
  return pages;
}

async function readCluster(cluster: Cluster): Promise<void> {
  const token = kubeToken(estate.seed, cluster.id);
  const [, podPages] = await Promise.all([
    list(cluster, token, "/api/v1/nodes", 500),
    list(cluster, token, `/api/v1/pods?fieldSelector=${encodeURIComponent("status.phase!=Succeeded,status.phase!=Failed")}`, 2000),
    get(`${cluster.kubeServer}/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status`, token).then(({ body }) => {
      calls++;
      bytes += body.length;
    }),
  ]);
  for (const page of podPages) for (let at = page.indexOf('"phase":"'); at >= 0; at = page.indexOf('"phase":"', at + 1)) pods++;
  if (podPages.some((page) => page.includes('"phase":"Pending"'))) await list(cluster, token, `/api/v1/events?fieldSelector=${encodeURIComponent("reason=FailedScheduling,involvedObject.kind=Pod")}`, 500);
}

const cpuBefore = cpuSeconds();
const started = performance.now();
let nextCluster = 0;
await Promise.all(
  Array.from({ length: Math.max(1, Math.floor(Number(args.concurrency) / 2)) }, async () => {
    while (nextCluster < clusters.length) await readCluster(clusters[nextCluster++]);
  }),
);
const wall = (performance.now() - started) / 1000;
const cpu = cpuSeconds() - cpuBefore;
console.log(`${clusters.length} clusters, ${calls} calls, ${pods} pods, ${(bytes / 1e9).toFixed(2)} GB in ${wall.toFixed(1)} s`);
console.log(`emulator CPU over the reads: ${cpu.toFixed(1)} s (${((cpu / bytes) * 1e9).toFixed(1)} s per GB)`);
agent.destroy();
child.kill("SIGTERM");
await new Promise((resolve) => child.once("exit", resolve));
