"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchRuns } from "./use-runs";

const READABLE = new Set(["succeeded", "partial"]);

/** The newest run pages can show, polled; null before any has finished. Cheap: the five newest runs. */
export function useLatestReadableRun() {
  return useQuery({
    queryKey: ["runs", "latest-readable"],
    queryFn: async () => (await fetchRuns(5)).find((run) => READABLE.has(run.status)) ?? null,
    refetchInterval: 10_000,
    refetchIntervalInBackground: false,
  });
}
