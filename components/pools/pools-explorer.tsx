"use client";

import { useCallback } from "react";
import { usePoolViewNavigation } from "@/components/hooks/use-pool-view-navigation";
import { formatCount } from "@/lib/format";
import type { PoolColumnKey } from "@/lib/model/pool-columns";
import { groupKeys, isFiltered, type GroupKey, type PoolFilters, type PoolView } from "@/lib/model/pool-view";
import type { ShownPoolRow } from "@/lib/model/pool-table-rows";
import type { PoolGroup, PoolInventory } from "@/lib/queries/pool-inventory";
import { ActiveFilters } from "./active-filters";
import { ColumnChooser } from "./column-chooser";
import { ExportLinks } from "./export-links";
import { Pager } from "./pager";
import { PoolFilterBar } from "./pool-filter-bar";
import { PoolTable } from "./pool-table";

const groupLabels: Record<GroupKey, string> = { cluster: "Cluster", subscription: "Subscription", vmSize: "VM size" };

/** The read model of a page of pools, its rows cut down to the shown columns (showPoolRows). */
export type ShownPoolInventory = Omit<Extract<PoolInventory, { state: "ready" }>, "rows"> & { rows: ShownPoolRow<PoolGroup>[] };

/** The pools table with its filters, grouping, columns, paging and exports; all of its state is the URL's. */
export function PoolsExplorer({ inventory, view }: { inventory: ShownPoolInventory; view: PoolView }) {
  const { navigate, isPending } = usePoolViewNavigation(view);
  const onFilters = useCallback((filters: PoolFilters) => navigate({ filters }), [navigate]);
  const onSearch = useCallback((q: string | undefined) => navigate({ q }, { replace: true }), [navigate]);
  const { rows, total, totalNodes, facets, longFacets, run } = inventory;

  return (
    <div className="pools-explorer" aria-busy={isPending}>
      <PoolFilterBar view={view} facets={facets} longFacets={longFacets} run={run.id} onFilters={onFilters} onSearch={onSearch} />
      <ActiveFilters view={view} onFilters={onFilters} onSearch={onSearch} />
      <div className="toolbar">
        <p className="summary" role="status" aria-live="polite">
          <strong>{formatCount(total)}</strong> {total === 1 ? "pool" : "pools"} · <strong>{formatCount(totalNodes)}</strong> {totalNodes === 1 ? "node" : "nodes"}
          {isFiltered(view) ? " match" : ""}
          {isPending ? <span className="muted"> · updating…</span> : null}
        </p>
        <label className="inline-field">
          <span className="muted">Group by</span>
          <select className="select" value={view.group ?? ""} onChange={(event) => navigate({ group: (event.target.value || undefined) as GroupKey | undefined })}>
            <option value="">Nothing</option>
            {groupKeys.map((key) => (
              <option key={key} value={key}>
                {groupLabels[key]}
              </option>
            ))}
          </select>
        </label>
        <ColumnChooser columns={view.columns} onColumns={(columns: PoolColumnKey[]) => navigate({ columns }, { keepPage: true })} />
        <ExportLinks view={view} total={total} runId={run.id} />
      </div>
      {rows.length === 0 && total === 0 ? (
        <div className="empty">
          <h2>No pool matches</h2>
          <p>
            {isFiltered(view) ? "No pool of this run matches these filters. Remove a filter above, or " : "This run read no pools. "}
            <button type="button" className="link-button" onClick={() => navigate({ q: undefined, filters: {} })}>
              show every pool
            </button>
            .
          </p>
        </div>
      ) : (
        <div className={isPending ? "pending" : undefined}>
          <PoolTable rows={rows} view={view} onSort={(sort, dir) => navigate({ sort, dir })} />
        </div>
      )}
      <Pager page={view.page} size={view.size} total={total} onPage={(page) => navigate({ page }, { keepPage: true })} onSize={(size) => navigate({ size })} />
    </div>
  );
}
