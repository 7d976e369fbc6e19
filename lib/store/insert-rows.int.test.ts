import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRows, type RowOf } from "./insert-rows";
import { createTestStore, testStoreKinds, type TestStore } from "./test-store";

const clusterId = "/subscriptions/s1/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/c1";
const poolId = `${clusterId}/agentpools/np1`;
const takenAt = new Date("2026-11-23T10:00:00.250Z");
// Set POOLSCOPE_TEST_BULK_ROWS=60000 to time a large fleet's run.
const bulkRows = Number(process.env.POOLSCOPE_TEST_BULK_ROWS ?? 20_000);

function nodeRows(runId: number, count: number): RowOf<"NodeSnapshot">[] {
  return Array.from({ length: count }, (_, i) => ({
    runId, clusterId, name: `aks-np1-${i}`, poolId: i % 9 === 0 ? null : poolId, takenAt, vmSize: "Standard_D4ds_v5", zone: i % 3 ? String(i % 3) : null,
    ready: i % 17 !== 0, cordoned: i % 50 === 0, allocatableCpuMillis: 3_860, allocatableMemoryBytes: 14_598_451_200 + i / 4, allocatablePods: 110,
    requestedCpuMillis: 1_250, requestedMemoryBytes: 2 ** 40 + i, podCount: i % 110, kubeletVersion: "v1.31.2", createdAt: i % 2 ? takenAt : null,
  }));
}

