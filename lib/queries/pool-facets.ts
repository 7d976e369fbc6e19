import "server-only";
import { facetColumnKeys, type PoolColumnKey } from "@/lib/model/pool-columns";
import { vmFamily } from "@/lib/model/vm-family";
import { getDb } from "@/lib/store/db";
import { Prisma, type PrismaClient } from "@/lib/store/generated/client";
import { columnSql, poolFrom, type FamilyBySize } from "./pool-inventory-sql";
import { cachedForRun } from "./run-cache";
import { resolveRunScope } from "./run-scope";

const { sql, join } = Prisma;

export type FacetValue = { value: string; pools: number };
export type Facets = Partial<Record<PoolColumnKey, FacetValue[]>>;
/** How many values each long facet has; its values come from GET /api/pools/facets when the field is used. */
export type LongFacets = Partial<Record<PoolColumnKey, number>>;

/**
 * A facet with more values than this (a large fleet's clusters and resource groups: a thousand each, its
 * subscriptions: two hundred) is a field to type in with suggestions, not a list: sent and drawn with every page,
 * those lists were over half of the pools page, and a list of two hundred subscriptions was still a tenth of it.
 */
export const FACET_LIST_MAX = 100;

/** One scan of the run: how many pools take each value of each facet column (the family derived from the sizes). */
async function selectFacets(db: PrismaClient, runId: number): Promise<Facets> {
  const scalar = facetColumnKeys.filter((key) => key !== "zones" && key !== "family") as Exclude<PoolColumnKey, "zones" | "family">[];
  const pairs = join(
    scalar.map((key) => sql`(${key}, (${columnSql[key].value})::text)`),
    ", ",
  );
  const rows = await db.$queryRaw<{ facet: PoolColumnKey; value: string; pools: number }[]>(sql`
    SELECT f."facet", f."value", count(*)::int AS "pools"
    ${poolFrom}
    CROSS JOIN LATERAL (
      SELECT * FROM (VALUES ${pairs}) AS x("facet", "value")
      UNION ALL SELECT 'zones', z FROM unnest(${columnSql.zones.value}) AS z
    ) f
    WHERE ps."runId" = ${runId} AND f."value" IS NOT NULL AND f."value" <> ''
    GROUP BY f."facet", f."value"`);
  const facets: Facets = {};
  for (const row of rows) (facets[row.facet] ??= []).push({ value: row.value, pools: row.pools });
  const families = new Map<string, number>();
  for (const size of facets.vmSize ?? []) families.set(vmFamily(size.value), (families.get(vmFamily(size.value)) ?? 0) + size.pools);
  if (families.size > 0) facets.family = [...families].map(([value, pools]) => ({ value, pools }));
  for (const values of Object.values(facets)) values.sort((a, b) => a.value.localeCompare(b.value, "en", { numeric: true, sensitivity: "base" }));
  return facets;
}

/** Every facet of a run, every value: a finished run never changes, so neither do its facets. */
export function runFacets(db: PrismaClient, runId: number): Promise<Facets> {
  return cachedForRun(db, runId, "pool-facets", () => selectFacets(db, runId));
}

export function familiesOf(facets: Facets): FamilyBySize {
  return new Map((facets.vmSize ?? []).map((size) => [size.value, vmFamily(size.value)]));
}

/** The facets as the filter bar shows them: short ones as lists, long ones as how many values they have. */
export function splitFacets(facets: Facets): { facets: Facets; longFacets: LongFacets } {
  const short: Facets = {};
  const long: LongFacets = {};
  for (const [key, values] of Object.entries(facets) as [PoolColumnKey, FacetValue[]][]) {
    if (values.length > FACET_LIST_MAX) long[key] = values.length;
    else short[key] = values;
  }
  return { facets: short, longFacets: long };
}

export type PoolFacetValues = { state: "empty" } | { state: "ready"; runId: number; values: FacetValue[] };

/** One facet's values over a run (the newest by default), for a long facet's suggestions. */
export async function getPoolFacetValues(column: PoolColumnKey, run?: number, db?: PrismaClient): Promise<PoolFacetValues> {
  db ??= await getDb();
  const resolved = await resolveRunScope(db, run);
  if (!resolved.scope) return { state: "empty" };
  const facets = await runFacets(db, resolved.scope.id);
  return { state: "ready", runId: resolved.scope.id, values: facets[column] ?? [] };
}
