/**
 * A run's cost days, inside its write's transaction: a day's figure is upserted on its scope (the pool, or the
 * cluster for the remainder), day, cost type and source, taking the new amount.
 */
import type { CostDay } from "@/lib/model/cost-mapping";
import type { SqlSession } from "@/lib/store/sql-executor";
import { inKeyOrder } from "./key-order";
import { upsertRows, type UpsertColumn } from "./upsert-rows";

/** How a cost day is upserted: on its scope, day, cost type and source, taking the new amount. */
export const costDayUpsert = {
  columns: [
    { name: "day", type: "date" },
    { name: "subscriptionId", type: "text" },
    { name: "clusterId", type: "text" },
    { name: "poolId", type: "text" },
    { name: "scopeId", type: "text" },
    { name: "costType", type: "text" },
    { name: "currency", type: "text" },
    { name: "amount", type: "double precision" },
    { name: "source", type: "text" },
    { name: "updatedAt", type: "timestamptz" },
  ] satisfies UpsertColumn[],
  conflict: ["scopeId", "day", "costType", "source"],
  update: { amount: "EXCLUDED.amount", currency: "EXCLUDED.currency", subscriptionId: 'EXCLUDED."subscriptionId"', clusterId: 'EXCLUDED."clusterId"', poolId: 'EXCLUDED."poolId"', updatedAt: 'EXCLUDED."updatedAt"' },
};

/**
 * Upserts `costs` as of `updatedAt`; returns the number of rows written. A day read twice adds up (in the currency
 * it was first read in).
 *
 * Not done: inserting the days of scopes with none stored (a first run's, a new pool's) by a plain COPY. It saved
 * ~0.2 s of a large estate's first write, but finding those scopes (one probe of the unique key per scope) and the
 * COPY's layout cost every later write more than that (~0.15 s on PGlite).
 */
export async function writeCostDays(tx: SqlSession, costs: readonly CostDay[], updatedAt: Date): Promise<number> {
  const days = inKeyOrder(costs, ["scopeId", "day", "costType", "source"], (known, cost) => (known.currency === cost.currency ? { ...known, amount: known.amount + cost.amount } : known));
  const { columns, conflict, update } = costDayUpsert;
  return upsertRows(tx, "CostDaily", columns, conflict, update, days.map((day) => ({ ...day, updatedAt })));
}
