/** Parsing a Cost Management query definition: timeframe to days, dimensions, filters, validation errors. */
import { dayNumber, dayStartMs, type CostItem } from "./sim/cost-model";

export type CostFilter = {
  and?: CostFilter[];
  or?: CostFilter[];
  not?: CostFilter;
  dimensions?: { name: string; operator: string; values: string[] };
  tags?: { name: string; operator: string; values: string[] };
};

export type QueryDefinition = {
  type?: string;
  timeframe?: string;
  timePeriod?: { from?: string; to?: string };
  dataset?: {
    granularity?: string;
    aggregation?: Record<string, { name: string; function?: string }>;
    grouping?: Array<{ type: string; name: string }>;
    filter?: CostFilter;
  };
};

export class QueryError extends Error {}

export const DIMENSIONS: Record<string, { column: string; get: (item: CostItem) => string }> = {
  resourceid: { column: "ResourceId", get: (i) => i.resourceId },
  resourcegroupname: { column: "ResourceGroupName", get: (i) => i.resourceGroupName },
  resourcegroup: { column: "ResourceGroup", get: (i) => i.resourceGroupName },
  resourcetype: { column: "ResourceType", get: (i) => i.resourceType },
  resourcelocation: { column: "ResourceLocation", get: (i) => i.resourceLocation },
  servicename: { column: "ServiceName", get: (i) => i.serviceName },
  metercategory: { column: "MeterCategory", get: (i) => i.meterCategory },
  subscriptionid: { column: "SubscriptionId", get: (i) => i.subscriptionId },
  chargetype: { column: "ChargeType", get: (i) => i.chargeType },
  pricingmodel: { column: "PricingModel", get: (i) => i.pricingModel },
};

export function dimension(name: string) {
  const d = DIMENSIONS[name.toLowerCase()];
  if (!d) throw new QueryError(`Invalid query definition: Invalid dimension name '${name}'. Valid values are: ${Object.values(DIMENSIONS).map((x) => x.column).join(", ")}.`);
  return d;
}

function dayOf(text: string | undefined, what: string): number {
  const ms = text ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) throw new QueryError(`Invalid query definition: timePeriod.${what} is not a valid date: '${text ?? ""}'.`);
  return dayNumber(ms);
}

function addDays(day: number, n: number): number {
  return dayNumber(dayStartMs(day) + n * 86_400_000);
}

/** The inclusive day range a query covers, never past today (today being the earlier of simulated and real time). */
export function resolveDays(definition: QueryDefinition, todayMs: number): { from: number; to: number } {
  const today = dayNumber(todayMs);
  const monthStart = Math.floor(today / 100) * 100 + 1;
  const lastMonthEnd = addDays(monthStart, -1);
  const timeframe = (definition.timeframe ?? "").toLowerCase();
  let from: number;
  let to: number;
  switch (timeframe) {
    case "monthtodate":
    case "billingmonthtodate":
      [from, to] = [monthStart, today];
      break;
    case "thelastmonth":
    case "thelastbillingmonth":
      [from, to] = [Math.floor(lastMonthEnd / 100) * 100 + 1, lastMonthEnd];
      break;
    case "weektodate": {
      const weekday = new Date(dayStartMs(today)).getUTCDay();
      [from, to] = [addDays(today, -weekday), today];
      break;
    }
    case "custom":
      from = dayOf(definition.timePeriod?.from, "from");
      to = dayOf(definition.timePeriod?.to, "to");
      break;
    default:
      throw new QueryError(`Invalid query definition: timeframe '${definition.timeframe ?? ""}' is not supported; use Custom, MonthToDate, BillingMonthToDate, TheLastMonth, TheLastBillingMonth or WeekToDate.`);
  }
  if (from > to) throw new QueryError("Invalid query definition: timePeriod.from must be earlier than timePeriod.to.");
  if ((dayStartMs(to) - dayStartMs(from)) / 86_400_000 > 366) throw new QueryError("Invalid query definition: The time period for pulling the data cannot exceed 1 year(s)");
  return { from, to: Math.min(to, today) };
}

export function daysBetween(from: number, to: number): number[] {
  const days: number[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

export function matchesFilter(filter: CostFilter | undefined, item: CostItem): boolean {
  if (!filter) return true;
  if (filter.and) return filter.and.every((f) => matchesFilter(f, item));
  if (filter.or) return filter.or.some((f) => matchesFilter(f, item));
  if (filter.not) return !matchesFilter(filter.not, item);
  const test = (value: string | undefined, operator: string, values: string[]) => {
    if (value === undefined) return false;
    const v = value.toLowerCase();
    const wanted = (values ?? []).map((x) => String(x).toLowerCase());
    switch (operator.toLowerCase()) {
      case "in":
      case "equal":
        return wanted.includes(v);
      case "contains":
        return wanted.some((w) => v.includes(w));
      default:
        throw new QueryError(`Invalid query definition: operator '${operator}' is not supported.`);
    }
  };
  if (filter.dimensions) return test(dimension(filter.dimensions.name).get(item), filter.dimensions.operator, filter.dimensions.values);
  if (filter.tags) {
    const key = Object.keys(item.tags).find((k) => k.toLowerCase() === filter.tags!.name.toLowerCase());
    return test(key === undefined ? undefined : item.tags[key], filter.tags.operator, filter.tags.values);
  }
  return true;
}
