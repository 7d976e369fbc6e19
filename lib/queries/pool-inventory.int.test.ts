import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parsePoolView } from "@/lib/model/pool-view";
import { vmFamily } from "@/lib/model/vm-family";
import { createTestStore, testStoreKinds, type TestStore } from "@/lib/store/test-store";
import { exportPools, getPoolInventory } from "./pool-inventory";
import { buildFleet, seedFleet, writeRun, type Fleet } from "./testing/fleet-fixture";

const view = (params: Record<string, string | string[]> = {}) => parsePoolView(params);

describe.each(testStoreKinds())("pool inventory on %s", (kind) => {
  let store: TestStore;
  let fleet: Fleet;
  let runIds: number[];

  beforeAll(async () => {
    store = await createTestStore({ kind });
    fleet = buildFleet({ subscriptions: 3, clustersPerSubscription: 2, poolsPerCluster: 5 });
    const seeded = await seedFleet(store.db, fleet, { runs: 2 });
    runIds = seeded.runIds;
    // A third run in which one spot pool scaled out and got a label, and one Windows pool is gone.
    const spot = fleet.pools.find((pool) => pool.wire.name === "spot")!;
    spot.wire.properties.count = 7;
    spot.wire.properties.nodeLabels = { ...spot.wire.properties.nodeLabels, team: "ml" };
    fleet.pools.find((pool) => pool.wire.name === "win22")!.deletedAt = new Date("2026-11-20T13:00:00Z");
    runIds.push(await writeRun(store.db, fleet, seeded.previous, { startedAt: new Date("2026-11-20T13:00:00Z"), nodes: true }));
    // A failed run after it: pages skip it.
    await store.db.collectionRun.create({ data: { trigger: "schedule", source: "fixture", status: "failed", startedAt: new Date("2026-11-20T14:00:00Z") } });
  });
  afterAll(async () => {
    await store?.dispose();
  });

  test("an empty store says so", async () => {
    const empty = await createTestStore({ kind });
    try {
      expect(await getPoolInventory(view(), empty.db)).toEqual({ state: "empty", lastRun: null });
    } finally {
      await empty.dispose();
    }
  });

  test("the default view is the newest readable run, sorted by cluster, one page", async () => {
    // A page large enough for the whole estate; the default page is a screenful.
    const inventory = await getPoolInventory(view({ size: "50" }), store.db);
    if (inventory.state !== "ready") throw new Error("expected data");
    expect(inventory.run).toMatchObject({ id: runIds[2], latestId: runIds[2], requestedId: null, status: "succeeded" });
    expect(inventory.total).toBe(29); // 30 pools, one deleted
    expect(inventory.rows).toHaveLength(29);
    const clusters = inventory.rows.map((row) => row.cluster);
    expect(clusters).toEqual([...clusters].sort((a, b) => a.localeCompare(b)));
    const spot = inventory.rows.find((row) => row.priority === "Spot" && row.count === 7)!;
    expect(spot).toMatchObject({
      name: "spot",
      mode: "User",
      os: "Linux",
      vmSize: "Standard_D16s_v5",
      family: "Dsv5",
      autoscaling: true,
      min: 0,
      max: 20,
      zones: [],
      labels: { "kubernetes.azure.com/scalesetpriority": "spot", workload: "batch", team: "ml" },
      taints: ["kubernetes.azure.com/scalesetpriority=spot:NoSchedule"],
      power: "Running",
      provisioning: "Succeeded",
      ready: 7,
      measured: true,
    });
    expect(spot.armId).toMatch(/^\/subscriptions\/[0-9a-f-]+\/resourceGroups\/rg-contoso-prod-AKS\/providers\/Microsoft\.ContainerService\/managedClusters\/aks-contoso-prod-01\/agentPools\/spot$/);
    expect(spot.armId.toLowerCase()).toBe(spot.id);
  });

  test.each<[string, Record<string, string | string[]>, number]>([
    ["priority", { priority: "Spot" }, 6],
    ["priority in lower case", { priority: "spot" }, 6],
    ["spot pools of one subscription (by name)", { priority: "Spot", subscription: "contoso-dev" }, 2],
    ["a subscription by GUID", { subscription: "00000000-0000-0000-0000-000000000002" }, 10],
    ["two subscriptions", { subscription: ["contoso-dev", "fabrikam-data"] }, 20],
    ["mode", { mode: "System" }, 6],
    ["OS", { os: "windows" }, 5],
    ["VM family", { family: "Dsv5" }, 18],
    ["zones", { zones: "2" }, 12],
    ["no zones", { zones: "none" }, 12],
    ["a label key", { labels: "accelerator" }, 6],
    ["a label pair", { labels: "team=ml" }, 1],
    ["a taint substring", { taints: "noschedule" }, 23],
    ["autoscaler off", { autoscaling: "false" }, 11],
    ["nodes at least 3", { count: ">=3" }, 13],
    ["nodes between 1 and 2", { count: "1..2" }, 10],
    ["allocatable CPU above 100 vCPU", { cpu: ">100" }, 1],
    ["free text over name and labels", { q: "nvidia" }, 6],
    ["free text, two words", { q: "contoso batch" }, 4],
    ["free text that matches nothing", { q: "zzz" }, 0],
    ["power state", { power: "stopped" }, 6],
    ["Kubernetes version", { k8s: "1.31.2" }, 10],
    ["a LIKE wildcard is taken literally", { q: "%" }, 0],
  ])("filters by %s", async (_name, params, expected) => {
    const inventory = await getPoolInventory(view({ ...params, size: "200" }), store.db);
    if (inventory.state !== "ready") throw new Error("expected data");
    expect(inventory.total).toBe(expected);
    expect(inventory.rows).toHaveLength(expected);
  });

  test("sorts by Kubernetes version numerically, both ways, nulls last", async () => {
    const up = await getPoolInventory(view({ sort: "k8s", size: "200" }), store.db);
    const down = await getPoolInventory(view({ sort: "k8s", dir: "desc", size: "200" }), store.db);
    if (up.state !== "ready" || down.state !== "ready") throw new Error("expected data");
    expect(up.rows[0].k8s).toBe("1.29.9");
    expect(up.rows.at(-1)!.k8s).toBe("1.31.2");
    expect(down.rows[0].k8s).toBe("1.31.2");
  });

  test("sorts by every column without error", async () => {
    for (const sort of ["subscription", "zones", "labels", "taints", "memory", "spotMaxPrice", "family", "autoscaling"]) {
      const inventory = await getPoolInventory(view({ sort, dir: "desc" }), store.db);
      expect(inventory.state).toBe("ready");
    }
  });

  test("pages: 10 a page, the windowed total on each, a page past the end is empty but counted", async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => getPoolInventory(view({ size: "10", page: String(page), sort: "name" }), store.db)));
    const ids = pages.flatMap((page) => (page.state === "ready" ? page.rows.map((row) => row.id) : []));
    expect(pages.map((page) => (page.state === "ready" ? [page.total, page.rows.length] : null))).toEqual([
      [29, 10],
      [29, 10],
      [29, 9],
      [29, 0],
    ]);
    expect(new Set(ids).size).toBe(29);
  });

  test("groups by cluster: groups together, with their totals", async () => {
    const inventory = await getPoolInventory(view({ group: "cluster", sort: "count", dir: "desc", size: "200" }), store.db);
    if (inventory.state !== "ready") throw new Error("expected data");
    const first = inventory.rows[0];
    expect(first.group).toMatchObject({ label: "aks-contoso-dev-01", pools: 5 });
    expect(first.group!.nodes).toBe(3 + 4 + 2 + 1 + 0);
    const keys = inventory.rows.map((row) => row.group!.key);
    expect(keys.filter((key, index) => key !== keys[index - 1])).toHaveLength(6);
    const inGroup = inventory.rows.filter((row) => row.group!.key === first.group!.key).map((row) => row.count);
    expect(inGroup).toEqual([...inGroup].sort((a, b) => (b ?? 0) - (a ?? 0)));
  });

  test("facets list the run's values with their pool counts", async () => {
    const inventory = await getPoolInventory(view(), store.db);
    if (inventory.state !== "ready") throw new Error("expected data");
    expect(inventory.facets.priority).toEqual([
      { value: "Regular", pools: 23 },
      { value: "Spot", pools: 6 },
    ]);
    expect(inventory.facets.zones).toEqual([
      { value: "1", pools: 17 },
      { value: "2", pools: 12 },
      { value: "3", pools: 12 },
    ]);
    expect(inventory.facets.subscription?.map((facet) => facet.value)).toEqual(["contoso-dev", "contoso-prod", "fabrikam-data"]);
    expect(inventory.facets.family?.map((facet) => facet.value)).toEqual(["Dsv5", "Edsv5", "NCasT4v3"]);
  });

  test("the VM family is vmFamily() of the size, and sorts as such", async () => {
    const inventory = await getPoolInventory(view({ size: "200", sort: "family", dir: "desc" }), store.db);
    if (inventory.state !== "ready") throw new Error("expected data");
    for (const row of inventory.rows) expect(row.family).toBe(vmFamily(row.vmSize ?? ""));
    expect([...new Set(inventory.rows.map((row) => row.family))]).toEqual(["NCasT4v3", "Edsv5", "Dsv5"]);
  });

  test("time travel: ?run=N shows that run's values; a failed run stands in for the readable one before it", async () => {
    const past = await getPoolInventory(view({ run: String(runIds[1]), priority: "Spot", sort: "count", dir: "desc" }), store.db);
    if (past.state !== "ready") throw new Error("expected data");
    expect(past.run).toMatchObject({ id: runIds[1], latestId: runIds[2] });
    expect(past.rows[0].count).toBe(2);
    const withDeleted = await getPoolInventory(view({ run: String(runIds[1]), os: "Windows" }), store.db);
    expect(withDeleted.state === "ready" && withDeleted.total).toBe(6);
    const failed = await getPoolInventory(view({ run: String(runIds[2] + 1) }), store.db);
    expect(failed.state === "ready" && failed.run).toMatchObject({ id: runIds[2], requestedId: runIds[2] + 1 });
  });

  test("export: every matching row in the view's order, with the stored ARM object", async () => {
    const exported = await exportPools(view({ priority: "Spot", sort: "name", page: "2", size: "2" }), { paged: false }, store.db);
    if (exported.state !== "ready") throw new Error("expected data");
    expect(exported.total).toBe(6);
    expect(exported.rows).toHaveLength(6);
    expect(exported.value).toHaveLength(6);
    const [first] = exported.value;
    expect(first).toMatchObject({ name: "spot", type: "Microsoft.ContainerService/managedClusters/agentPools", properties: { scaleSetPriority: "Spot", vmSize: "Standard_D16s_v5" } });
    expect(first.id).toBe(exported.rows[0].armId);
    const stored = fleet.pools.find((pool) => pool.id === exported.rows[0].id)!;
    expect(first.properties).toEqual(stored.wire.properties);
    const paged = await exportPools(view({ priority: "Spot", page: "2", size: "4" }), { paged: true }, store.db);
    expect(paged.state === "ready" && [paged.total, paged.rows.length]).toEqual([6, 2]);
  });
});
