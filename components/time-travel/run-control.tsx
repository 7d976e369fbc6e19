"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { useLatestReadableRun } from "@/components/hooks/use-latest-readable-run";
import { useRunChoices } from "@/components/hooks/use-run-choices";
import { formatAge, formatDateTime } from "@/lib/format";
import { parseWholeParam } from "@/lib/model/run-param";

/** Pages that show the fleet as of a run; elsewhere (the Runs page) the picker is not shown. */
const travelling = (pathname: string) => pathname === "/" || pathname.startsWith("/pools") || pathname.startsWith("/clusters");

/**
 * The header's run picker (time travel: `?run=N` on the current page) and the live refresh: when a newer run lands
 * and the page shows the present, the page re-renders from the server with it.
 */
export function RunControl() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const router = useRouter();
  const run = parseWholeParam(searchParams.get("run") ?? undefined);
  const [isPending, startTransition] = useTransition();
  const latest = useLatestReadableRun();
  const choices = useRunChoices();
  const seen = useRef<number | undefined>(undefined);

  const latestId = latest.data?.id;
  useEffect(() => {
    if (latestId === undefined) return;
    if (seen.current !== undefined && latestId > seen.current && run === undefined) startTransition(() => router.refresh());
    seen.current = latestId;
  }, [latestId, run, router]);

  if (!travelling(pathname)) return null;

  const go = (value: string) => {
    const params = new URLSearchParams(searchParams.toString());
    params.delete("page");
    if (value) params.set("run", value);
    else params.delete("run");
    const search = params.toString();
    startTransition(() => router.push(search ? `${pathname}?${search}` : pathname));
  };

  const options = choices.data ?? [];
  const latestLabel = latest.data ? `Now: run #${latest.data.id}, ${formatAge(new Date(latest.data.startedAt))}` : "Now";
  return (
    <label className="run-control">
      <span>As of</span>
      <select
        aria-label="Show the fleet as of a run"
        value={run ? String(run) : ""}
        onChange={(event) => go(event.target.value)}
        disabled={isPending}
      >
        <option value="">{latestLabel}</option>
        {run !== undefined && !options.some((option) => option.id === run) ? <option value={String(run)}>Run #{run}</option> : null}
        {options
          .filter((option) => option.id !== latest.data?.id)
          .map((option) => (
            <option key={option.id} value={String(option.id)}>
              {`Run #${option.id}, ${formatDateTime(new Date(option.startedAt))}${option.status === "partial" ? " (partial)" : ""}`}
            </option>
          ))}
      </select>
    </label>
  );
}