describe.each(testStoreKinds())("insertRows on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore({ kind });
    const seen = new Date();
    await store.db.subscription.create({ data: { id: "/subscriptions/s1", subscriptionId: "s1", displayName: "S1", firstSeenAt: seen, lastSeenAt: seen } });
    await store.db.cluster.create({ data: { id: clusterId, subscriptionId: "/subscriptions/s1", resourceGroup: "rg", name: "c1", location: "westeurope", firstSeenAt: seen, lastSeenAt: seen } });
    await store.db.nodePool.create({ data: { id: poolId, clusterId, name: "np1", firstSeenAt: seen, lastSeenAt: seen } });
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("writes what createMany writes, JSON, arrays, nulls and defaults included", async () => {
    const [viaPrisma, viaInsert] = await Promise.all([0, 1].map(() => store.db.collectionRun.create({ data: { trigger: "cli", source: "test" } })));
    const snapshot = (runId: number): RowOf<"PoolSnapshot"> => ({
      runId, poolId, takenAt, vmSize: "Standard_D4ds_v5", spotMaxPrice: 0.0123, enableAutoScaling: true,
      nodeLabels: { team: "data", quote: 'a "b" \\ c', "ünï": "çødé" },
      nodeTaints: ["sku=gpu:NoSchedule", 'has "quotes", commas {and} braces\\', "NULL"],
      availabilityZones: [],
      upgradeSettings: { maxSurge: "33%", list: [1, null, "x"] },
      properties: { nested: { deep: [{ a: 1 }] } },
    });
    await store.db.poolSnapshot.createMany({ data: [snapshot(viaPrisma.id)] });
    await store.db.$transaction((tx) => insertRows(tx, "PoolSnapshot", [snapshot(viaInsert.id)]));
    const [a, b] = await Promise.all([viaPrisma, viaInsert].map((run) => store.db.poolSnapshot.findFirstOrThrow({ where: { runId: run.id } })));
    expect({ ...b, runId: 0 }).toEqual({ ...a, runId: 0 });
    expect(b.tags).toEqual({});
    expect(b.nodeTaints).toEqual(snapshot(0).nodeTaints);

    await store.db.nodeSnapshot.createMany({ data: nodeRows(viaPrisma.id, 50) });
    expect(await insertRows(store.db, "NodeSnapshot", nodeRows(viaInsert.id, 50))).toBe(50);
    const [nodesA, nodesB] = await Promise.all(
      [viaPrisma, viaInsert].map((run) => store.db.nodeSnapshot.findMany({ where: { runId: run.id }, orderBy: { name: "asc" } })),
    );
    expect(nodesB.map((n) => ({ ...n, runId: 0 }))).toEqual(nodesA.map((n) => ({ ...n, runId: 0 })));
  });

  // On PGlite: binary COPY, and CSV when a row leaves out a column that has a default (binary COPY cannot ask for it).
  it.each([{ leaveOut: false }, { leaveOut: true }])("writes the same through a raw session, awkward text included (%o)", async ({ leaveOut }) => {
    const [viaPrisma, viaSession] = await Promise.all([0, 1].map(() => store.db.collectionRun.create({ data: { trigger: "cli", source: "test" } })));
    const awkward = ["", "\\D", "NULL", 'say "hi", then\nleave', "back\\slash", "ctl \x01 char", "tab\there", "ünï çødé 🚀", "{a,b}"];
    const pool = (runId: number, i: number): RowOf<"PoolSnapshot"> => ({
      runId, poolId: i === 0 ? poolId : `${poolId}-${i}`, takenAt, vmSize: awkward[i], osType: i % 2 ? null : "Linux", count: i, spotMaxPrice: i / 3,
      nodeLabels: i % 3 ? { label: awkward[i], [awkward[i]]: [awkward[i], null] } : {}, nodeTaints: i % 2 ? awkward : [], availabilityZones: i % 2 ? [] : ["1", "2"],
      tags: leaveOut && i === 1 ? undefined : { n: String(i) }, properties: { text: awkward[i], nested: { list: awkward } }, upgradeSettings: i % 4 ? undefined : { maxSurge: awkward[i] },
      enableAutoScaling: i % 2 === 0, allocatableMemoryBytes: 2 ** 40 + i / 4, nodesReady: -i, measured: true,
    });
    const rows = (runId: number) => awkward.map((_, i) => pool(runId, i));
    await store.db.nodePool.createMany({ data: awkward.slice(1).map((_, i) => ({ id: `${poolId}-${i + 1}`, clusterId, name: `np${i + 1}`, firstSeenAt: takenAt, lastSeenAt: takenAt })), skipDuplicates: true });
    await store.db.poolSnapshot.createMany({ data: rows(viaPrisma.id) });
    expect(await store.withSql((sql) => sql.transaction((tx) => insertRows(tx, "PoolSnapshot", rows(viaSession.id))))).toBe(awkward.length);
    const [a, b] = await Promise.all(
      [viaPrisma, viaSession].map((run) => store.db.poolSnapshot.findMany({ where: { runId: run.id }, orderBy: { poolId: "asc" } })),
    );
    expect(b.map((row) => ({ ...row, runId: 0 }))).toEqual(a.map((row) => ({ ...row, runId: 0 })));
    expect(b.find((row) => row.poolId === poolId)?.vmSize).toBe("");
    expect(b.find((row) => row.poolId === `${poolId}-1`)?.tags).toEqual(leaveOut ? {} : { n: "1" });

    const nodes = nodeRows(viaSession.id, 30).map((node, i) => ({ ...node, name: `${node.name}-${leaveOut}`, createdAt: i % 2 ? new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)) : node.createdAt }));
    await store.db.nodeSnapshot.createMany({ data: nodes.map((node) => ({ ...node, runId: viaPrisma.id })) });
    // The run's id and time as shared values, and a field that is not a column left aside.
    const collected = nodes.map(({ runId: _runId, takenAt: _takenAt, ...node }) => ({ ...node, poolName: "np1" }));
    await store.withSql((sql) => sql.transaction((tx) => insertRows(tx, "NodeSnapshot", collected, { shared: { runId: viaSession.id, takenAt }, ignore: ["poolName"] })));
    const [nodesA, nodesB] = await Promise.all(
      [viaPrisma, viaSession].map((run) => store.db.nodeSnapshot.findMany({ where: { runId: run.id }, orderBy: { name: "asc" } })),
    );
    expect(nodesB.map((n) => ({ ...n, runId: 0 }))).toEqual(nodesA.map((n) => ({ ...n, runId: 0 })));
  });

  it(`writes ${bulkRows} node rows in one transaction`, async () => {
    const run = await store.db.collectionRun.create({ data: { trigger: "cli", source: "bulk" } });
    const rows = nodeRows(run.id, bulkRows);
    const started = Date.now();
    const written = await store.db.$transaction(async (tx) => {
      const count = await insertRows(tx, "NodeSnapshot", rows);
      await tx.collectionRun.update({ where: { id: run.id }, data: { status: "succeeded", nodeCount: count } });
      return count;
    });
    console.log(`insertRows on ${kind}: ${bulkRows} NodeSnapshot rows in ${Date.now() - started} ms`);
    expect(written).toBe(bulkRows);
    expect(await store.db.nodeSnapshot.count({ where: { runId: run.id } })).toBe(bulkRows);
  });

  it("rolls back a bulk insert that fails, and the session goes on", async () => {
    const run = await store.db.collectionRun.create({ data: { trigger: "cli", source: "failing" } });
    const rows = nodeRows(run.id, 3);
    const repeated = [...rows.slice(0, 2), { ...rows[2], name: rows[0].name }];
    await expect(store.withSql((sql) => sql.transaction((tx) => insertRows(tx, "NodeSnapshot", repeated)))).rejects.toThrow(/duplicate key/);
    expect(await store.db.nodeSnapshot.count({ where: { runId: run.id } })).toBe(0);
    expect(await store.withSql((sql) => sql.transaction((tx) => insertRows(tx, "NodeSnapshot", rows.slice(0, 2))))).toBe(2);
    // Outside a transaction too.
    expect(await store.withSql((sql) => insertRows(sql, "NodeSnapshot", rows.slice(2)))).toBe(1);
    expect(await store.db.nodeSnapshot.count({ where: { runId: run.id } })).toBe(3);
  });

  it("rejects a column the table does not have", async () => {
    const bad = [{ runId: 1, nope: 1 }] as unknown as RowOf<"NodeSnapshot">[];
    await expect(insertRows(store.db, "NodeSnapshot", bad)).rejects.toThrow("insertRows(NodeSnapshot): no column nope");
  });
});
