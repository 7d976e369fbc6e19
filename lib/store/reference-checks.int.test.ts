import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRows } from "./insert-rows";
import { deferReferenceChecks } from "./reference-checks";
import { createTestStore, testStoreKinds, type TestStore } from "./test-store";

const clusterId = "/subscriptions/s1/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/c1";
const poolId = `${clusterId}/agentpools/np1`;
const takenAt = new Date("2026-11-23T10:00:00Z");
const tables = ["PoolSnapshot", "NodeSnapshot"];

describe.each(testStoreKinds())("foreign keys of a bulk load on %s", (kind) => {
  let store: TestStore;
  let runId: number;
  beforeAll(async () => {
    store = await createTestStore({ kind });
    await store.db.subscription.create({ data: { id: "/subscriptions/s1", subscriptionId: "s1", displayName: "S1", firstSeenAt: takenAt, lastSeenAt: takenAt } });
    await store.db.cluster.create({ data: { id: clusterId, subscriptionId: "/subscriptions/s1", resourceGroup: "rg", name: "c1", location: "westeurope", firstSeenAt: takenAt, lastSeenAt: takenAt } });
    await store.db.nodePool.create({ data: { id: poolId, clusterId, name: "np1", firstSeenAt: takenAt, lastSeenAt: takenAt } });
    runId = (await store.db.collectionRun.create({ data: { trigger: "cli", source: "test" } })).id;
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const load = (run: number, pool: string) =>
    store.withSql((sql) =>
      sql.transaction(async (tx) => {
        const references = await deferReferenceChecks(tx);
        await insertRows(tx, "PoolSnapshot", [{ runId: run, poolId: pool, takenAt, properties: {} }]);
        await insertRows(tx, "NodeSnapshot", [{ runId: run, clusterId, name: "n1", poolId: pool, takenAt, ready: true, cordoned: false, allocatableCpuMillis: 1, allocatableMemoryBytes: 1, allocatablePods: 1, requestedCpuMillis: 0, requestedMemoryBytes: 0, podCount: 0 }]);
        await references.check(tables, "runId", run);
      }),
    );

  it("keeps rows whose references exist", async () => {
    await load(runId, poolId);
    expect(await store.db.poolSnapshot.count({ where: { runId } })).toBe(1);
  });

  it("refuses, and rolls back, rows that reference a missing pool or run", async () => {
    // PGlite checks them after the load (per-row triggers off); a Postgres server's triggers check each row.
    const refused = (parent: string) => (kind === "pglite" ? new RegExp(`is not in "${parent}"`) : /violates foreign key constraint/);
    await expect(load(runId + 1_000, poolId)).rejects.toThrow(refused("CollectionRun"));
    const run = (await store.db.collectionRun.create({ data: { trigger: "cli", source: "test" } })).id;
    await expect(load(run, `${clusterId}/agentpools/gone`)).rejects.toThrow(refused("NodePool"));
    expect(await store.db.nodeSnapshot.count({ where: { runId: { in: [run, runId + 1_000] } } })).toBe(0);
  });
});
