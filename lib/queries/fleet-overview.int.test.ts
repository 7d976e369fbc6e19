import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestStore, testStoreKinds, type TestStore } from "@/lib/store/test-store";
import { getFleetOverview } from "./fleet-overview";
import { buildFleet, seedFleet, writeRun, type Fleet } from "./testing/fleet-fixture";

describe.each(testStoreKinds())("fleet overview on %s", (kind) => {
  let store: TestStore;
  let fleet: Fleet;
  let runIds: number[];

  beforeAll(async () => {
    store = await createTestStore({ kind });
    fleet = buildFleet({ subscriptions: 2, clustersPerSubscription: 2, poolsPerCluster: 5 });
    // Ten days of runs every 6 hours, then the spot pools scale out and one pool goes.
    const seeded = await seedFleet(store.db, fleet, { runs: 40, intervalMs: 6 * 3_600_000, end: new Date("2026-11-20T12:00:00Z") });
    runIds = seeded.runIds;
    for (const pool of fleet.pools.filter((p) => p.wire.name === "spot")) pool.wire.properties.count = 6;
    fleet.pools.find((p) => p.wire.name === "gpu")!.deletedAt = new Date("2026-11-20T18:00:00Z");
    runIds.push(await writeRun(store.db, fleet, seeded.previous, { startedAt: new Date("2026-11-20T18:00:00Z") }));
  });
  afterAll(async () => {
    await store?.dispose();
  });

  test("an empty store", async () => {
    const empty = await createTestStore({ kind });
    try {
      expect(await getFleetOverview({}, empty.db)).toEqual({ state: "empty", lastRun: null });
    } finally {
      await empty.dispose();
    }
  });

  test("totals and their change since a week ago", async () => {
    const overview = await getFleetOverview({}, store.db);
    if (overview.state !== "ready") throw new Error(overview.state);
    expect(overview.run.id).toBe(runIds.at(-1));
    expect(overview.totals).toMatchObject({ subscriptions: 2, clusters: 4, pools: 19, nodes: 4 * (3 + 4 + 6 + 1) });
    expect(overview.weekAgo).toMatchObject({ pools: 20, nodes: 4 * (3 + 4 + 2 + 1), startedAt: "2026-11-13T18:00:00.000Z" });
  });

  test("breakdowns with pools and nodes", async () => {
    const overview = await getFleetOverview({}, store.db);
    if (overview.state !== "ready") throw new Error(overview.state);
    expect(overview.byPriority).toEqual([
      { key: "Regular", pools: 15, nodes: 4 * (3 + 4 + 1) },
      { key: "Spot", pools: 4, nodes: 24 },
    ]);
    expect(overview.byMode).toEqual([
      { key: "User", pools: 15, nodes: 4 * (4 + 6 + 1) },
      { key: "System", pools: 4, nodes: 12 },
    ]);
    expect(overview.byFamily.map((row) => [row.key, row.pools])).toEqual([
      ["Dsv5", 12],
      ["Edsv5", 4],
      ["NCasT4v3", 3],
    ]);
    expect(overview.byOs.map((row) => row.key)).toEqual(["Linux", "Windows"]);
    expect(overview.byVersion.map((row) => row.key)).toEqual(["1.31.2", "1.30.6", "1.29.9"]);
  });

  test("node trend: 30 days of 6-hourly runs, one point per run; the last point has the scaled-out spot pools", async () => {
    const overview = await getFleetOverview({}, store.db);
    if (overview.state !== "ready") throw new Error(overview.state);
    expect(overview.nodeTrend.bucketSeconds).toBe(2 * 3600); // 10 days of history on a 30-day chart: buckets fit the 10 days
    expect(overview.nodeTrend.points).toHaveLength(41);
    expect(overview.nodeTrend.points.at(-1)).toMatchObject({ regular: 4 * (3 + 4 + 1), spot: 24, total: 56 });
    expect(overview.nodeTrend.points[0]).toMatchObject({ spot: 8 });
    const day = await getFleetOverview({ range: "24h" }, store.db);
    expect(day.state === "ready" && day.nodeTrend.points.length).toBe(4);
  });

  test("changes of the week: the spot pools' counts and the deleted pool", async () => {
    const overview = await getFleetOverview({}, store.db);
    if (overview.state !== "ready") throw new Error(overview.state);
    expect(overview.changes).toMatchObject({ total: 5, pools: 5 });
    expect(overview.changes.latest.filter((change) => change.deleted)).toHaveLength(1);
    expect(overview.changes.latest.find((change) => change.field === "count")).toMatchObject({ pool: "spot", runId: runIds.at(-1) });
  });

  test("time travel: as of an earlier run, the earlier fleet", async () => {
    const overview = await getFleetOverview({ run: runIds[10] }, store.db);
    if (overview.state !== "ready") throw new Error(overview.state);
    expect(overview.run).toMatchObject({ id: runIds[10], latestId: runIds.at(-1) });
    expect(overview.totals.pools).toBe(20);
    expect(overview.weekAgo).toBeNull(); // the first run is less than a week earlier
    expect(overview.changes.total).toBe(0);
    expect(overview.nodeTrend.points).toHaveLength(11);
  });
});
