import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { formatAge, formatDateTime } from "@/lib/format";
import type { RunScope } from "@/lib/queries/run-scope";
import { TimeTravelBanner } from "./time-travel-banner";

/** Which run a page shows: the time-travel banner when it is not the newest, a partial run's warning, its age. */
export function RunContext({ run }: { run: RunScope }) {
  const past = run.id !== run.latestId || run.requestedId !== null;
  return (
    <>
      {past ? <TimeTravelBanner runId={run.id} startedAt={run.startedAt} status={run.status} requestedId={run.requestedId} /> : null}
      {past ? null : (
        <p className="run-note muted">
        <span>
          As of run <Link href="/runs">#{run.id}</Link>, {formatDateTime(new Date(run.startedAt))} ({formatAge(new Date(run.startedAt))})
        </span>
        <RunStatusBadge status={run.status} />
          {run.status === "partial" ? (
            <span className="warn-note" role="status">
              {run.errorCount} {run.errorCount === 1 ? "scope" : "scopes"} could not be read in full; <Link href="/runs">Runs</Link> says what is missing.
            </span>
          ) : null}
        </p>
      )}
    </>
  );
}
