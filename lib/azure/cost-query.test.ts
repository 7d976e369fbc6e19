import { describe, expect, it } from "vitest";
import { buildCostQuery, QpuBudget, queryQpu } from "./cost-query";

describe("cost queries", () => {
  it.each([
    ["2026-01-01", "2026-01-01", 1],
    ["2026-01-01", "2026-01-31", 1],
    ["2026-01-01", "2026-02-01", 2],
    ["2026-01-15", "2026-02-14", 1],
    ["2025-11-01", "2026-01-01", 2],
  ])("%s to %s costs %d QPU", (from, to, qpu) => expect(queryQpu(from, to)).toBe(qpu));

  it("groups by resource, filtered to the node resource groups, daily", () => {
    expect(buildCostQuery({ subscriptionGuid: "s", resourceGroups: ["MC_a", "MC_b"], from: "2026-01-01", to: "2026-01-02", costType: "ActualCost" })).toEqual({
      type: "ActualCost",
      timeframe: "Custom",
      timePeriod: { from: "2026-01-01T00:00:00Z", to: "2026-01-02T23:59:59Z" },
      dataset: {
        granularity: "Daily",
        aggregation: { totalCost: { name: "Cost", function: "Sum" } },
        grouping: [{ type: "Dimension", name: "ResourceId" }],
        filter: { dimensions: { name: "ResourceGroupName", operator: "In", values: ["MC_a", "MC_b"] } },
      },
    });
  });

  it("budgets QPU per window", async () => {
    const budget = new QpuBudget([{ ms: 10_000, qpu: 12 }]);
    for (let i = 0; i < 4; i++) await budget.take(3, Date.now() + 1000);
    expect(budget.waitMs(1)).toBeGreaterThan(9_000);
    await expect(budget.take(1, Date.now() + 1000)).rejects.toThrow(/query limit/);
  });
});
