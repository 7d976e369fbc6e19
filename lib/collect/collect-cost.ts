/**
 * Cost, queried sparingly. Cost Management limits queries per tenant in QPU (12 per 10 s, 60 a minute, 600 an
 * hour; every page of a query costs one QPU per month of data), far below what a large fleet would need to fetch
 * everything in every run. So:
 *   - one query per subscription, for the days not stored yet (plus a few recent days, which Azure still revises),
 *     grouped by ResourceId and filtered to the node resource groups; a subscription queried within the last few
 *     hours is not queried again;
 *   - one worker runs the queries while the rest of the run reads, stalest subscription first (never-collected
 *     ones before all others), under a client-side QPU budget so that it is not throttled;
 *   - the run does not wait for cost: what the budget cannot fit before the rest of the read is done (plus a short
 *     grace) is deferred to the next runs, and the run says how many were deferred.
 */
import type { ArmClient } from "@/lib/azure/arm-client";
import { qpuBudgetFor, queryCostByResource, queryQpu } from "@/lib/azure/cost-query";
import { aggregateCost, nodeResourceGroupKey, type CostDay, type NodeResourceGroup } from "@/lib/model/cost-mapping";
import type { CollectedPool, RunError } from "@/lib/model/snapshot";
import { DeadlineError, type CallRunner } from "@/lib/net/call-runner";
import type { ClusterReading } from "./collect-cluster";
import { describeFailure } from "./describe-failure";

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
/** How long cost queries may go on once everything else of the run has been read. */
export const COST_GRACE_MS = 3_000;

export type CostSummary = { queried: number; upToDate: number; deferred: number; failed: number; qpu: number };

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

type CostRequest = { subscription: { id: string; subscriptionId: string }; groups: Map<string, NodeResourceGroup>; resourceGroups: string[]; window: { from: string; to: string }; staleness: number };

/** The node resource groups of a subscription's clusters, with their pools, for mapping cost rows. */
export function nodeResourceGroups(subscription: { id: string; subscriptionId: string }, readings: ClusterReading[], pools: CollectedPool[]): Map<string, NodeResourceGroup> {
  const groups = new Map<string, NodeResourceGroup>();
  for (const reading of readings) {
    const rg = reading.cluster.nodeResourceGroup;
    if (!rg) continue;
    const own = pools.filter((pool) => pool.clusterId === reading.cluster.id);
    groups.set(nodeResourceGroupKey(subscription.subscriptionId, rg), {
      subscriptionId: subscription.id,
      clusterId: reading.cluster.id,
      name: rg.toLowerCase(),
      poolsByName: new Map(own.map((pool) => [pool.name.toLowerCase(), pool.id])),
      poolsByScaleSet: reading.scaleSets,
    });
  }
  return groups;
}

export class CostCollector {
  private readonly queue: CostRequest[] = [];
  private readonly costs: CostDay[] = [];
  private readonly errors: RunError[] = [];
  private readonly summary: CostSummary = { queried: 0, upToDate: 0, deferred: 0, failed: 0, qpu: 0 };
  private wake: (() => void) | undefined;
  private readingDone = false;
  private stopAt = Number.POSITIVE_INFINITY;
  private readonly worker: Promise<void>;

  constructor(
    private readonly deps: { arm: ArmClient; runner: CallRunner; budgetKey: string },
    private readonly plan: CostPlan,
  ) {
    this.worker = this.work();
  }

  /** Queues a subscription whose clusters have been read. */
  add(subscription: { id: string; subscriptionId: string }, readings: ClusterReading[], pools: CollectedPool[]): void {
    const groups = nodeResourceGroups(subscription, readings, pools);
    if (groups.size === 0) return;
    const window = costWindow(this.plan, subscription.id);
    if (!window) {
      this.summary.upToDate += 1;
      return;
    }
    const state = this.plan.costState.get(subscription.id);
    const resourceGroups = readings.map((reading) => reading.cluster.nodeResourceGroup).filter((rg): rg is string => Boolean(rg));
    this.queue.push({ subscription, groups, resourceGroups, window, staleness: state ? Date.now() - state.updatedAt.getTime() : Number.POSITIVE_INFINITY });
    this.wake?.();
  }

  /** Called when everything else has been read: the worker stops starting queries after the grace period. */
  async finish(graceMs = COST_GRACE_MS): Promise<{ costs: CostDay[]; errors: RunError[]; summary: CostSummary }> {
    this.readingDone = true;
    this.stopAt = Math.min(this.deps.runner.deadline, Date.now() + graceMs);
    this.wake?.();
    await this.worker;
    this.summary.deferred += this.queue.length;
    this.queue.length = 0;
    return { costs: this.costs, errors: this.errors, summary: this.summary };
  }

  private next(): CostRequest | undefined {
    if (this.queue.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) if (this.queue[i].staleness > this.queue[best].staleness) best = i;
    return this.queue.splice(best, 1)[0];
  }

  private async work(): Promise<void> {
    const budget = qpuBudgetFor(this.deps.budgetKey);
    for (;;) {
      if (this.queue.length === 0) {
        if (this.readingDone) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      if (Date.now() >= this.stopAt) return;
      const request = this.next()!;
      const qpu = queryQpu(request.window.from, request.window.to);
      try {
        const result = await queryCostByResource(
          this.deps.arm,
          { subscriptionGuid: request.subscription.subscriptionId, resourceGroups: request.resourceGroups, from: request.window.from, to: request.window.to, costType: "ActualCost" },
          async () => {
            // Waits for room in the QPU budget, but not past the end of the run's other reads (then it defers).
            await budget.take(qpu, Math.min(this.deps.runner.deadline, this.stopAt), this.deps.runner.signal);
            this.summary.qpu += qpu;
          },
        );
        this.costs.push(...aggregateCost(result.rows, request.groups, "ActualCost").days);
        this.summary.queried += 1;
        this.errors.push(
          ...result.malformed.slice(0, 10).map((entry) => ({
            scope: request.subscription.id,
            kind: "malformed",
            message: `A cost row was not stored: ${entry.reason}`,
            hint: "Cost Management answered with something other than its documented shape; the other rows are kept.",
          })),
        );
        if (result.malformed.length > 10) this.errors.push({ scope: request.subscription.id, kind: "malformed", message: `${result.malformed.length - 10} more cost rows were not stored`, hint: "See the errors above." });
      } catch (error) {
        if (error instanceof DeadlineError && !this.deps.runner.signal?.aborted && Date.now() < this.deps.runner.deadline) {
          // The budget could not fit it in this run: the next run asks for it first.
          this.summary.deferred += 1;
          continue;
        }
        this.summary.failed += 1;
        const failure = describeFailure(error, request.subscription.id, "cost");
        this.errors.push({ ...failure, message: `Cost not read: ${failure.message}`, hint: `${failure.hint ?? ""} Pools show retail estimates until then.`.trim() });
      }
    }
  }
}
