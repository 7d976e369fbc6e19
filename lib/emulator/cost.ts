/**
 * Cost Management query: POST {scope}/providers/Microsoft.CostManagement/query for ActualCost, AmortizedCost (and
 * legacy Usage), Daily/Monthly/None granularity, grouping by dimensions and a TagKey, filters, positional rows
 * described by `columns`, and `properties.nextLink` when the rows run past a page.
 */
import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "./context";
import { armError, decodeToken, encodeToken, json, type EmulatorRequest, type Reply } from "./http";
import { dayStartMs, type CostEntry } from "./sim/cost-model";
import { daysBetween, dimension, matchesFilter, QueryError, type QueryDefinition } from "./cost-query";

const COST_NAMES = new Set(["cost", "costusd", "pretaxcost", "pretaxcostusd"]);

export function queryUnits(from: number, to: number): number {
  const days = (dayStartMs(to) - dayStartMs(from)) / 86_400_000 + 1;
  return Math.max(1, Math.ceil(days / 31));
}

export function parseScope(path: string): { subscriptionId: string; resourceGroup?: string } | undefined {
  const m = /^\/+subscriptions\/([^/]+)(?:\/resourcegroups\/([^/]+))?\/providers\/microsoft\.costmanagement\/query\/?$/i.exec(path);
  return m ? { subscriptionId: m[1], resourceGroup: m[2] } : undefined;
}

export function readDefinition(request: EmulatorRequest): QueryDefinition {
  try {
    const body = JSON.parse(request.body.toString("utf8") || "null") as unknown;
    if (!body || typeof body !== "object") throw new Error("empty");
    return body as QueryDefinition;
  } catch {
    throw new QueryError("Invalid query definition: the request body is not a valid query definition.");
  }
}

export function handleCostQuery(ctx: EmulatorContext, request: EmulatorRequest, definition: QueryDefinition, days: { from: number; to: number }): Reply {
  const scope = parseScope(request.path);
  if (!scope || request.method !== "POST") return armError(404, "NotFound", `No HTTP resource was found that matches the request URI '${request.url.pathname}'.`);
  const sub = ctx.sim.lookup.subscription(scope.subscriptionId);
  if (!sub) return armError(404, "SubscriptionNotFound", `The subscription '${scope.subscriptionId}' could not be found.`);
  try {
    const type = (definition.type ?? "Usage").toLowerCase();
    if (!["usage", "actualcost", "amortizedcost"].includes(type)) throw new QueryError(`Invalid query definition: type '${definition.type}' is not supported.`);
    const amortized = type === "amortizedcost";
    const dataset = definition.dataset ?? {};
    const granularity = (dataset.granularity ?? "None").toLowerCase();
    if (!["daily", "monthly", "none"].includes(granularity)) throw new QueryError(`Invalid query definition: granularity '${dataset.granularity}' is not supported.`);
    const aggregations = Object.values(dataset.aggregation ?? { totalCost: { name: type === "usage" ? "PreTaxCost" : "Cost", function: "Sum" } });
    for (const a of aggregations) {
      if ((a.function ?? "Sum").toLowerCase() !== "sum") throw new QueryError(`Invalid query definition: aggregation function '${a.function}' is not supported.`);
      if (!COST_NAMES.has(a.name.toLowerCase()) && a.name.toLowerCase() !== "usagequantity") throw new QueryError(`Invalid query definition: aggregation column '${a.name}' is not supported.`);
    }
    const grouping = dataset.grouping ?? [];
    if (grouping.length > 2) throw new QueryError("Invalid query definition: at most 2 groupings are allowed.");
    const groupers = grouping.map((g) => {
      if (g.type.toLowerCase() === "tagkey") {
        return { columns: [{ name: "TagKey", type: "String" }, { name: "TagValue", type: "String" }], values: (e: CostEntry) => tagValues(e, g.name) };
      }
      const d = dimension(g.name);
      return { columns: [{ name: d.column, type: "String" }], values: (e: CostEntry) => [d.get(e.item)] };
    });

    ctx.sim.syncSubscription(sub.id);
    const limitMs = Math.min(ctx.sim.clock.nowMs(), ctx.realNowMs());
    const groups = new Map<string, { date: string | number | undefined; keys: string[]; cost: number; quantity: number }>();
    for (const day of daysBetween(days.from, days.to)) {
      for (const entry of ctx.cost.costOfDay(sub.id, day, limitMs)) {
        if (scope.resourceGroup && entry.item.resourceGroupName !== scope.resourceGroup.toLowerCase()) continue;
        if (!matchesFilter(dataset.filter, entry.item)) continue;
        const cost = amortized ? entry.amortized : entry.actual;
        if (cost === 0) continue;
        const date = granularity === "daily" ? day : granularity === "monthly" ? `${String(day).slice(0, 4)}-${String(day).slice(4, 6)}-01T00:00:00` : undefined;
        const keys = groupers.flatMap((g) => g.values(entry));
        const key = JSON.stringify([date, keys]);
        const g = groups.get(key) ?? { date, keys, cost: 0, quantity: 0 };
        g.cost += cost;
        g.quantity += entry.quantity;
        groups.set(key, g);
      }
    }
    const columns = [
      ...aggregations.map((a) => ({ name: a.name, type: "Number" })),
      ...(granularity === "daily" ? [{ name: "UsageDate", type: "Number" }] : granularity === "monthly" ? [{ name: "BillingMonth", type: "Datetime" }] : []),
      ...groupers.flatMap((g) => g.columns),
      { name: "Currency", type: "String" },
    ];
    const rows = [...groups.values()]
      .sort((a, b) => String(a.date ?? "").localeCompare(String(b.date ?? "")) || a.keys.join("\u0000").localeCompare(b.keys.join("\u0000")))
      .map((g) => [...aggregations.map((a) => (a.name.toLowerCase() === "usagequantity" ? g.quantity : g.cost)), ...(g.date === undefined ? [] : [g.date]), ...g.keys, "USD"]);

    const offset = Number(decodeToken<{ o?: number }>(request.url.searchParams.get("$skiptoken"))?.o ?? 0);
    const page = rows.slice(offset, offset + ctx.costPageSize);
    let nextLink: string | null = null;
    if (offset + ctx.costPageSize < rows.length) {
      const params = new URLSearchParams(request.url.searchParams);
      params.set("$skiptoken", encodeToken({ o: offset + ctx.costPageSize }));
      nextLink = `${ctx.baseUrl()}${request.url.pathname}?${params.toString()}`;
    }
    const id = randomUUID();
    const scopePath = `/subscriptions/${sub.id}${scope.resourceGroup ? `/resourcegroups/${scope.resourceGroup}` : ""}`;
    return json(200, {
      id: `${scopePath}/providers/Microsoft.CostManagement/query/${id}`,
      name: id,
      type: "Microsoft.CostManagement/query",
      location: null,
      sku: null,
      eTag: null,
      properties: { nextLink, columns, rows: page },
    });
  } catch (error) {
    if (error instanceof QueryError) return armError(400, "BadRequest", error.message);
    throw error;
  }
}

function tagValues(entry: CostEntry, name: string): string[] {
  const key = Object.keys(entry.item.tags).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? ["", ""] : [key, entry.item.tags[key]];
}
