"use client";

import { useState } from "react";
import { formatCount } from "@/lib/format";
import { poolViewSearch, type PoolView } from "@/lib/model/pool-view";

/** Exports of exactly this view (every page of it) from GET /api/pools, and a link to share the view itself. */
export function ExportLinks({ view, total, runId }: { view: PoolView; total: number; runId: number }) {
  const [copied, setCopied] = useState(false);
  const search = poolViewSearch(view, { paging: false });
  const href = (format: "csv" | "json") => `/api/pools?${search ? `${search}&` : ""}format=${format}`;
  const name = `pools-run-${runId}`;
  const copy = async () => {
    await navigator.clipboard?.writeText(window.location.href).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div className="export-links" role="group" aria-label="Export and share">
      <span className="muted">
        Export {formatCount(total)} {total === 1 ? "pool" : "pools"}:
      </span>
      <a className="button secondary" href={href("csv")} download={`${name}.csv`}>
        CSV
      </a>
      <a className="button secondary" href={href("json")} download={`${name}.json`}>
        JSON
      </a>
      <button type="button" className="button secondary" onClick={copy}>
        {copied ? "Link copied" : "Copy link"}
      </button>
    </div>
  );
}
