/**
 * INSERT … ON CONFLICT DO UPDATE for many rows at once: every column is sent as one text array and cast in SQL
 * (as lib/store/insert-rows.ts does for plain inserts), in chunks, inside the caller's transaction.
 */
import type { PrismaClient } from "@/lib/store/generated/client";
import { CHUNK_ROWS, toText } from "@/lib/store/insert-rows";

type Queryable = Pick<PrismaClient, "$executeRawUnsafe">;

export type UpsertColumn = { name: string; type: string };

/**
 * Upserts `rows` into `table` keyed on `conflict`. `update` maps a column to its SQL on conflict (EXCLUDED.x for
 * "take the new value"); returns the number of rows written.
 */
export async function upsertRows<Row extends Record<string, unknown>>(
  db: Queryable,
  table: string,
  columns: UpsertColumn[],
  conflict: string[],
  update: Record<string, string>,
  rows: readonly Row[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const updates = Object.entries(update).map(([column, sql]) => `"${column}" = ${sql}`);
  const sql =
    `INSERT INTO "${table}" AS t (${columns.map((c) => `"${c.name}"`).join(", ")}) ` +
    `SELECT ${columns.map((c, i) => `u.c${i}::${c.type}`).join(", ")} FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${columns.map((_, i) => `c${i}`).join(", ")}) ` +
    `ON CONFLICT (${conflict.map((c) => `"${c}"`).join(", ")}) ` +
    (updates.length > 0 ? `DO UPDATE SET ${updates.join(", ")}` : "DO NOTHING");
  let written = 0;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    written += await db.$executeRawUnsafe(sql, ...columns.map((column) => chunk.map((row) => toText(row[column.name], column.type))));
  }
  return written;
}
