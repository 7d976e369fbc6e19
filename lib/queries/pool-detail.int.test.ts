import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestStore, testStoreKinds, type TestStore } from "@/lib/store/test-store";
import { CHANGES_PER_PAGE, getPoolDetail } from "./pool-detail";
import { buildFleet, seedFleet, writeRun, type Fleet } from "./testing/fleet-fixture";

describe.each(testStoreKinds())("pool detail on %s", (kind) => {
  let store: TestStore;
  let fleet: Fleet;
  let runIds: number[];
  let spotId: string;
  let windowsId: string;

  beforeAll(async () => {
    store = await createTestStore({ kind });
    fleet = buildFleet({ subscriptions: 1, clustersPerSubscription: 2, poolsPerCluster: 5 });
    // 48 hourly runs, then a run where the spot pool's labels and count change, then one where the Windows pool goes.
    const seeded = await seedFleet(store.db, fleet, { runs: 48, end: new Date("2026-11-20T12:00:00Z") });
    runIds = seeded.runIds;
    const spot = fleet.pools.find((pool) => pool.wire.name === "spot")!;
    spotId = spot.id;
    spot.wire.properties.nodeLabels = { ...spot.wire.properties.nodeLabels, team: "ml" };
    spot.wire.properties.count = 5;
    runIds.push(await writeRun(store.db, fleet, seeded.previous, { startedAt: new Date("2026-11-20T13:00:00Z"), nodes: true }));
    const windows = fleet.pools.find((pool) => pool.wire.name === "win22")!;
    windowsId = windows.id;
    windows.deletedAt = new Date("2026-11-20T14:00:00Z");
    runIds.push(await writeRun(store.db, fleet, seeded.previous, { startedAt: new Date("2026-11-20T14:00:00Z"), nodes: true }));
  });
  afterAll(async () => {
    await store?.dispose();
  });

  test("the change log comes a page at a time", async () => {
    const first = await getPoolDetail(spotId, { range: "7d" }, store.db);
    const second = await getPoolDetail(spotId, { range: "7d", changesPage: 2 }, store.db);
    if (first.state !== "ready" || second.state !== "ready") throw new Error("expected data");
    expect(first.changes).toMatchObject({ total: 2, page: 1, size: CHANGES_PER_PAGE });
    expect(first.changes.shown).toHaveLength(2);
    expect(second.changes).toEqual({ total: 2, page: 2, size: CHANGES_PER_PAGE, shown: [] });
  });

  test("an unknown pool is not found", async () => {
    expect(await getPoolDetail("/subscriptions/x/nope", { range: "7d" }, store.db)).toEqual({ state: "not-found" });
  });

  test("a pool: its ARM properties, nodes, skew, history and change log", async () => {
    const detail = await getPoolDetail(spotId.toUpperCase(), { range: "7d" }, store.db);
    if (detail.state !== "ready") throw new Error(detail.state);
    expect(detail.run.id).toBe(runIds.at(-1));
    expect(detail.pool).toMatchObject({ id: spotId, name: "spot", deletedAt: null });
    expect(detail.pool.armId.toLowerCase()).toBe(spotId);
    expect(detail.snapshot?.properties).toEqual(fleet.pools.find((pool) => pool.id === spotId)!.wire.properties);
    expect(detail.cluster).toMatchObject({ name: "aks-contoso-prod-01", nodeResourceGroup: "MC_rg-contoso-prod-AKS_aks-contoso-prod-01_westeurope", controlPlaneVersion: "1.30.6" });
    expect(detail.skew).toEqual({ status: "same", minorsBehind: 0 });
    expect(detail.nodes).toHaveLength(5);
    expect(detail.nodes[0]).toMatchObject({ ready: true, cordoned: false, zone: "0", allocatableCpuMillis: 15740 });
    expect(detail.changes.total).toBe(2);
    expect(detail.changes.shown.map((change) => change.field).sort()).toEqual(["count", "nodeLabels"]);
    const labels = detail.changes.shown.find((change) => change.field === "nodeLabels")!;
    expect(labels).toMatchObject({ runId: runIds[48], takenAt: "2026-11-20T13:00:00.000Z" });
    expect(labels.after).toMatchObject({ team: "ml" });
    expect(labels.before).not.toHaveProperty("team");
    // 50 hourly runs on a 7-day chart: buckets fit the 49 hours there are, one point per run.
    expect(detail.history.bucketSeconds).toBe(900);
    expect(detail.history.points).toHaveLength(50);
    expect(detail.history.points.at(-1)).toMatchObject({ count: 5, ready: 5, min: 0, max: 20 });
    expect(detail.history.points[0]).toMatchObject({ count: 2 });
  });

  test("a 24-hour chart holds the last day only", async () => {
    const detail = await getPoolDetail(spotId, { range: "24h" }, store.db);
    if (detail.state !== "ready") throw new Error(detail.state);
    expect(detail.history.points.length).toBe(24);
  });

  test("time travel: as of the run before the change, the old labels and no change log", async () => {
    const detail = await getPoolDetail(spotId, { run: runIds[47], range: "7d" }, store.db);
    if (detail.state !== "ready") throw new Error(detail.state);
    expect(detail.run).toMatchObject({ id: runIds[47], latestId: runIds.at(-1) });
    expect(detail.snapshot?.properties).toMatchObject({ count: 2 });
    expect(detail.snapshot?.properties.nodeLabels).not.toHaveProperty("team");
    expect(detail.changes.total).toBe(0);
    expect(detail.nodes).toHaveLength(2);
  });

  test("a deleted pool stays reachable with its last snapshot, history and the deletion in its log", async () => {
    const detail = await getPoolDetail(windowsId, { range: "7d" }, store.db);
    if (detail.state !== "ready") throw new Error(detail.state);
    expect(detail.pool.deletedAt).toBe("2026-11-20T14:00:00.000Z");
    expect(detail.snapshot).toMatchObject({ runId: runIds[48] });
    expect(detail.changes.shown[0]).toMatchObject({ field: "pool", after: null, runId: runIds[49] });
    expect(detail.history.points).toHaveLength(49);
  });
});
