import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parsePoolExport } from "@/lib/model/pool-view";
import { createTestStore, testStoreKinds, type TestStore } from "@/lib/store/test-store";
import { renderPoolExport } from "./pool-export";
import { buildFleet, seedFleet } from "./testing/fleet-fixture";

function render(store: TestStore, query: string) {
  const { view, format, paged } = parsePoolExport(new URLSearchParams(query));
  return renderPoolExport(view, format, paged, store.db);
}

describe.each(testStoreKinds())("pool export on %s", (kind) => {
  let store: TestStore;

  beforeAll(async () => {
    store = await createTestStore({ kind });
    const fleet = buildFleet({ subscriptions: 1, clustersPerSubscription: 2, poolsPerCluster: 5 });
    // A label value that needs quoting in CSV: a comma, a quote and a leading "=".
    fleet.pools[1].wire.properties.nodeLabels = { note: 'a,b "c"', formula: "=1+1" };
    await seedFleet(store.db, fleet, { runs: 1 });
  });
  afterAll(async () => {
    await store?.dispose();
  });

  test("an empty store has nothing to export", async () => {
    const empty = await createTestStore({ kind });
    try {
      expect(await render(empty, "")).toMatchObject({ status: 503 });
    } finally {
      await empty.dispose();
    }
  });

  test("CSV: the view's columns with units in the headers, RFC 4180 quoting, CRLF", async () => {
    const result = await render(store, "format=csv&cols=cluster,name,count,max,labels,cpu&sort=name");
    if (result.status !== 200) throw new Error(result.message);
    expect(result.contentType).toMatch(/^text\/csv/);
    expect(result.filename).toMatch(/^pools-run-\d+\.csv$/);
    const lines = result.body.split("\r\n");
    expect(lines[0]).toBe("Cluster,Pool,Nodes (count),Autoscaler max (nodes),Node labels,Allocatable CPU (vCPU)");
    expect(lines).toHaveLength(10 + 2); // header, 10 pools, and the empty string after the last CRLF
    expect(lines.at(-1)).toBe("");
    expect(result.body).toContain(`aks-contoso-prod-01,general,4,10,"note=a,b ""c""; formula==1+1",31.28\r\n`);
  });

  test("JSON: ARM objects, in the view's order; paged with a nextLink", async () => {
    const all = await render(store, "priority=Spot");
    if (all.status !== 200) throw new Error(all.message);
    const body = JSON.parse(all.body) as { total: number; value: { id: string; properties: Record<string, unknown> }[]; nextLink?: string };
    expect(body.total).toBe(2);
    expect(body.value.map((pool) => pool.properties.scaleSetPriority)).toEqual(["Spot", "Spot"]);
    expect(body.nextLink).toBeUndefined();
    const paged = await render(store, "size=4&sort=name");
    if (paged.status !== 200) throw new Error(paged.message);
    const page = JSON.parse(paged.body) as { total: number; value: unknown[]; run: { id: number }; nextLink?: string };
    expect(page.value).toHaveLength(4);
    expect(page.nextLink).toBe(`/api/pools?sort=name&page=2&size=4&run=${page.run.id}`);
  });
});
