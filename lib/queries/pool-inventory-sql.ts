import "server-only";
import type { PoolColumnKey } from "@/lib/model/pool-columns";
import { parseNumberFilter, type GroupKey, type PoolView } from "@/lib/model/pool-view";
import { Prisma } from "@/lib/store/generated/client";

/**
 * The SQL behind each column of the pools table, over one run's pool snapshots joined to their pool, cluster and
 * subscription (aliases ps, p, c, s). Filters, sort and group all run in the database so that a page of a
 * 6,000-pool fleet is one indexed scan of one run's rows, never 6,000 rows sent to the browser.
 *
 * The VM family is the one column not computed in SQL: Postgres's regular expressions cost about 20 µs a row here
 * (120 ms for 6,000 pools), so the family of each of the run's few distinct VM sizes is worked out once by
 * `vmFamily` and handed to SQL as a CASE over the VM size (`familySql`).
 */

const { sql, raw, join } = Prisma;
type Sql = Prisma.Sql;

export const poolFrom = sql`
  FROM "PoolSnapshot" ps
  JOIN "NodePool" p ON p."id" = ps."poolId"
  JOIN "Cluster" c ON c."id" = p."clusterId"
  JOIN "Subscription" s ON s."id" = c."subscriptionId"`;

const taints = raw(`COALESCE(ps."nodeTaints", ARRAY[]::text[])`);
const zones = raw(`COALESCE(ps."availabilityZones", ARRAY[]::text[])`);
/** "1.30.4" as {1,30,4}, so that 1.9 sorts before 1.30. */
const versionKey = (column: string) => raw(`(regexp_match(${column}, '^(\\d+)\\.(\\d+)(?:\\.(\\d+))?'))::int[]`);

/** The family of each VM size of the run, as a CASE over ps."vmSize". */
export type FamilyBySize = ReadonlyMap<string, string>;

function familySql(families: FamilyBySize): Sql {
  if (families.size === 0) return raw(`ps."vmSize"`);
  const cases = [...families].map(([size, family]) => sql`WHEN ${size} THEN ${family}`);
  return sql`(CASE ps."vmSize" ${join(cases, " ")} ELSE ps."vmSize" END)`;
}

/** Each column's value; `sortBy` where ordering the value itself would be wrong. (The family: see `familySql`.) */
export const columnSql: Record<Exclude<PoolColumnKey, "family">, { value: Sql; sortBy?: Sql }> = {
  subscription: { value: raw(`s."displayName"`) },
  cluster: { value: raw(`c."name"`) },
  resourceGroup: { value: raw(`c."resourceGroup"`), sortBy: raw(`lower(c."resourceGroup")`) },
  location: { value: raw(`c."location"`) },
  name: { value: raw(`p."name"`) },
  mode: { value: raw(`ps."mode"`) },
  os: { value: raw(`ps."osType"`) },
  osSku: { value: raw(`ps."osSku"`) },
  vmSize: { value: raw(`ps."vmSize"`) },
  type: { value: raw(`ps."type"`) },
  count: { value: raw(`ps."count"`) },
  ready: { value: raw(`ps."nodesReady"`) },
  notReady: { value: raw(`ps."nodesNotReady"`) },
  autoscaling: { value: raw(`ps."enableAutoScaling"`) },
  min: { value: raw(`ps."minCount"`) },
  max: { value: raw(`ps."maxCount"`) },
  priority: { value: raw(`COALESCE(ps."scaleSetPriority", 'Regular')`) },
  eviction: { value: raw(`ps."scaleSetEvictionPolicy"`) },
  spotMaxPrice: { value: raw(`ps."spotMaxPrice"`) },
  zones: { value: zones, sortBy: sql`array_to_string(${zones}, ',')` },
  k8s: { value: raw(`ps."orchestratorVersion"`), sortBy: versionKey(`ps."orchestratorVersion"`) },
  currentK8s: { value: raw(`ps."currentOrchestratorVersion"`), sortBy: versionKey(`ps."currentOrchestratorVersion"`) },
  nodeImage: { value: raw(`ps."nodeImageVersion"`) },
  labels: { value: raw(`ps."nodeLabels"`), sortBy: raw(`ps."nodeLabels"::text`) },
  taints: { value: taints, sortBy: sql`array_to_string(${taints}, ',')` },
  power: { value: raw(`ps."powerState"`) },
  provisioning: { value: raw(`ps."provisioningState"`) },
  maxPods: { value: raw(`ps."maxPods"`) },
  osDiskType: { value: raw(`ps."osDiskType"`) },
  osDiskSizeGb: { value: raw(`ps."osDiskSizeGb"`) },
  cpu: { value: raw(`ps."allocatableCpuMillis"`) },
  memory: { value: raw(`ps."allocatableMemoryBytes"`) },
  pods: { value: raw(`ps."runningPods"`) },
  pending: { value: raw(`ps."pendingPods"`) },
};

/** Numbers in the URL are in the unit the page shows: vCPU for CPU, GiB for memory. */
const numberScale: Partial<Record<PoolColumnKey, number>> = { cpu: 1000, memory: 1024 ** 3 };

