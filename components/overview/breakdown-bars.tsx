"use client";

import { useSoftLinks } from "@/components/hooks/use-soft-links";
import { formatCount } from "@/lib/format";
import type { PoolColumnKey } from "@/lib/model/pool-columns";
import { poolsHref } from "@/lib/model/pool-view";
import type { Breakdown } from "@/lib/queries/fleet-overview";

type Props = { title: string; rows: Breakdown; column: PoolColumnKey; run?: number };

const SHOWN = 8;

/**
 * Pools by one attribute as horizontal bars, widest first; each row links to those pools in the pools table. A client
 * component so that the page's RSC payload carries the counts as data rather than as the bars' elements.
 */
export function BreakdownBars({ title, rows, column, run }: Props) {
  const max = Math.max(1, ...rows.map((row) => row.pools));
  const softLinks = useSoftLinks();
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <ul className="bars" {...softLinks}>
        {rows.slice(0, SHOWN).map((row) => {
          const body = (
            <>
              <span className="bar-key" title={row.key}>
                {row.key}
              </span>
              <span className="track" aria-hidden="true">
                <span className="fill" style={{ width: `${(row.pools / max) * 100}%` }} />
              </span>
              <span className="num">
                {formatCount(row.pools)} {row.pools === 1 ? "pool" : "pools"}
              </span>
              <span className="num muted">
                {formatCount(row.nodes)} {row.nodes === 1 ? "node" : "nodes"}
              </span>
            </>
          );
          return (
            <li key={row.key}>
              {row.key === "unknown" ? (
                <span className="bar-row">{body}</span>
              ) : (
                <a className="bar-row" href={poolsHref({ filters: { [column]: [row.key] }, run })}>
                  {body}
                </a>
              )}
            </li>
          );
        })}
      </ul>
      {rows.length > SHOWN ? (
        <p className="muted small" style={{ margin: "6px 0 0" }}>
          and {rows.length - SHOWN} more, with {formatCount(rows.slice(SHOWN).reduce((sum, row) => sum + row.pools, 0))} pools
        </p>
      ) : null}
    </section>
  );
}
