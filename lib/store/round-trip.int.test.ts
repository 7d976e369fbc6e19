import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStore, testStoreKinds, type TestStore } from "./test-store";

const subscriptionId = "/subscriptions/00000000-0000-0000-0000-000000000001";
const clusterId = `${subscriptionId}/resourcegroups/rg-aks/providers/microsoft.containerservice/managedclusters/aks-prod`;
const poolId = `${clusterId}/agentpools/spot`;
const seen = new Date("2026-11-20T08:15:30.123Z");

describe.each(testStoreKinds())("Prisma on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore({ kind });
    const { db } = store;
    await db.subscription.create({ data: { id: subscriptionId, subscriptionId: "00000000-0000-0000-0000-000000000001", displayName: "Prod", firstSeenAt: seen, lastSeenAt: seen } });
    await db.cluster.create({ data: { id: clusterId, subscriptionId, resourceGroup: "rg-aks", name: "aks-prod", location: "westeurope", firstSeenAt: seen, lastSeenAt: seen } });
    await db.nodePool.create({ data: { id: poolId, clusterId, name: "spot", firstSeenAt: seen, lastSeenAt: seen } });
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("writes and reads back a CollectionRun with its defaults and JSON", async () => {
    const errors = [{ scope: subscriptionId, kind: "throttled", message: "429 after 5 retries", hint: "lower POOLSCOPE_CONCURRENCY" }];
    const created = await store.db.collectionRun.create({ data: { trigger: "cli", source: "https://management.azure.com", errors, progress: { phase: "write", scopesDone: 3 } } });
    const run = await store.db.collectionRun.findUniqueOrThrow({ where: { id: created.id } });
    expect(run).toMatchObject({ status: "running", trigger: "cli", poolCount: 0, finishedAt: null, errors, progress: { phase: "write", scopesDone: 3 } });
    expect(Math.abs(run.startedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("writes and reads back a PoolSnapshot with JSON, text[] and float fields", async () => {
    const run = await store.db.collectionRun.create({ data: { trigger: "schedule", source: "emulator" } });
    const snapshot = {
      runId: run.id,
      poolId,
      takenAt: seen,
      mode: "User",
      count: 3,
      vmSize: "Standard_D8ds_v5",
      enableAutoScaling: true,
      minCount: 0,
      maxCount: 20,
      scaleSetPriority: "Spot",
      spotMaxPrice: -1,
      nodeLabels: { "kubernetes.azure.com/scalesetpriority": "spot", team: "data", "unicode-é": "ü" },
      nodeTaints: ["kubernetes.azure.com/scalesetpriority=spot:NoSchedule", 'quote"and,comma'],
      tags: { owner: "team-data", costCenter: "1234" },
      availabilityZones: ["1", "2", "3"],
      upgradeSettings: { maxSurge: "33%", nested: { list: [1, 2.5, null, true] } },
      properties: { provisioningState: "Succeeded", weird: { emptyArray: [], emptyObject: {} } },
      allocatableCpuMillis: 23_640,
      allocatableMemoryBytes: 96_549_240_832.5,
      requestedMemoryBytes: 2 ** 52 + 1,
      measured: true,
    };
    await store.db.poolSnapshot.create({ data: snapshot });
    const read = await store.db.poolSnapshot.findUniqueOrThrow({ where: { runId_poolId: { runId: run.id, poolId } } });
    expect(read).toMatchObject(snapshot);
    expect(read.takenAt.toISOString()).toBe("2026-11-20T08:15:30.123Z");
    expect(read).toMatchObject({ osType: null, autoscaler: null, nodesReady: 0, pendingPods: 0 });

    // Defaults, through a second run (one snapshot per pool per run).
    const run2 = await store.db.collectionRun.create({ data: { trigger: "api", source: "emulator" } });
    const plain = await store.db.poolSnapshot.create({ data: { runId: run2.id, poolId, takenAt: seen, properties: {} } });
    expect(plain).toMatchObject({ nodeTaints: [], availabilityZones: [], nodeLabels: {}, tags: {}, spotMaxPrice: null, enableAutoScaling: false });
  });

  it("keeps DATE days and BigInt ids exact", async () => {
    const day = new Date("2026-11-01T00:00:00.000Z");
    const cost = await store.db.costDaily.create({
      data: { day, subscriptionId, clusterId, poolId, scopeId: poolId, costType: "ActualCost", currency: "EUR", amount: 12.345678, source: "cost-management", updatedAt: seen },
    });
    expect(typeof cost.id).toBe("bigint");
    const read = await store.db.costDaily.findUniqueOrThrow({ where: { scopeId_day_costType_source: { scopeId: poolId, day, costType: "ActualCost", source: "cost-management" } } });
    expect(read.day.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(read.amount).toBe(12.345678);
  });

  it("runs interactive transactions: commits createMany and rolls back on error", async () => {
    const run = await store.db.collectionRun.create({ data: { trigger: "manual", source: "emulator" } });
    const nodes = Array.from({ length: 3_000 }, (_, i) => ({
      runId: run.id, clusterId, name: `aks-spot-${i}`, poolId, takenAt: seen, ready: i % 10 !== 0, cordoned: false,
      allocatableCpuMillis: 7_820, allocatableMemoryBytes: 28e9, allocatablePods: 110, requestedCpuMillis: 2_000, requestedMemoryBytes: 6e9, podCount: 25,
    }));
    const count = await store.db.$transaction(async (tx) => {
      const { count: written } = await tx.nodeSnapshot.createMany({ data: nodes });
      await tx.collectionRun.update({ where: { id: run.id }, data: { status: "succeeded", nodeCount: written, finishedAt: new Date() } });
      return written;
    });
    expect(count).toBe(3_000);
    expect(await store.db.nodeSnapshot.count({ where: { runId: run.id } })).toBe(3_000);

    await expect(
      store.db.$transaction(async (tx) => {
        await tx.collectionRun.update({ where: { id: run.id }, data: { status: "failed" } });
        await tx.nodeSnapshot.create({ data: nodes[0]! });
      }),
    ).rejects.toThrow(/Unique constraint/);
    expect((await store.db.collectionRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("succeeded");
    // The store is usable after a rolled-back transaction.
    expect(await store.db.nodeSnapshot.count({ where: { runId: run.id } })).toBe(3_000);
  });
});
