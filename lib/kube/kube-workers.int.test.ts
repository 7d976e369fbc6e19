/**
 * Kube workers against a real HTTPS server on loopback: pages read in a worker come back as the collector's own
 * thread reads them, and a worker that cannot start or stops costs a retry, never a cluster.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ensureEmulatorCertificate } from "@/lib/emulator/tls";
import { isTransientError } from "@/lib/net/retry";
import { inThreadTransport, type KubeTarget } from "./kube-transport";
import { KubeWorkerPool } from "./kube-workers";

const node = (name: string) => ({
  metadata: { name, labels: { "kubernetes.azure.com/agentpool": "system", "topology.kubernetes.io/zone": "westeurope-1" }, creationTimestamp: "2026-11-01T00:00:00Z" },
  spec: {},
  status: { allocatable: { cpu: "3860m", memory: "12000Mi", pods: "110" }, conditions: [{ type: "Ready", status: "True" }], nodeInfo: { kubeletVersion: "v1.34.2", osImage: "Ubuntu 22.04" } },
});
const page = JSON.stringify({ kind: "NodeList", apiVersion: "v1", metadata: { continue: "next" }, items: [node("aks-system-0"), node("aks-system-1")] });

describe("kube workers", () => {
  let dir: string;
  let server: https.Server;
  let target: KubeTarget;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "poolscope-kube-workers-"));
    const certificate = await ensureEmulatorCertificate(process.env.POOLSCOPE_EMULATOR_TLS_DIR ?? path.join(".data", "emulator-tls"));
    server = https.createServer({ cert: readFileSync(certificate.certFile), key: readFileSync(certificate.keyFile) }, (req, res) => {
      if (req.url?.startsWith("/api/v1/nodes")) {
        res.writeHead(200, { "content-type": "application/json" }).end(page);
        return;
      }
      res.writeHead(429, { "retry-after": "2", "content-type": "application/json" }).end(JSON.stringify({ message: "slow down" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    target = { server: `https://localhost:${(server.address() as AddressInfo).port}`, tls: { ca: certificate.caPem }, headers: { authorization: "Bearer t" } };
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const fetch = (transport: { open: typeof inThreadTransport.open }, requestPath = "/api/v1/nodes?limit=2") => {
    const connection = transport.open(target);
    return connection.fetch(requestPath, "nodes", new AbortController().signal).finally(() => connection.close());
  };

  it("reads a page in a worker as the collector's own thread does, status and headers included", async () => {
    const pool = new KubeWorkerPool(2);
    try {
      const inThread = await fetch(inThreadTransport);
      expect(inThread.value).toMatchObject({ continue: "next", result: { nodes: [{ name: "aks-system-0", zone: "westeurope-1", ready: true }, { name: "aks-system-1" }] } });
      const { date: _date, ...headers } = inThread.headers;
      expect(await fetch(pool)).toEqual({ ...inThread, headers: { ...headers, date: expect.any(String) } });
      const throttled = await fetch(pool, "/api/v1/pods");
      expect(throttled).toMatchObject({ status: 429, reason: "slow down", headers: { "retry-after": "2" } });
    } finally {
      await pool.stop();
    }
  });

  it("fails a request as a dropped connection when its worker stops, and reads the next in this thread", async () => {
    const root = path.join(dir, "dying");
    mkdirSync(path.join(root, "lib/kube"), { recursive: true });
    // A worker that stops at its first request.
    writeFileSync(path.join(root, "lib/kube/kube-worker.mjs"), `import { parentPort } from "node:worker_threads";\nparentPort.on("message", (m) => { if (m.op === "fetch") process.exit(3); });\n`);
    writeFileSync(path.join(root, "lib/kube/kube-worker.ts"), "");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const pool = new KubeWorkerPool(1, root);
    try {
      const connection = pool.open(target);
      const failure = await connection.fetch("/api/v1/nodes?limit=2", "nodes", new AbortController().signal).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(isTransientError(failure)).toBe(true);
      expect(await connection.fetch("/api/v1/nodes?limit=2", "nodes", new AbortController().signal)).toMatchObject({ status: 200, value: { continue: "next" } });
      expect(await fetch(pool)).toMatchObject({ status: 200 });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/kube workers unavailable \(it exited with code 3\)/));
    } finally {
      warn.mockRestore();
      await pool.stop();
    }
  });

  it("does not keep a process alive once its reads are done", () => {
    const script = path.join(dir, "idle.ts");
    writeFileSync(
      script,
      `import { KubeWorkerPool } from ${JSON.stringify(path.resolve("lib/kube/kube-workers.ts"))};
const connection = new KubeWorkerPool(1).open({ server: "https://127.0.0.1:1", tls: {}, headers: {} });
connection.fetch("/api/v1/nodes", "nodes", new AbortController().signal).catch((error) => console.log(error.code));
`,
    );
    const child = spawnSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8", timeout: 30_000 });
    expect(child.signal).toBeNull();
    expect(child.stdout.trim()).toBe("ECONNREFUSED");
    expect(child.status).toBe(0);
  });

  it("reads in this thread when the worker's files are missing", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const pool = new KubeWorkerPool(1, path.join(dir, "nowhere"));
    try {
      expect(await fetch(pool)).toMatchObject({ status: 200, value: { continue: "next" } });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/kube-worker\.mjs is missing/));
    } finally {
      warn.mockRestore();
    }
  });
});
