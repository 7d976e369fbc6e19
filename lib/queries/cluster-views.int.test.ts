import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestStore, testStoreKinds, type TestStore } from "@/lib/store/test-store";
import { getClusterDetail } from "./cluster-detail";
import { getClusterList } from "./cluster-list";
import { buildFleet, seedFleet, writeRun, type Fleet } from "./testing/fleet-fixture";

describe.each(testStoreKinds())("cluster list and detail on %s", (kind) => {
  let store: TestStore;
  let fleet: Fleet;
  let runIds: number[];

  beforeAll(async () => {
    store = await createTestStore({ kind });
    fleet = buildFleet({ subscriptions: 2, clustersPerSubscription: 2, poolsPerCluster: 5 });
    const seeded = await seedFleet(store.db, fleet, { runs: 1 });
    runIds = seeded.runIds;
    // The second cluster (1.31.2) gets a pool two minors behind and one ahead; its GPU pool goes.
    const cluster = fleet.clusters[1];
    const pools = fleet.pools.filter((pool) => pool.clusterId === cluster.id);
    pools[1].wire.properties.orchestratorVersion = "1.29.9";
    pools[1].wire.properties.currentOrchestratorVersion = "1.29.9";
    pools[2].wire.properties.orchestratorVersion = "1.32.0";
    pools[2].wire.properties.currentOrchestratorVersion = "1.32.0";
    pools[3].wire.properties.orchestratorVersion = "1.30.6";
    pools[3].wire.properties.currentOrchestratorVersion = "1.30.6";
    pools[4].deletedAt = new Date("2026-11-20T13:00:00Z");
    runIds.push(await writeRun(store.db, fleet, seeded.previous, { startedAt: new Date("2026-11-20T13:00:00Z") }));
  });
  afterAll(async () => {
    await store?.dispose();
  });

  test("the list: every cluster of the run, with pools, nodes and skewed pools counted", async () => {
    const list = await getClusterList({}, store.db);
    if (list.state !== "ready") throw new Error(list.state);
    expect(list.clusters.map((cluster) => cluster.name)).toEqual(["aks-contoso-dev-01", "aks-contoso-dev-02", "aks-contoso-prod-01", "aks-contoso-prod-02"]);
    const skewed = list.clusters.find((cluster) => cluster.id === fleet.clusters[1].id)!;
    expect(skewed).toMatchObject({ kubernetesVersion: "1.31.2", pools: 4, nodes: 3 + 4 + 2 + 1, readyNodes: 3 + 3 + 2 + 1, skewedPools: 2, kubeReachable: true });
    expect(skewed.poolVersions).toEqual(["1.29.9", "1.30.6", "1.31.2", "1.32.0"]);
    expect(list.clusters.find((cluster) => cluster.id === fleet.clusters[0].id)).toMatchObject({ pools: 5, skewedPools: 0 });
    expect(list.totals).toEqual({ clusters: 4, subscriptions: 2, skewedClusters: 1, allClusters: 4 });
  });

  test.each([
    ["free text", { q: "prod 02" }, ["aks-contoso-prod-02"]],
    ["skewed only", { skewedOnly: true }, ["aks-contoso-prod-02"]],
    ["a page of two", { size: 2, page: 2 }, ["aks-contoso-prod-01", "aks-contoso-prod-02"]],
  ])("the list filtered: %s", async (_name, query, names) => {
    const list = await getClusterList(query, store.db);
    if (list.state !== "ready") throw new Error(list.state);
    expect(list.clusters.map((cluster) => cluster.name)).toEqual(names);
  });

  test("the detail: properties, pools with their skew, node resource group, gone pools", async () => {
    const detail = await getClusterDetail(fleet.clusters[1].id, {}, store.db);
    if (detail.state !== "ready") throw new Error(detail.state);
    expect(detail.cluster.armId.toLowerCase()).toBe(fleet.clusters[1].id);
    expect(detail.snapshot).toMatchObject({ kubernetesVersion: "1.31.2", nodeResourceGroup: "MC_rg-contoso-prod-AKS_aks-contoso-prod-02_northeurope", skuTier: "Standard" });
    expect(detail.pools.map((pool) => [pool.name, pool.skew.status])).toEqual([
      ["general", "too-far-behind"],
      ["spot", "ahead"],
      ["system", "same"],
      ["win22", "behind"],
    ]);
    expect(detail.deletedPools).toEqual([{ id: fleet.pools.find((pool) => pool.deletedAt)!.id, name: "gpu", deletedAt: "2026-11-20T13:00:00.000Z" }]);
  });

  test("the detail as of the first run: no skew yet, nothing gone", async () => {
    const detail = await getClusterDetail(fleet.clusters[1].id, { run: runIds[0] }, store.db);
    if (detail.state !== "ready") throw new Error(detail.state);
    expect(detail.pools).toHaveLength(5);
    expect(detail.pools.every((pool) => pool.skew.status === "same")).toBe(true);
    expect(detail.deletedPools).toEqual([]);
  });

  test("an unknown cluster is not found", async () => {
    expect(await getClusterDetail("/subscriptions/x", {}, store.db)).toEqual({ state: "not-found" });
  });
});