/** Identifiers that also select an exact-match column: a subscription by GUID or ARM id, a cluster by ARM id. */
const alsoMatches: Partial<Record<PoolColumnKey, Sql[]>> = {
  subscription: [raw(`s."subscriptionId"`), raw(`s."id"`)],
  cluster: [raw(`c."id"`)],
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function anyOf(conditions: Sql[]): Sql {
  return conditions.length === 1 ? conditions[0] : sql`(${join(conditions, " OR ")})`;
}

function filterCondition(key: PoolColumnKey, values: string[], families: FamilyBySize): Sql {
  const value = key === "family" ? familySql(families) : columnSql[key].value;
  switch (key) {
    case "zones": {
      const named = values.filter((zone) => zone.toLowerCase() !== "none");
      const conditions: Sql[] = [];
      if (named.length > 0) conditions.push(sql`${value} && ${named}::text[]`);
      if (named.length < values.length) conditions.push(sql`cardinality(${value}) = 0`);
      return anyOf(conditions);
    }
    case "labels":
      return anyOf(
        values.map((label) => {
          const at = label.indexOf("=");
          return at < 0 ? sql`(${value} ->> ${label}) IS NOT NULL` : sql`(${value} ->> ${label.slice(0, at)}) = ${label.slice(at + 1)}`;
        }),
      );
    case "taints":
      return anyOf(values.map((text) => sql`array_to_string(${value}, ' ') ILIKE ${`%${escapeLike(text)}%`}`));
    case "autoscaling":
      return anyOf(values.map((text) => sql`${value} = ${text === "true"}`));
    case "count":
    case "ready":
    case "notReady":
    case "min":
    case "max":
    case "spotMaxPrice":
    case "maxPods":
    case "osDiskSizeGb":
    case "cpu":
    case "memory":
    case "pods":
    case "pending": {
      const scale = numberScale[key] ?? 1;
      return anyOf(
        values.map((text) => {
          const filter = parseNumberFilter(text)!;
          if (filter.op === "between") return sql`${value} BETWEEN ${filter.from * scale} AND ${filter.to * scale}`;
          const op = { eq: "=", gt: ">", gte: ">=", lt: "<", lte: "<=" }[filter.op];
          return sql`${value} ${raw(op)} ${filter.value * scale}`;
        }),
      );
    }
    default: {
      const lowered = values.map((text) => text.toLowerCase());
      return anyOf([value, ...(alsoMatches[key] ?? [])].map((expression) => sql`lower(${expression}) = ANY(${lowered}::text[])`));
    }
  }
}

/** Every text a free-text search looks in. */
const haystack = sql`concat_ws(' ', p."name", c."name", c."resourceGroup", c."location", s."displayName", s."subscriptionId",
  ps."vmSize", ps."mode", ps."osType", ps."osSku", ps."orchestratorVersion", ps."nodeImageVersion", ${columnSql.priority.value},
  ps."powerState", ps."provisioningState", ps."nodeLabels"::text, array_to_string(${taints}, ' '), array_to_string(${zones}, ' '))`;

/** The WHERE clause of a view over one run: the run, the column filters and the free text. */
export function whereClause(runId: number, view: Pick<PoolView, "filters" | "q">, families: FamilyBySize): Sql {
  const conditions: Sql[] = [sql`ps."runId" = ${runId}`];
  for (const [key, values] of Object.entries(view.filters) as [PoolColumnKey, string[]][]) {
    if (values.length > 0) conditions.push(filterCondition(key, values, families));
  }
  for (const word of view.q?.split(/\s+/).filter(Boolean) ?? []) conditions.push(sql`${haystack} ILIKE ${`%${escapeLike(word)}%`}`);
  return sql`WHERE ${join(conditions, " AND ")}`;
}

export const groupSql: Record<GroupKey, { key: Sql; label: Sql }> = {
  cluster: { key: raw(`c."id"`), label: raw(`c."name"`) },
  subscription: { key: raw(`s."id"`), label: raw(`s."displayName"`) },
  vmSize: { key: raw(`COALESCE(ps."vmSize", '')`), label: raw(`COALESCE(ps."vmSize", 'unknown')`) },
};

/** Group first (so a group's pools are together), then the chosen column, then a stable tie-break. */
export function orderClause(view: Pick<PoolView, "sort" | "dir" | "group">, families: FamilyBySize): Sql {
  const column = view.sort === "family" ? { value: familySql(families) } : columnSql[view.sort];
  const direction = raw(view.dir === "desc" ? "DESC NULLS LAST" : "ASC NULLS LAST");
  const parts: Sql[] = [];
  if (view.group) parts.push(sql`${groupSql[view.group].label} ASC`, sql`${groupSql[view.group].key} ASC`);
  parts.push(sql`${column.sortBy ?? column.value} ${direction}`, raw(`s."displayName" ASC, c."name" ASC, p."name" ASC, p."id" ASC`));
  return sql`ORDER BY ${join(parts, ", ")}`;
}
