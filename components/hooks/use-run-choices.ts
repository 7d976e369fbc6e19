"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchRuns } from "./use-runs";

/** Runs to travel back to: the newest 100 that pages can show, refreshed at most every 30 seconds. */
export function useRunChoices() {
  return useQuery({
    queryKey: ["runs", "choices"],
    queryFn: async () => (await fetchRuns(100)).filter((run) => run.status === "succeeded" || run.status === "partial"),
    staleTime: 30_000,
  });
}
