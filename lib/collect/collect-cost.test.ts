import { describe, expect, it } from "vitest";
import { costWindow, type CostPlan } from "./collect-cost";

const now = Date.parse("2026-03-10T12:00:00Z");
const plan = (state?: { lastDay: string; updatedAt: string }): CostPlan => ({
  today: "2026-03-10",
  costDays: 62,
  revisedDays: 3,
  refreshMs: 6 * 3_600_000,
  costState: new Map(state ? [["/subscriptions/a", { lastDay: state.lastDay, updatedAt: new Date(state.updatedAt) }]] : []),
});

describe("costWindow", () => {
  it.each<[string, { lastDay: string; updatedAt: string } | undefined, { from: string; to: string } | null]>([
    ["a new subscription gets the whole history", undefined, { from: "2026-01-08", to: "2026-03-10" }],
    ["a recent query is not repeated", { lastDay: "2026-03-09", updatedAt: "2026-03-10T09:00:00Z" }, null],
    ["an older one fetches from a few days before the last stored day", { lastDay: "2026-03-08", updatedAt: "2026-03-09T12:00:00Z" }, { from: "2026-03-05", to: "2026-03-10" }],
    ["never further back than the history kept", { lastDay: "2025-01-01", updatedAt: "2025-01-02T00:00:00Z" }, { from: "2026-01-08", to: "2026-03-10" }],
  ])("%s", (_name, state, expected) => expect(costWindow(plan(state), "/subscriptions/a", now)).toEqual(expected));
});
