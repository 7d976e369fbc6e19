/**
 * INSERT … ON CONFLICT DO UPDATE for many rows at once: every column is sent as one text-array literal and cast in
 * SQL (as lib/store/insert-rows.ts does for plain inserts), in chunks, inside the caller's transaction.
 */
import { columnLiterals } from "@/lib/store/column-text";
import { CHUNK_ROWS, sessionOf, type BulkDb } from "@/lib/store/insert-rows";

export type UpsertColumn = { name: string; type: string };

/**
 * Upserts `rows` into `table` keyed on `conflict`. `update` maps a column to its SQL on conflict (EXCLUDED.x for
 * "take the new value"); returns the number of rows written.
 */
export async function upsertRows<Row extends Record<string, unknown>>(
  db: BulkDb,
  table: string,
  columns: UpsertColumn[],
  conflict: string[],
  update: Record<string, string>,
  rows: readonly Row[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const session = sessionOf(db);
  const updates = Object.entries(update).map(([column, sql]) => `"${column}" = ${sql}`);
  const sql =
    `INSERT INTO "${table}" AS t (${columns.map((c) => `"${c.name}"`).join(", ")}) ` +
    `SELECT ${columns.map((c, i) => `u.c${i}::${c.type}`).join(", ")} FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${columns.map((_, i) => `c${i}`).join(", ")}) ` +
    `ON CONFLICT (${conflict.map((c) => `"${c}"`).join(", ")}) ` +
    (updates.length > 0 ? `DO UPDATE SET ${updates.join(", ")}` : "DO NOTHING");
  let written = 0;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    written += await session.execute(sql, columnLiterals(rows.slice(start, start + CHUNK_ROWS), columns));
  }
  return written;
}
