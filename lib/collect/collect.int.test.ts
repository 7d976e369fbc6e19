/**
 * The collector against the real emulator over HTTPS (real SDK clients, credential flow, paging, throttling and
 * faults) into a real store: what a run stores must be what Azure and the clusters served, and every fault must
 * end as a user would want: retried and complete, or partial with the reason, never silently missing data.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@/lib/emulator";
import { normaliseAgentPool, type AgentPoolWire } from "@/lib/model/agent-pool";
import type { RunError } from "@/lib/model/snapshot";
import { createTestStore, testStoreKinds, type TestStore } from "@/lib/store/test-store";
import { collectOnce, type CollectOptions } from "./collect-once";
import { RunInProgressError } from "./run-lock";
import { configForEmulator } from "./testing/emulator-config";

const contractFile = (name: string) => JSON.parse(readFileSync(path.join(process.cwd(), "lib/emulator/contracts", name), "utf8"));

describe.each(testStoreKinds())("collecting the demo estate into %s", (kind) => {
  let emulator: Emulator;
  let store: TestStore;
  const run = (options: Partial<CollectOptions> & { env?: Record<string, string> } = {}) =>
    collectOnce({ trigger: "cli", store, config: configForEmulator(emulator, { POOLSCOPE_CALL_TIMEOUT_SECONDS: "3", ...options.env }), kubePageSize: 7, costRefreshMs: 0, ...options });
  const errorsOf = (errors: RunError[], kind: string) => errors.filter((error) => error.kind === kind);

  beforeAll(async () => {
    // A frozen load cycle: pools do not scale between what the emulator served and what the test compares.
    emulator = await startEmulator({ size: "demo", clockSpeed: 0, includeContracts: true, pageSize: 3 });
    store = await createTestStore({ kind });
  });
  afterAll(async () => {
    await store?.dispose();
    await emulator?.stop();
  });
  beforeEach(() => emulator.faults.clear());

  it("stores every pool with every property as served, paging through every list", async () => {
    const result = await run();
    // The demo's private cluster and the contract examples (a kubeconfig that is not one, cost rows without a
    // ResourceId) are reported, nothing else.
    expect(result.errors.map((error) => error.kind).sort()).toEqual(expect.arrayContaining(["unreachable", "malformed"]));
    expect(result.status).toBe("partial");
    const { db } = store;
    const snapshots = new Map((await db.poolSnapshot.findMany({ where: { runId: result.runId } })).map((row) => [row.poolId, row]));
    const served = emulator.estate.pools;
    expect(served.length).toBeGreaterThan(20);
    for (const pool of served) {
      const row = snapshots.get(pool.id.toLowerCase());
      expect(row, pool.id).toBeDefined();
      expect(row!.properties).toEqual(pool.arm.properties);
      const config = normaliseAgentPool(pool.arm as unknown as AgentPoolWire);
      for (const [field, value] of Object.entries(config)) {
        if (field === "latestNodeImageVersion") continue;
        expect((row as Record<string, unknown>)[field], `${pool.name}.${field}`).toEqual(value);
      }
      expect(row!.latestNodeImageVersion, `${pool.name}.latestNodeImageVersion`).toMatch(/\S/);
    }
    // The contract bodies, read through the same code: raw properties exactly as in the published examples.
    const listed = contractFile("aks/AgentPoolsList.2026-07-01.json").responses["200"].body.value[0];
    const contractRow = snapshots.get(listed.id.toLowerCase());
    expect(contractRow?.properties).toEqual(listed.properties);
    expect(contractRow).toMatchObject({ count: 3, vmSize: "Standard_DS1_v2", maxPods: 110, nodeImageVersion: "AKSUbuntu:1604:2020.03.11", latestNodeImageVersion: "AKSUbuntu:1604:2020.03.11" });
    const contractCluster = contractFile("aks/ManagedClustersList.2026-08-01.json").responses["200"].body.value[0];
    const clusterRow = await db.clusterSnapshot.findUniqueOrThrow({ where: { runId_clusterId: { runId: result.runId, clusterId: contractCluster.id.toLowerCase() } } });
    expect(clusterRow).toMatchObject({ networkPlugin: "kubenet", nodeResourceGroup: "MC_rg1_clustername1_location1", kubernetesVersion: "1.9.6", kubeReachable: false });
    expect(clusterRow.properties).toEqual(contractCluster.properties);

    // Nodes of every reachable cluster, and pools measured from them.
    const reachable = emulator.estate.clusters.filter((cluster) => !cluster.unreachable);
    const nodes = await db.nodeSnapshot.count({ where: { runId: result.runId } });
    expect(nodes).toBe(served.filter((pool) => reachable.some((cluster) => cluster.id === pool.clusterId)).reduce((sum, pool) => sum + pool.nodes.length, 0));
    const unreachable = emulator.estate.clusters.find((cluster) => cluster.unreachable)!;
    const dark = await db.clusterSnapshot.findUniqueOrThrow({ where: { runId_clusterId: { runId: result.runId, clusterId: unreachable.id.toLowerCase() } } });
    expect(dark.kubeReachable).toBe(false);
    expect(dark.kubeError).toMatch(/ECONNREFUSED/);
    expect(errorsOf(result.errors, "unreachable").map((error) => error.scope)).toEqual([unreachable.id.toLowerCase()]);
    expect(await db.poolSnapshot.count({ where: { runId: result.runId, poolId: { startsWith: unreachable.id.toLowerCase() }, measured: false } })).toBe(unreachable.poolIds.length);
    expect(await db.pendingPod.count({ where: { runId: result.runId } })).toBe(result.counts.pendingPods);
    expect(await db.quotaUsage.count({ where: { runId: result.runId } })).toBeGreaterThan(0);
    expect(await db.costDaily.count({ where: { source: "cost-management" } })).toBeGreaterThan(0);
    expect(result.stats.byKind.machines.calls).toBeGreaterThan(served.length);
  });

  it("retries throttling (ARM Retry-After, Cost Management QPU) and 5xx, and ends complete", async () => {
    const first = emulator.estate.clusters[0];
    emulator.faults.add({ kind: "arm", path: "/agentpools(\\?|$)", effect: { type: "throttle", retryAfterSeconds: 1 }, times: 3 });
    emulator.faults.add({ kind: "cost", effect: { type: "throttle", retryAfterSeconds: 1 }, times: 1 });
    emulator.faults.add({ kind: "arm", path: "/machines", effect: { type: "error", status: 503 }, times: 2 });
    emulator.faults.add({ kind: "kube", cluster: first.key, path: "/api/v1/nodes", effect: { type: "error", status: 500 }, times: 1 });
    emulator.faults.add({ kind: "arm", path: "/upgradeprofiles/default", effect: "truncate", times: 1 });
    const result = await run();
    expect(result.errors.filter((error) => !["unreachable", "malformed", "kube-http"].includes(error.kind) && !error.scope.includes("00000000-0000-0000-0000-000000000000"))).toEqual([]);
    expect(result.stats.throttled).toBeGreaterThanOrEqual(4);
    expect(result.stats.byKind.agentPools.retries).toBeGreaterThanOrEqual(3);
    expect(result.stats.byKind.costQuery.retries).toBeGreaterThanOrEqual(1);
    expect(result.stats.byKind.machines.retries).toBeGreaterThanOrEqual(2);
    expect(result.stats.byKind.kubeNodes.retries).toBeGreaterThanOrEqual(1);
    expect(result.counts.pools).toBe(emulator.estate.pools.length + 1);
  });

  it("reports a subscription without Reader, and does not mark its clusters deleted", async () => {
    const sub = emulator.estate.subscriptions[0];
    const subscriptionId = `/subscriptions/${sub.arm.subscriptionId}`;
    await run();
    emulator.faults.add({ kind: "arm", subscription: sub.arm.subscriptionId, path: "managedclusters(\\?|$)", effect: { type: "error", status: 403, code: "AuthorizationFailed", message: "The client does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/read'" } });
    const result = await run();
    const denied = errorsOf(result.errors, "permission").find((error) => error.scope === subscriptionId);
    expect(denied?.hint).toMatch(/Reader on the subscription/);
    const clusters = await store.db.cluster.findMany({ where: { subscriptionId } });
    expect(clusters.length).toBeGreaterThan(0);
    expect(clusters.every((cluster) => cluster.deletedAt === null)).toBe(true);
    expect(await store.db.nodePool.count({ where: { deletedAt: { not: null } } })).toBe(0);
  });

  it("reports a cost scope without Cost Management Reader, and keeps the rest", async () => {
    emulator.faults.add({ kind: "cost", effect: { type: "error", status: 403, code: "RBACAccessDenied", message: "The client does not have authorization to perform action 'Microsoft.CostManagement/query/action'" } });
    const result = await run();
    const denied = errorsOf(result.errors, "permission").filter((error) => error.message.startsWith("Cost not read"));
    expect(denied.length).toBeGreaterThan(0);
    expect(denied[0].hint).toMatch(/Cost Management Reader/);
    expect(result.counts.pools).toBe(emulator.estate.pools.length + 1);
    // Estimates stand in where actuals could not be read.
    expect(await store.db.costDaily.count({ where: { source: "estimate" } })).toBeGreaterThan(0);
  });

  it("keeps the Azure-side inventory of a cluster whose API refuses the credential or does not answer", async () => {
    const [refusing, silent] = emulator.estate.clusters.filter((cluster) => !cluster.unreachable);
    emulator.faults.add({ kind: "kube", cluster: refusing.key, effect: { type: "error", status: 403, message: 'nodes is forbidden: User "poolscope" cannot list resource "nodes"' } });
    emulator.faults.add({ kind: "kube", cluster: silent.key, effect: "timeout" });
    const result = await run();
    const refused = errorsOf(result.errors, "kube-permission");
    expect(refused.map((error) => error.scope)).toEqual([refusing.id.toLowerCase()]);
    expect(refused[0].hint).toMatch(/RBAC Reader/);
    expect(errorsOf(result.errors, "timeout").map((error) => error.scope)).toContain(silent.id.toLowerCase());
    for (const cluster of [refusing, silent]) {
      const pools = await store.db.poolSnapshot.findMany({ where: { runId: result.runId, poolId: { startsWith: cluster.id.toLowerCase() } } });
      expect(pools).toHaveLength(cluster.poolIds.length);
      expect(pools.every((pool) => !pool.measured)).toBe(true);
    }
  });

  it("reports a malformed agent pool list and a pool missing fields, without marking pools deleted", async () => {
    const [broken, sparse] = emulator.estate.clusters;
    await run();
    emulator.faults.add({ kind: "arm", cluster: broken.key, path: "/agentpools(\\?|$)", effect: "malformed" });
    emulator.faults.add({ kind: "arm", cluster: sparse.key, path: "/agentpools(\\?|$)", effect: { type: "omit", fields: ["nodeLabels", "tags", "maxPods"] } });
    const result = await run();
    const malformed = errorsOf(result.errors, "malformed").filter((error) => error.scope === broken.id.toLowerCase());
    expect(malformed).toHaveLength(1);
    expect(await store.db.nodePool.count({ where: { clusterId: broken.id.toLowerCase(), deletedAt: { not: null } } })).toBe(0);
    const sparseRows = await store.db.poolSnapshot.findMany({ where: { runId: result.runId, poolId: { startsWith: sparse.id.toLowerCase() } } });
    expect(sparseRows).toHaveLength(sparse.poolIds.length);
    expect(sparseRows.every((row) => row.maxPods === null && !("nodeLabels" in (row.properties as object)))).toBe(true);
    // The pools whose properties lost fields show it as drift, field by field.
    const changes = await store.db.poolChange.findMany({ where: { runId: result.runId, poolId: { startsWith: sparse.id.toLowerCase() } } });
    expect(new Set(changes.map((change) => change.field))).toContain("maxPods");
  });

  it("leaves no half-written snapshot when a run is stopped during its write", async () => {
    const before = await store.db.poolSnapshot.count();
    const controller = new AbortController();
    const result = await run({ signal: controller.signal, onProgress: (progress) => progress.phase === "writing" && controller.abort(new Error("stopped half way")) });
    expect(result.status).toBe("failed");
    expect(await store.db.poolSnapshot.count()).toBe(before);
    expect(await store.db.poolSnapshot.count({ where: { runId: result.runId } })).toBe(0);
    const row = await store.db.collectionRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(row.status).toBe("failed");
    expect(JSON.stringify(row.errors)).toMatch(/stopped half way/);
  });

  it("starts one of two runs started together and refuses the other with the running run's id", async () => {
    const results = await Promise.allSettled([run(), run()]);
    const done = results.filter((result) => result.status === "fulfilled");
    const refused = results.filter((result) => result.status === "rejected");
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const reason = (refused[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(RunInProgressError);
    expect(reason.runId).toBe((done[0] as PromiseFulfilledResult<{ runId: number }>).value.runId);
  });

  it("reads every node and pending pod alike in kube workers and in the collector's own thread", async () => {
    const read = async (workers: string) => {
      const result = await run({ env: { POOLSCOPE_KUBE_WORKERS: workers } });
      const nodes = await store.db.nodeSnapshot.findMany({ where: { runId: result.runId }, orderBy: [{ clusterId: "asc" }, { name: "asc" }], omit: { runId: true, takenAt: true } });
      const pending = await store.db.pendingPod.findMany({ where: { runId: result.runId }, omit: { runId: true, takenAt: true } });
      return { errors: result.errors.map(({ scope, kind }) => `${kind} ${scope}`).sort(), nodes, pending: pending.map((pod) => JSON.stringify(pod)).sort() };
    };
    const inThread = await read("0");
    const inWorkers = await read("2");
    expect(inThread.nodes.length).toBeGreaterThan(50);
    expect(inThread.pending.length).toBeGreaterThan(0);
    expect(inWorkers).toEqual(inThread);
  });

  it("says what is wrong when the credential cannot get a token", async () => {
    const result = await collectOnce({ trigger: "cli", store, config: configForEmulator({ ...emulator, clientSecret: "wrong" }) });
    expect(result.status).toBe("failed");
    expect(result.errors[0]).toMatchObject({ kind: "credential" });
    expect(result.errors[0].hint).toMatch(/AZURE_CLIENT_SECRET/);
  });
});
