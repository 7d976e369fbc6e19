import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CostDay } from "@/lib/model/cost-mapping";
import { createTestStore, testStoreKinds, type TestStore } from "@/lib/store/test-store";
import { writeCostDays } from "./write-cost-days";

const cluster = "/subscriptions/s1/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/c1";
const day = (pool: string | null, date: string, amount: number, currency = "USD"): CostDay => ({
  day: date,
  subscriptionId: "/subscriptions/s1",
  clusterId: cluster,
  poolId: pool && `${cluster}/agentpools/${pool}`,
  scopeId: pool ? `${cluster}/agentpools/${pool}` : cluster,
  costType: "ActualCost",
  currency,
  amount,
  source: "cost-management",
});

describe.each(testStoreKinds())("writeCostDays on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore({ kind });
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const write = (costs: CostDay[], at: Date) => store.withSql((sql) => sql.transaction((tx) => writeCostDays(tx, costs, at)));
  const stored = async () =>
    (await store.db.costDaily.findMany({ orderBy: [{ scopeId: "asc" }, { day: "asc" }] })).map((row) => [row.scopeId.split("/").pop(), row.day.toISOString().slice(0, 10), row.amount, row.currency, row.updatedAt.toISOString()]);

  it("upserts days on their key (a new day of a known scope, a new scope), and adds up a day read twice", async () => {
    const first = new Date("2026-11-01T00:00:00Z");
    const second = new Date("2026-11-02T00:00:00Z");
    // A day read twice adds up; in another currency it is left out.
    expect(await write([day("a", "2026-10-30", 1), day(null, "2026-10-30", 2), day("a", "2026-10-30", 0.5), day("a", "2026-10-30", 9, "EUR"), day("a", "2026-10-31", 3)], first)).toBe(3);
    expect(await stored()).toEqual([
      ["c1", "2026-10-30", 2, "USD", first.toISOString()],
      ["a", "2026-10-30", 1.5, "USD", first.toISOString()],
      ["a", "2026-10-31", 3, "USD", first.toISOString()],
    ]);
    // Pool a's day is updated and a new day of it added; pool b is new.
    expect(await write([day("a", "2026-10-31", 4), day("a", "2026-11-01", 5), day("b", "2026-10-31", 6)], second)).toBe(3);
    expect(await stored()).toEqual([
      ["c1", "2026-10-30", 2, "USD", first.toISOString()],
      ["a", "2026-10-30", 1.5, "USD", first.toISOString()],
      ["a", "2026-10-31", 4, "USD", second.toISOString()],
      ["a", "2026-11-01", 5, "USD", second.toISOString()],
      ["b", "2026-10-31", 6, "USD", second.toISOString()],
    ]);
    expect(await write([], second)).toBe(0);
  });
});
