/**
 * The Poolscope emulator: Entra ID, the ARM subset, Cost Management, Retail Prices and one Kubernetes API per
 * cluster, over HTTPS on loopback, for a generated estate that lives on a simulated clock. Start it in-process
 * for tests (`startEmulator()`), or on its own with `npm run emulator`.
 */
import path from "node:path";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { ensureEmulatorCertificate } from "./tls";
import { generateEstate } from "./estate/generate";
import type { Estate, EstateSize, SizeName } from "./estate/types";
import { createClock, type Clock } from "./sim/clock";
import { createSimulation } from "./sim/simulation";
import { createCostModel } from "./sim/cost-model";
import { createTokenService } from "./token";
import { createFaults, type FaultRule, type StoredFault } from "./faults";
import { createArmThrottle, createCostThrottle } from "./throttle";
import { createKubeState } from "./kube/snapshot";
import { createStats, type EmulatorStats } from "./stats";
import { createAdmin, estateSummary } from "./admin";
import { createEmulatorServer } from "./server";
import { contractSubscriptions } from "./contracts";
import type { EmulatorContext } from "./context";
import type { PoolPatch } from "./sim/pool-change";
import type { EmulatorRequest } from "./http";

export type { Estate, EstateSize, SizeName, EstatePool, EstateCluster, EstateSubscription, EstateNode } from "./estate/types";
export type { FaultRule, FaultEffect } from "./faults";
export type { PoolPatch } from "./sim/pool-change";
export type { EmulatorStats } from "./stats";
export { ensureEmulatorCertificate } from "./tls";
export { generateEstate, ESTATE_SIZES, parseSize } from "./estate/generate";
export { CONTRACT_ROUTES, CONTRACT_SUBSCRIPTION, CONTRACT_MACHINES_SUBSCRIPTION } from "./contracts";

export type EmulatorOptions = {
  /** Estate seed (default 1). */
  seed?: number;
  /** demo (default), medium, large, or a custom { subscriptions, clusters, pools, nodes }. */
  size?: SizeName | EstateSize;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Where the CA and server certificate live (default $POOLSCOPE_EMULATOR_TLS_DIR or .data/emulator-tls). */
  tlsDir?: string;
  /** Load-cycle speed: 60 = one real minute is one simulated hour (default 1). */
  clockSpeed?: number;
  /** Simulated start (default: now). */
  startTime?: Date;
  /** ARM and Cost Management throttling (default true). */
  throttling?: boolean;
  /** Latency added to every call, in ms (default 0). */
  latencyMs?: number;
  /** Serve the Azure REST contract examples as they are, with their subscriptions (default false). */
  includeContracts?: boolean;
  /** Items per ARM list page before a nextLink (default 100). */
  pageSize?: number;
  /** Rows per Cost Management page before properties.nextLink (default 5000). */
  costPageSize?: number;
  /** Called after each answered request (the CLI logs from it). */
  onResponse?: (request: { kind: string; method: string; path: string }, status: number, ms: number) => void;
};

export type Emulator = {
  /** https://127.0.0.1:PORT: the authority host, the ARM endpoint and the Retail Prices base URL. */
  url: string;
  caFile: string;
  caPem: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  estate: Estate;
  clock: Pick<Clock, "now" | "advance"> & { speed: number; cycleNow(): Date };
  faults: { add(rule: FaultRule): string; remove(id: string): boolean; clear(): void; list(): StoredFault[] };
  throttling: { enabled: boolean };
  stats(): EmulatorStats;
  resetStats(): void;
  /** Changes an agent pool (by ARM id) as the portal or a pipeline would. */
  changePool(poolId: string, patch: PoolPatch): void;
  /** Brings every pool up to the simulated present (reads do this on their own, per subscription). */
  sync(): void;
  /** Subscriptions, clusters (with kube URL and key) and pools, with the pattern each pool shows. */
  summary(): ReturnType<typeof estateSummary>;
  stop(): Promise<void>;
};

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const tlsDir = options.tlsDir ?? process.env.POOLSCOPE_EMULATOR_TLS_DIR ?? path.join(".data", "emulator-tls");
  const tls = await ensureEmulatorCertificate(tlsDir);
  const clock = createClock({ startTime: options.startTime, speed: options.clockSpeed ?? 1 });
  const estate = generateEstate({ seed: options.seed ?? 1, size: options.size ?? "demo", startMs: clock.startMs });
  const sim = createSimulation(estate, clock);
  const tokens = createTokenService({ tenantId: estate.tenantId, clientId: estate.clientId });
  const faults = createFaults(estate.seed);
  const stats = createStats();
  const settings = { throttling: options.throttling ?? true, latencyMs: options.latencyMs ?? 0, includeContracts: options.includeContracts ?? false };
  let baseUrl = "";
  const ctx: EmulatorContext = {
    sim,
    cost: createCostModel(sim),
    tokens,
    baseUrl: () => baseUrl,
    caPem: tls.caPem,
    pageSize: options.pageSize ?? 100,
    costPageSize: options.costPageSize ?? 5000,
    realNowMs: () => Date.now(),
    extraSubscriptions: settings.includeContracts ? contractSubscriptions(estate.tenantId) : [],
  };
  const admin = createAdmin({ ctx, faults, stats: stats.stats, resetStats: stats.reset, settings });
  const { server, sockets } = createEmulatorServer(
    {
      ctx,
      kube: createKubeState(sim),
      faults,
      armThrottle: createArmThrottle(),
      costThrottle: createCostThrottle(),
      settings,
      stats,
      admin,
      onResponse: options.onResponse ? (r: EmulatorRequest, status, ms) => options.onResponse!({ kind: r.kind, method: r.method, path: r.url.pathname }, status, ms) : undefined,
    },
    { cert: await readFile(tls.certFile, "utf8"), key: await readFile(tls.keyFile, "utf8") },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const s of estate.subscriptions) sim.syncSubscription(s.id);

  return {
    url: baseUrl,
    caFile: tls.caFile,
    caPem: tls.caPem,
    tenantId: tokens.tenantId,
    clientId: tokens.clientId,
    clientSecret: tokens.clientSecret,
    estate,
    clock: { now: clock.now, advance: clock.advance, speed: clock.speed, cycleNow: () => new Date(clock.cycleNowMs()) },
    faults: { add: faults.add, remove: faults.remove, clear: faults.clear, list: faults.list },
    throttling: {
      get enabled() {
        return settings.throttling;
      },
      set enabled(value: boolean) {
        settings.throttling = value;
      },
    },
    stats: stats.stats,
    resetStats: stats.reset,
    changePool: (poolId, patch) => {
      const pool = sim.changePool(poolId, patch, "api");
      sim.syncSubscription(pool.subscriptionId);
    },
    sync: () => {
      for (const s of estate.subscriptions) sim.syncSubscription(s.id);
    },
    summary: () => estateSummary(ctx),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung (timeout-fault) and keep-alive connections would hold close() open.
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}
