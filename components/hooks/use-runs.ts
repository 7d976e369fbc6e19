"use client";

import { useQuery } from "@tanstack/react-query";
import type { RunSummary } from "@/lib/queries/runs";

export const runsQueryKey = (limit: number) => ["runs", { limit }] as const;

export async function fetchRuns(limit: number): Promise<RunSummary[]> {
  const response = await fetch(`/api/runs?limit=${limit}`, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`GET /api/runs answered ${response.status}`);
  const body = (await response.json()) as { runs: RunSummary[] };
  return body.runs;
}

/** The newest runs, refreshed often while one is running so its progress and the new run appear. */
export function useRuns(limit: number, initialData?: RunSummary[]) {
  return useQuery({
    queryKey: runsQueryKey(limit),
    queryFn: () => fetchRuns(limit),
    initialData,
    refetchInterval: (query) => (query.state.data?.some((run) => run.status === "running") ? 1_500 : 10_000),
  });
}
