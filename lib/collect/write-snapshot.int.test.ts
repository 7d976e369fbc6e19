import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStore, testStoreKinds, type TestStore } from "@/lib/store/test-store";
import { beginRun, recoverStaleRuns, RunInProgressError } from "./run-lock";
import { InvalidSnapshotError } from "./snapshot-schema";
import { clusterIdOf, fixturePool, fixtureSnapshot, poolIdOf, SUB } from "./testing/snapshot-fixture";
import { writeSnapshot } from "./write-snapshot";

describe.each(testStoreKinds())("writeSnapshot on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore({ kind });
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("writes a run, its identities, snapshots and drift, and marks only what complete scopes lost", async () => {
    const { db } = store;
    const t1 = new Date("2026-01-01T10:00:00Z");
    const first = await writeSnapshot(store, fixtureSnapshot({ a: [fixturePool("a", "system", { mode: "System" }), fixturePool("a", "user")], b: [fixturePool("b", "batch")] }), { takenAt: t1 });
    expect(first.status).toBe("succeeded");
    expect(first.rows).toMatchObject({ Subscription: 1, Cluster: 2, NodePool: 3, PoolSnapshot: 3, NodeSnapshot: 3, ClusterSnapshot: 2, QuotaUsage: 1, CostDaily: 3, Price: 1, PoolChange: 3 });
    const run = await db.collectionRun.findUniqueOrThrow({ where: { id: first.runId } });
    expect(run).toMatchObject({ status: "succeeded", trigger: "backfill", subscriptionCount: 1, clusterCount: 2, poolCount: 3, nodeCount: 3, callCount: 10, retryCount: 1 });
    const snapshot = await db.poolSnapshot.findUniqueOrThrow({ where: { runId_poolId: { runId: first.runId, poolId: poolIdOf("a", "system") } } });
    expect(snapshot).toMatchObject({ mode: "System", count: 3, vmSize: "Standard_D4s_v5", properties: { count: 3, vmSize: "Standard_D4s_v5", osType: "Linux", mode: "System" }, nodesReady: 3 });

    // Second run: user pool scaled and relabelled, batch cluster's pool list failed (not complete), system pool gone.
    const t2 = new Date("2026-01-01T11:00:00Z");
    const second = fixtureSnapshot({ a: [fixturePool("a", "user", { count: 5, nodeLabels: { tier: "web" } })], b: [] });
    second.complete.poolsOf = [clusterIdOf("a")];
    second.errors = [{ scope: clusterIdOf("b"), kind: "throttled", message: "429", hint: "later" }];
    const result = await writeSnapshot(store, second, { takenAt: t2, trigger: "cli" });
    expect(result.status).toBe("partial");
    const pools = await db.nodePool.findMany({ orderBy: { id: "asc" } });
    expect(pools.map((pool) => [pool.name, pool.deletedAt?.toISOString() ?? null])).toEqual([
      ["system", t2.toISOString()],
      ["user", null],
      ["batch", null],
    ]);
    const changes = await db.poolChange.findMany({ where: { runId: result.runId }, orderBy: [{ poolId: "asc" }, { field: "asc" }] });
    expect(changes.map((change) => [change.poolId.split("/").pop(), change.field, change.before, change.after])).toEqual([
      ["system", "pool", "present", "deleted"],
      ["user", "count", 3, 5],
      ["user", "nodeLabels", null, { tier: "web" }],
    ]);
    const cost = await db.costDaily.findMany({ where: { scopeId: poolIdOf("a", "user") } });
    expect(cost).toHaveLength(1);
    expect((await db.collectionRun.findUniqueOrThrow({ where: { id: result.runId } })).errors).toEqual(second.errors);
  });

  it("leaves nothing of a write stopped half way", async () => {
    const { db } = store;
    const before = await db.poolSnapshot.count();
    const runsBefore = await db.collectionRun.count();
    const snapshot = fixtureSnapshot({ c: [fixturePool("c", "one")] });
    await expect(
      writeSnapshot(store, snapshot, {
        afterStep: (step) => {
          if (step === "node snapshots") throw new Error("killed half way");
        },
      }),
    ).rejects.toThrow("killed half way");
    expect(await db.poolSnapshot.count()).toBe(before);
    expect(await db.collectionRun.count()).toBe(runsBefore);
    expect(await db.nodePool.findUnique({ where: { id: poolIdOf("c", "one") } })).toBeNull();
  });

  it("refuses a malformed snapshot before writing anything", async () => {
    const snapshot = fixtureSnapshot({ d: [fixturePool("d", "one")] });
    snapshot.pools[0].id = snapshot.pools[0].id.toUpperCase();
    await expect(writeSnapshot(store, snapshot)).rejects.toBeInstanceOf(InvalidSnapshotError);
    const orphan = fixtureSnapshot({ d: [fixturePool("d", "one")] });
    orphan.clusters = [];
    await expect(writeSnapshot(store, orphan)).rejects.toThrow(/does not contain/);
  });

  it("starts one run at a time: two starts give one run and one refusal naming it", async () => {
    const { db } = store;
    const results = await Promise.allSettled([beginRun(db, "api", "x"), beginRun(db, "cli", "x")]);
    const started = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const runId = (started[0] as PromiseFulfilledResult<number>).value;
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(RunInProgressError);
    expect((refused[0] as PromiseRejectedResult).reason.runId).toBe(runId);
    // The run's snapshot completes it, after which a new run may start.
    await writeSnapshot(store, fixtureSnapshot({ a: [fixturePool("a", "user", { count: 5, nodeLabels: { tier: "web" } })] }), { runId });
    expect((await db.collectionRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("succeeded");
    const next = await beginRun(db, "cli", "x");
    await db.collectionRun.update({ where: { id: next }, data: { status: "failed", finishedAt: new Date() } });
  });

  it("recovers a run left running by a dead process", async () => {
    const { db } = store;
    const dead = await db.collectionRun.create({ data: { trigger: "schedule", source: "x", status: "running", progress: { owner: { host: (await import("node:os")).hostname(), pid: 999_999 }, heartbeatAt: new Date().toISOString() } } });
    const silent = await db.collectionRun.create({ data: { trigger: "schedule", source: "x", status: "running", progress: { owner: { host: "elsewhere", pid: 1 }, heartbeatAt: new Date(Date.now() - 600_000).toISOString() } } });
    const alive = await db.collectionRun.create({ data: { trigger: "schedule", source: "x", status: "running", progress: { owner: { host: "elsewhere", pid: 1 }, heartbeatAt: new Date().toISOString() } } });
    expect((await recoverStaleRuns(db)).sort()).toEqual([dead.id, silent.id].sort());
    const recovered = await db.collectionRun.findUniqueOrThrow({ where: { id: dead.id } });
    expect(recovered.status).toBe("failed");
    expect(JSON.stringify(recovered.errors)).toMatch(/pid 999999\) is gone/);
    await expect(beginRun(db, "api", "x")).rejects.toMatchObject({ runId: alive.id });
    await db.collectionRun.update({ where: { id: alive.id }, data: { status: "failed" } });
  });

  it("keeps subscriptions and clusters seen, with first and last seen", async () => {
    const subscription = await store.db.subscription.findUniqueOrThrow({ where: { id: SUB } });
    expect(subscription.firstSeenAt.toISOString()).toBe("2026-01-01T10:00:00.000Z");
    expect(subscription.lastSeenAt.getTime()).toBeGreaterThan(subscription.firstSeenAt.getTime());
  });
});
