/**
 * Daily cost per resource from Cost Management, for the node resource groups of one subscription.
 *
 * Cost Management limits queries per tenant in QPU (12 per 10 s, 60 per minute, 600 per hour; a query costs one QPU
 * per month of data it covers), so the collector asks sparingly: one query per subscription per run, only for the
 * days not collected yet, grouped by ResourceId and filtered to the node resource groups. A client-side QPU budget
 * keeps a run under the limits; a 429's x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after is honoured by the
 * call policy. The JS SDK does not follow `properties.nextLink`; this module does.
 */
import type { QueryDefinition } from "@azure/arm-costmanagement";
import { readCostRows, type CostReadResult } from "@/lib/model/cost-mapping";
import { DeadlineError, sleep } from "@/lib/net/call-runner";
import { API_VERSIONS } from "./api-versions";
import { MalformedResponseError, type ArmClient } from "./arm-client";
import { costQueryResultSchema, describeIssues } from "./schemas";

/** The query as sent on the wire (dates as ISO text). */
type CostQueryBody = Omit<QueryDefinition, "timePeriod"> & { timePeriod: { from: string; to: string } };

export type CostQuery = {
  subscriptionGuid: string;
  resourceGroups: string[];
  /** Inclusive days, YYYY-MM-DD. */
  from: string;
  to: string;
  costType: "ActualCost" | "AmortizedCost";
};

/** QPU a query (each page of it) costs: one per month (31 days) of data it covers. */
export function queryQpu(from: string, to: string): number {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return Math.max(1, Math.ceil(days / 31));
}

export function buildCostQuery(query: CostQuery): CostQueryBody {
  return {
    type: query.costType,
    timeframe: "Custom",
    timePeriod: { from: `${query.from}T00:00:00Z`, to: `${query.to}T23:59:59Z` },
    dataset: {
      granularity: "Daily",
      aggregation: { totalCost: { name: "Cost", function: "Sum" } },
      grouping: [{ type: "Dimension", name: "ResourceId" }],
      filter: { dimensions: { name: "ResourceGroupName", operator: "In", values: query.resourceGroups } },
    },
  };
}

/** Runs one query to its last page; `beforePage` runs before each request (the QPU budget: every page costs). */
export async function queryCostByResource(arm: ArmClient, query: CostQuery, beforePage: () => Promise<void> = async () => {}): Promise<CostReadResult> {
  const body = buildCostQuery(query);
  const result: CostReadResult = { rows: [], malformed: [] };
  let url: string | undefined = `/subscriptions/${query.subscriptionGuid}/providers/Microsoft.CostManagement/query?api-version=${API_VERSIONS.costManagement}`;
  const seen = new Set<string>();
  while (url) {
    await beforePage();
    const answer = await arm.postJson(url, body);
    const parsed = costQueryResultSchema.safeParse(answer);
    if (!parsed.success) throw new MalformedResponseError("costQuery", describeIssues(parsed.error));
    const page = readCostRows(parsed.data.properties.columns.map((column) => ({ name: column.name })), parsed.data.properties.rows);
    result.rows.push(...page.rows);
    result.malformed.push(...page.malformed);
    const next: string | undefined = parsed.data.properties.nextLink ?? undefined;
    if (next && seen.has(next)) throw new MalformedResponseError("costQuery", "`nextLink` points back at a page already read");
    if (next) seen.add(next);
    url = next;
  }
  return result;
}

/**
 * Cost Management's published QPU limits as a client-side budget, shared by every run of the process (the
 * limits are per tenant). `take` waits for room; it refuses (DeadlineError) a wait that would end past `deadline`.
 */
export class QpuBudget {
  private readonly spent: { at: number; qpu: number }[] = [];
  constructor(private readonly windows: { ms: number; qpu: number }[] = [
    { ms: 10_000, qpu: 12 },
    { ms: 60_000, qpu: 60 },
    { ms: 3_600_000, qpu: 600 },
  ]) {}

  /** How long until `qpu` more fit in every window. */
  waitMs(qpu: number, now = Date.now()): number {
    let wait = 0;
    for (const window of this.windows) {
      const inWindow = this.spent.filter((entry) => entry.at > now - window.ms);
      let used = inWindow.reduce((sum, entry) => sum + entry.qpu, 0);
      for (const entry of inWindow) {
        if (used + qpu <= window.qpu) break;
        used -= entry.qpu;
        wait = Math.max(wait, entry.at + window.ms - now);
      }
    }
    return wait;
  }

  async take(qpu: number, deadline: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.waitMs(qpu);
      if (wait === 0) break;
      if (Date.now() + wait >= deadline) throw new DeadlineError(`Cost Management's query limit would take ${Math.ceil(wait / 1000)} s more than the run has left`);
      // Re-check at least every second: `deadline` may be the end of the run's other reads, and the caller's signal may stop the wait.
      await sleep(Math.min(wait, 1000), signal);
    }
    const now = Date.now();
    this.spent.push({ at: now, qpu });
    const oldest = now - Math.max(...this.windows.map((window) => window.ms));
    while (this.spent.length > 0 && this.spent[0].at <= oldest) this.spent.shift();
  }
}

const budgets = new Map<string, QpuBudget>();

/** The process's budget for one tenant (or one Cost Management endpoint). */
export function qpuBudgetFor(key: string): QpuBudget {
  let budget = budgets.get(key);
  if (!budget) budgets.set(key, (budget = new QpuBudget()));
  return budget;
}
