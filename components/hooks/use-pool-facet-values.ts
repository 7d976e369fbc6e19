"use client";

import { useQuery } from "@tanstack/react-query";
import type { PoolColumnKey } from "@/lib/model/pool-columns";
import type { FacetValue } from "@/lib/queries/pool-facets";

export const poolFacetValuesQueryKey = (column: PoolColumnKey, run: number) => ["pools", "facet-values", { column, run }] as const;

async function fetchFacetValues(column: PoolColumnKey, run: number): Promise<FacetValue[]> {
  const response = await fetch(`/api/pools/facets?column=${column}&run=${run}`, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`GET /api/pools/facets answered ${response.status}`);
  return ((await response.json()) as { values: FacetValue[] }).values;
}

/** A long facet's values in a run, fetched once the field is used (`enabled`); a run's values never change. */
export function usePoolFacetValues(column: PoolColumnKey, run: number, enabled: boolean) {
  return useQuery({
    queryKey: poolFacetValuesQueryKey(column, run),
    queryFn: () => fetchFacetValues(column, run),
    enabled,
    staleTime: Infinity,
  });
}
