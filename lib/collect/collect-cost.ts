/**
 * Cost for one subscription's clusters: the days not collected yet (plus a few recent days, which Azure still
 * revises), at most once every few hours per subscription, in one Cost Management query grouped by ResourceId and
 * filtered to the node resource groups; then mapped to pools and cluster remainders.
 */
import type { ArmClient } from "@/lib/azure/arm-client";
import { qpuBudgetFor, queryCostByResource, queryQpu } from "@/lib/azure/cost-query";
import { aggregateCost, nodeResourceGroupKey, type CostDay, type NodeResourceGroup } from "@/lib/model/cost-mapping";
import type { CollectedPool, RunError } from "@/lib/model/snapshot";
import type { CallRunner } from "@/lib/net/call-runner";
import { describeFailure } from "./describe-failure";
import type { ClusterReading } from "./collect-cluster";

/** What the store already holds for a subscription's cost. */
export type CostState = { lastDay: string; updatedAt: Date };

export type CostPlan = {
  /** Today (UTC), YYYY-MM-DD. */
  today: string;
  /** Days fetched for a subscription seen for the first time. */
  costDays: number;
  /** Days before the last stored one that are fetched again (Azure revises recent days). */
  revisedDays: number;
  /** A subscription whose cost was written more recently than this is not queried again. */
  refreshMs: number;
  costState: Map<string, CostState>;
};

export const DEFAULT_COST_REVISED_DAYS = 3;
export const DEFAULT_COST_REFRESH_MS = 6 * 3_600_000;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The days to query for a subscription, or null when its cost is fresh enough. */
export function costWindow(plan: CostPlan, subscriptionId: string, now = Date.now()): { from: string; to: string } | null {
  const state = plan.costState.get(subscriptionId);
  if (state && now - state.updatedAt.getTime() < plan.refreshMs) return null;
  const earliest = addDays(plan.today, -(plan.costDays - 1));
  const from = state ? addDays(state.lastDay, -plan.revisedDays) : earliest;
  return { from: from < earliest ? earliest : from, to: plan.today };
}

export async function collectSubscriptionCost(
  deps: { arm: ArmClient; runner: CallRunner; budgetKey: string },
  plan: CostPlan,
  subscription: { id: string; subscriptionId: string },
  readings: ClusterReading[],
  pools: CollectedPool[],
): Promise<{ costs: CostDay[]; errors: RunError[] }> {
  const groups = new Map<string, NodeResourceGroup>();
  const poolsByCluster = new Map<string, CollectedPool[]>();
  for (const pool of pools) poolsByCluster.set(pool.clusterId, [...(poolsByCluster.get(pool.clusterId) ?? []), pool]);
  for (const reading of readings) {
    const rg = reading.cluster.nodeResourceGroup;
    if (!rg) continue;
    groups.set(nodeResourceGroupKey(subscription.subscriptionId, rg), {
      subscriptionId: subscription.id,
      clusterId: reading.cluster.id,
      name: rg.toLowerCase(),
      poolsByName: new Map((poolsByCluster.get(reading.cluster.id) ?? []).map((pool) => [pool.name.toLowerCase(), pool.id])),
      poolsByScaleSet: reading.scaleSets,
    });
  }
  if (groups.size === 0) return { costs: [], errors: [] };
  const window = costWindow(plan, subscription.id);
  if (!window) return { costs: [], errors: [] };
  try {
    await qpuBudgetFor(deps.budgetKey).take(queryQpu(window.from, window.to), deps.runner.deadline, deps.runner.signal);
    const result = await queryCostByResource(deps.arm, {
      subscriptionGuid: subscription.subscriptionId,
      resourceGroups: readings.map((reading) => reading.cluster.nodeResourceGroup).filter((rg): rg is string => Boolean(rg)),
      from: window.from,
      to: window.to,
      costType: "ActualCost",
    });
    const { days } = aggregateCost(result.rows, groups, "ActualCost");
    const errors: RunError[] = result.malformed.slice(0, 10).map((entry) => ({
      scope: subscription.id,
      kind: "malformed",
      message: `A cost row was not stored: ${entry.reason}`,
      hint: "Cost Management answered with something other than its documented shape; the other rows are kept.",
    }));
    if (result.malformed.length > 10) errors.push({ scope: subscription.id, kind: "malformed", message: `${result.malformed.length - 10} more cost rows were not stored`, hint: "See the errors above." });
    return { costs: days, errors };
  } catch (error) {
    const failure = describeFailure(error, subscription.id, "cost");
    return { costs: [], errors: [{ ...failure, message: `Cost not read: ${failure.message}`, hint: `${failure.hint ?? ""} Pools show retail estimates until then.`.trim() }] };
  }
}
