"use client";

import { useState } from "react";
import { defaultPoolColumns, poolColumns, type PoolColumnKey } from "@/lib/model/pool-columns";

type Props = { columns: PoolColumnKey[]; onColumns: (columns: PoolColumnKey[]) => void };

/**
 * Which columns the table (and the CSV export) shows, kept in the URL's `cols`. The checkboxes are drawn once the
 * list is opened: every page of the table would otherwise carry all of them, hidden.
 */
export function ColumnChooser({ columns, onColumns }: Props) {
  const [open, setOpen] = useState(false);
  const toggle = (key: PoolColumnKey, on: boolean) => {
    if (on) onColumns(poolColumns.map((column) => column.key).filter((candidate) => candidate === key || columns.includes(candidate)));
    else if (columns.length > 1) onColumns(columns.filter((candidate) => candidate !== key));
  };
  return (
    <details className="dropdown" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="button secondary">Columns ({columns.length})</summary>
      {open ? (
        <div className="dropdown-panel column-list" role="group" aria-label="Columns shown">
          {poolColumns.map((column) => (
            <label key={column.key} className="check">
              <input type="checkbox" checked={columns.includes(column.key)} disabled={columns.length === 1 && columns.includes(column.key)} onChange={(event) => toggle(column.key, event.target.checked)} />
              {column.label}
            </label>
          ))}
          <button type="button" className="link-button" onClick={() => onColumns(defaultPoolColumns)}>
            Default columns
          </button>
        </div>
      ) : null}
    </details>
  );
}
