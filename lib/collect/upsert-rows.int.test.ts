import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStore, testStoreKinds, type TestStore } from "@/lib/store/test-store";
import { upsertRows } from "./upsert-rows";
import { costDayUpsert } from "./write-cost-days";

function costDays(count: number, amountOf: (i: number) => number, updatedAt: Date) {
  return Array.from({ length: count }, (_, i) => ({
    day: `2026-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
    subscriptionId: "/subscriptions/s1",
    clusterId: i % 3 ? "/subscriptions/s1/c1" : null,
    poolId: i % 2 ? `/subscriptions/s1/c1/agentpools/p${i}` : null,
    scopeId: `/subscriptions/s1/c1/agentpools/p${i}`,
    costType: "ActualCost",
    currency: "USD",
    amount: amountOf(i),
    source: "cost-management",
    updatedAt,
  }));
}

// 10,001 rows go through a temporary table on PGlite (COPY), a literal per column on a Postgres server; 3 rows by literals.
describe.each(testStoreKinds())("upsertRows on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore({ kind });
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.each([3, 10_001])("inserts %i rows, then updates them on their key", async (count) => {
    const first = new Date("2026-11-01T00:00:00Z");
    const second = new Date("2026-11-02T00:00:00Z");
    const write = (rows: ReturnType<typeof costDays>) => store.withSql((sql) => sql.transaction((tx) => upsertRows(tx, "CostDaily", costDayUpsert.columns, costDayUpsert.conflict, costDayUpsert.update, rows)));
    await store.db.costDaily.deleteMany();
    expect(await write(costDays(count, (i) => i / 4, first))).toBe(count);
    expect(await write(costDays(count, (i) => (i % 2 ? i / 4 : i + 0.5), second))).toBe(count);
    const rows = await store.db.costDaily.findMany({ orderBy: { id: "asc" } });
    expect(rows).toHaveLength(count);
    const last = count - 1;
    expect(rows[last]).toMatchObject({ scopeId: `/subscriptions/s1/c1/agentpools/p${last}`, amount: last % 2 ? last / 4 : last + 0.5, updatedAt: second, clusterId: last % 3 ? "/subscriptions/s1/c1" : null });
    expect(rows[last].day.toISOString().slice(0, 10)).toBe(costDays(count, () => 0, first)[last].day);
  });
});
