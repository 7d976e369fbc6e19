import "server-only";
import { toCsv } from "@/lib/model/csv";
import { csvCell, poolColumn } from "@/lib/model/pool-columns";
import { poolViewSearch, type ExportFormat, type PoolView } from "@/lib/model/pool-view";
import type { PrismaClient } from "@/lib/store/generated/client";
import { exportPools } from "./pool-inventory";

export type ExportBody = { status: 200; contentType: string; filename: string; body: string } | { status: 503; message: string };

/**
 * The view as a file: CSV of the view's columns (headers with units), or JSON holding the pools as ARM returns them
 * (`{ value: [...], nextLink }` like an ARM list, plus the run it is as of).
 */
export async function renderPoolExport(view: PoolView, format: ExportFormat, paged: boolean, db?: PrismaClient): Promise<ExportBody> {
  const exported = await exportPools(view, { paged }, db);
  if (exported.state === "empty") return { status: 503, message: "No collection has finished yet: there are no pools to export" };
  const filename = `pools-run-${exported.run.id}.${format}`;
  if (format === "csv") {
    const header = view.columns.map((key) => poolColumn(key).csv);
    const body = toCsv(header, exported.rows.map((row) => view.columns.map((key) => csvCell(row, key))));
    return { status: 200, contentType: "text/csv; charset=utf-8; header=present", filename, body };
  }
  const more = paged && view.page * view.size < exported.total;
  const json = {
    run: { id: exported.run.id, status: exported.run.status, startedAt: exported.run.startedAt },
    total: exported.total,
    value: exported.value,
    ...(more ? { nextLink: `/api/pools?${poolViewSearch({ ...view, run: view.run ?? exported.run.id, page: view.page + 1 })}` } : {}),
  };
  return { status: 200, contentType: "application/json; charset=utf-8", filename, body: JSON.stringify(json) };
}
