"use client";

import { Fragment } from "react";
import { useSoftLinks } from "@/components/hooks/use-soft-links";
import { formatCount } from "@/lib/format";
import { poolColumn, type PoolColumnKey, type PoolRow } from "@/lib/model/pool-columns";
import type { ShownPoolRow } from "@/lib/model/pool-table-rows";
import type { PoolView } from "@/lib/model/pool-view";
import type { PoolGroup } from "@/lib/queries/pool-inventory";
import { poolCell } from "./pool-cell";

type Props = {
  rows: ShownPoolRow<PoolGroup>[];
  view: PoolView;
  onSort: (sort: PoolColumnKey, dir: "asc" | "desc") => void;
};

function groupTitle(row: ShownPoolRow<PoolGroup>, view: PoolView): string {
  const group = row.group!;
  const where = view.group === "cluster" ? ` · ${row.subscription} / ${row.resourceGroup}` : "";
  return `${group.label}${where}`;
}

/**
 * The pools as a real table: headers are sort buttons with aria-sort, each pool's name a link to its page, and when
 * grouped a header row opens each group with its pools and nodes (over all pages, not just this one).
 */
export function PoolTable({ rows, view, onSort }: Props) {
  const columns = view.columns;
  const numeric = columns.map((key) => poolColumn(key).numeric);
  const softLinks = useSoftLinks();
  return (
    <div className="table-wrap" {...softLinks}>
      <table className="data pools-table">
        <caption className="skip-link">Node pools{view.group ? `, grouped by ${view.group}` : ""}, sorted by {poolColumn(view.sort).label}</caption>
        <thead>
          <tr>
            {columns.map((key) => {
              const column = poolColumn(key);
              const sorted = view.sort === key;
              const next = sorted ? (view.dir === "asc" ? "desc" : "asc") : column.numeric ? "desc" : "asc";
              return (
                <th key={key} scope="col" className={column.numeric ? "num" : undefined} aria-sort={sorted ? (view.dir === "asc" ? "ascending" : "descending") : undefined}>
                  <button type="button" className="sort" onClick={() => onSort(key, next)} title={column.description ? `${column.description}. Sort by it.` : `Sort by ${column.label}`}>
                    {column.label}
                    <span className="sort-mark" aria-hidden="true">
                      {sorted ? (view.dir === "asc" ? "▲" : "▼") : "↕"}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const opensGroup = row.group && row.group.key !== rows[index - 1]?.group?.key;
            return (
              <Fragment key={row.id}>
                {opensGroup ? (
                  <tr className="group-row">
                    <th scope="rowgroup" colSpan={columns.length}>
                      <span>{groupTitle(row, view)}</span>
                      <span className="muted">
                        {formatCount(row.group!.pools)} {row.group!.pools === 1 ? "pool" : "pools"} · {formatCount(row.group!.nodes)} {row.group!.nodes === 1 ? "node" : "nodes"}
                      </span>
                    </th>
                  </tr>
                ) : null}
                <tr data-pool-id={row.id}>
                  {columns.map((key, i) => {
                    // showPoolRows kept every field the shown columns' cells read (pool-table-rows.test.ts).
                    const cell = poolCell(row as PoolRow, key, view.run);
                    return (
                      <td key={key} className={numeric[i] ? `num ${cell.className ?? ""}`.trim() : cell.className}>
                        {cell.content}
                      </td>
                    );
                  })}
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
