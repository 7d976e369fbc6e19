"use client";

import { useSoftLinks } from "@/components/hooks/use-soft-links";
import { LinkPager } from "@/components/link-pager";
import { formatDateTime } from "@/lib/format";
import { withRun } from "@/lib/hrefs";
import { describeChange, type ChangePart } from "@/lib/model/pool-changes";
import type { PoolDetail } from "@/lib/queries/pool-detail";

function show(value: unknown): string {
  if (value === undefined || value === null) return "not set";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function Part({ part }: { part: ChangePart }) {
  const key = part.key !== undefined ? `${part.key}${part.kind === "changed" ? ": " : "="}` : "";
  if (part.kind === "added")
    return (
      <li className="added">
        <span aria-label="added">+</span> <code>{key}{show(part.value)}</code>
      </li>
    );
  if (part.kind === "removed")
    return (
      <li className="removed">
        <span aria-label="removed">−</span> <code>{key}{show(part.value)}</code>
      </li>
    );
  return (
    <li>
      <code>{key}</code>
      <code className="before">{show(part.before)}</code> → <code className="after">{show(part.after)}</code>
    </li>
  );
}

type Props = {
  changes: Extract<PoolDetail, { state: "ready" }>["changes"];
  /** The pool's page with its other parameters (`?range=7d`), which each page of the log keeps. */
  pageHref: string;
  run?: number;
};

/**
 * Drift: every property that changed between two snapshots of the pool, newest first, from what to what; paged. A
 * client component so that the page's RSC payload carries the changes as data rather than as their rows' elements.
 */
export function ChangeLog({ changes: { total, page, size, shown: changes }, pageHref, run }: Props) {
  const hrefFor = (to: number) => `${withRun(`${pageHref}&changes=${to}`, run)}#changes`;
  const softLinks = useSoftLinks();
  if (total === 0) return <p className="muted">No property of this pool has changed since Poolscope first read it.</p>;
  return (
    <>
      <div className="table-wrap" {...softLinks}>
        <table className="data change-log">
          <caption className="skip-link">Changes to the pool, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Run</th>
              <th scope="col">Property</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => {
              const described = describeChange(change);
              return (
                <tr key={change.id} data-field={change.field}>
                  <td className="mono nowrap">{formatDateTime(new Date(change.takenAt))}</td>
                  <td className="nowrap">
                    {/* Relative to this pool's page: a row's link would otherwise repeat the pool's ARM path. */}
                    <a href={`?run=${change.runId}`} title={`The pool as of run #${change.runId}`}>
                      #{change.runId}
                    </a>
                  </td>
                  <td className="mono">{change.field === "pool" ? "the pool" : change.field}</td>
                  <td>
                    {described.summary === "appeared" ? (
                      <span className="badge ok">appeared</span>
                    ) : described.summary === "deleted" ? (
                      <span className="badge bad">deleted</span>
                    ) : (
                      <ul className="change-parts">
                        {described.parts.map((part, index) => (
                          <Part key={index} part={part} />
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <LinkPager page={page} size={size} total={total} noun="changes" hrefFor={hrefFor} />
    </>
  );
}
