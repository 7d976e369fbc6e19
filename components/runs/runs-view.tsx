"use client";

import Link from "next/link";
import { useRuns } from "@/components/hooks/use-runs";
import { EmptyState } from "@/components/empty-state";
import { formatCount, formatDateTime, formatDuration } from "@/lib/format";
import type { RunSummary } from "@/lib/queries/runs";
import { CollectButton } from "./collect-button";
import { RunStatusBadge } from "./run-status-badge";

type Progress = { phase?: string; scopesDone?: number; scopesTotal?: number; calls?: number; retries?: number };

function progressText(run: RunSummary): string {
  const progress = (run.progress ?? {}) as Progress;
  const parts = [progress.phase];
  if (progress.scopesTotal) parts.push(`${progress.scopesDone ?? 0} of ${progress.scopesTotal} scopes`);
  if (progress.calls !== undefined) parts.push(`${formatCount(progress.calls)} calls`);
  if (progress.retries) parts.push(`${formatCount(progress.retries)} retries`);
  return parts.filter(Boolean).join(" · ") || "starting";
}

export function RunsView({ initialRuns, limit }: { initialRuns: RunSummary[]; limit: number }) {
  const { data: runs = initialRuns, isError } = useRuns(limit, initialRuns);
  const running = runs.some((run) => run.status === "running");
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Collection runs</h1>
          <p>Every run reads Azure and each cluster once and keeps what it read as a snapshot.</p>
        </div>
        <CollectButton running={running} />
      </div>
      {isError ? (
        <p className="notice warn" role="status">
          Could not refresh the list; showing what was last loaded.
        </p>
      ) : null}
      {runs.length === 0 ? (
        <EmptyState title="No collection has run yet">
          <p>
            Press <strong>Collect now</strong>, run <code>npm run collect</code>, or wait for the schedule. A run reads every subscription the credential
            can list.
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="skip-link">Collection runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Trigger</th>
                <th scope="col">Started</th>
                <th scope="col" className="num">
                  Duration
                </th>
                <th scope="col" className="num">
                  Subscriptions
                </th>
                <th scope="col" className="num">
                  Clusters
                </th>
                <th scope="col" className="num">
                  Pools
                </th>
                <th scope="col" className="num">
                  Nodes
                </th>
                <th scope="col" className="num">
                  Pending pods
                </th>
                <th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} data-run-id={run.id}>
                  <td className="num">
                    {run.status === "succeeded" || run.status === "partial" ? (
                      <Link href={`/?run=${run.id}`} title={`The fleet as of run #${run.id}`}>
                        #{run.id}
                      </Link>
                    ) : (
                      `#${run.id}`
                    )}
                  </td>
                  <td>
                    <RunStatusBadge status={run.status} />
                  </td>
                  <td>{run.trigger}</td>
                  <td className="mono">{formatDateTime(new Date(run.startedAt))}</td>
                  <td className="num">{run.durationMs === null ? progressText(run) : formatDuration(run.durationMs)}</td>
                  <td className="num">{formatCount(run.counts.subscriptions)}</td>
                  <td className="num">{formatCount(run.counts.clusters)}</td>
                  <td className="num">{formatCount(run.counts.pools)}</td>
                  <td className="num">{formatCount(run.counts.nodes)}</td>
                  <td className="num">{formatCount(run.counts.pendingPods)}</td>
                  <td>
                    {run.errors.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      <details>
                        <summary>
                          {run.errors.length} {run.errors.length === 1 ? "scope" : "scopes"} failed
                        </summary>
                        <ul style={{ margin: "6px 0 0", paddingLeft: 18 }}>
                          {run.errors.map((error, index) => (
                            <li key={index}>
                              <code>{error.scope}</code>: {error.message}
                              {error.hint ? <div className="muted">{error.hint}</div> : null}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
