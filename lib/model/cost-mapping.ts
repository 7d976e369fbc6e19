/**
 * Cost Management rows to pools. No Azure API gives cost per pool: a pool's VMs are a scale set (or, for
 * VirtualMachines pools, single VMs) in the cluster's node resource group, named aks-{pool}-{digits}-vmss, with OS
 * disks and NICs named after them. The collector queries cost grouped by ResourceId, filtered to the node
 * resource groups, and this module maps each resource to its pool; everything else in a node resource group
 * (load balancers, public IPs, persistent volume disks) is the cluster's remainder.
 */

export type CostColumn = { name: string; type?: string };

export type CostRow = { amount: number; resourceId: string; day: string; currency: string };

export type CostReadResult = { rows: CostRow[]; malformed: { row: unknown; reason: string }[] };

const amountColumns = ["Cost", "PreTaxCost", "CostUSD", "PreTaxCostUSD"];

/** 20260115 (number or text) or an ISO date, as YYYY-MM-DD. */
export function parseUsageDate(value: unknown): string | null {
  if (typeof value === "number" && Number.isInteger(value)) value = String(value);
  if (typeof value !== "string") return null;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:T.*)?$/.exec(value);
  return iso ? iso[1] : null;
}

/** Reads Cost Management's positional rows by column name; a row that does not fit is reported, not dropped. */
export function readCostRows(columns: CostColumn[], rows: unknown[][]): CostReadResult {
  const index = (names: string[]) => columns.findIndex((column) => names.some((name) => name.toLowerCase() === column.name.toLowerCase()));
  const amountAt = index(amountColumns);
  const resourceAt = index(["ResourceId"]);
  const dayAt = index(["UsageDate", "Date", "BillingMonth"]);
  const currencyAt = index(["Currency", "BillingCurrency"]);
  const result: CostReadResult = { rows: [], malformed: [] };
  if (amountAt < 0 || resourceAt < 0 || dayAt < 0) {
    const missing = [amountAt < 0 && "a cost column", resourceAt < 0 && "ResourceId", dayAt < 0 && "UsageDate"].filter(Boolean).join(", ");
    if (rows.length > 0) result.malformed.push({ row: columns, reason: `the answer has no ${missing} column` });
    return result;
  }
  for (const row of rows) {
    const amount = row[amountAt];
    const resourceId = row[resourceAt];
    const day = parseUsageDate(row[dayAt]);
    const currency = currencyAt >= 0 ? row[currencyAt] : "USD";
    if (typeof amount !== "number" || !Number.isFinite(amount)) result.malformed.push({ row, reason: "the cost is not a number" });
    else if (typeof resourceId !== "string") result.malformed.push({ row, reason: "the resource id is not text" });
    else if (!day) result.malformed.push({ row, reason: "the usage date is not a date" });
    else if (typeof currency !== "string" || currency === "") result.malformed.push({ row, reason: "the currency is missing" });
    else result.rows.push({ amount, resourceId: resourceId.toLowerCase(), day, currency });
  }
  return result;
}

/** What the collector knows about one cluster's node resource group. */
export type NodeResourceGroup = {
  subscriptionId: string;
  clusterId: string;
  /** Lower-cased node resource group name. */
  name: string;
  /** Pool ids by lower-cased pool name. */
  poolsByName: Map<string, string>;
  /** Pool ids by lower-cased scale set name, learned from the pools' machines. */
  poolsByScaleSet: Map<string, string>;
};

const resourceIdPattern = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/([^/]+\/[^/]+)\/([^/]+)/;
const poolResourceName = /^aks-([a-z0-9]{1,12})-\d+-(?:vmss|vms?\d*)(?:[_-]|$)/;

export type CostTarget = { subscriptionId: string; clusterId: string; poolId: string | null };

/** The pool (or the cluster remainder, poolId null) a resource's cost belongs to; null outside node resource groups. */
export function mapCostResource(resourceId: string, groups: Map<string, NodeResourceGroup>): CostTarget | null {
  const match = resourceIdPattern.exec(resourceId.toLowerCase());
  if (!match) return null;
  const [, subscription, groupName, , resourceName] = match;
  const group = groups.get(`${subscription}/${groupName}`);
  if (!group) return null;
  const target = { subscriptionId: group.subscriptionId, clusterId: group.clusterId };
  const byScaleSet = group.poolsByScaleSet.get(resourceName) ?? group.poolsByScaleSet.get(resourceName.split("_")[0]);
  if (byScaleSet) return { ...target, poolId: byScaleSet };
  const named = poolResourceName.exec(resourceName);
  return { ...target, poolId: (named && group.poolsByName.get(named[1])) ?? null };
}

/** The key mapCostResource looks a node resource group up by. */
export function nodeResourceGroupKey(subscriptionGuid: string, groupName: string): string {
  return `${subscriptionGuid.toLowerCase()}/${groupName.toLowerCase()}`;
}

export type CostDay = {
  day: string;
  subscriptionId: string;
  clusterId: string;
  poolId: string | null;
  scopeId: string;
  costType: string;
  currency: string;
  amount: number;
  source: "cost-management" | "estimate";
};

/** Sums rows per pool (or cluster remainder) and day. Rows outside node resource groups are counted, not kept. */
export function aggregateCost(rows: CostRow[], groups: Map<string, NodeResourceGroup>, costType: string): { days: CostDay[]; unmapped: number } {
  const sums = new Map<string, CostDay>();
  let unmapped = 0;
  for (const row of rows) {
    const target = mapCostResource(row.resourceId, groups);
    if (!target) {
      unmapped += 1;
      continue;
    }
    const scopeId = target.poolId ?? target.clusterId;
    const key = `${scopeId}|${row.day}|${row.currency}`;
    const entry = sums.get(key);
    if (entry) entry.amount += row.amount;
    else sums.set(key, { day: row.day, ...target, scopeId, costType, currency: row.currency, amount: row.amount, source: "cost-management" });
  }
  return { days: [...sums.values()], unmapped };
}
