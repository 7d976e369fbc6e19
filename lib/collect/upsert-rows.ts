/**
 * INSERT … ON CONFLICT DO UPDATE for many rows at once, inside the caller's transaction: every column is sent as one
 * text-array literal and cast in SQL (as lib/store/insert-rows.ts does for plain inserts), in chunks; on a session
 * that can COPY (PGlite), a large upsert COPYs its rows into a temporary table and upserts from there instead.
 */
import { columnLiterals } from "@/lib/store/column-text";
import { chunksOf, copyRows, sessionOf, type BulkDb } from "@/lib/store/insert-rows";
import type { SqlSession } from "@/lib/store/sql-executor";

export type UpsertColumn = { name: string; type: string };

/**
 * Rows from which an upsert on a COPY session goes through a temporary table: for a large run's cost days, which
 * otherwise spend a tenth of their time parsing the literals. Not below: each temporary table is catalog rows
 * written and deleted, and PGlite has no autovacuum to clean them up.
 */
const STAGED_ROWS = 10_000;

async function upsertStaged(session: SqlSession, table: string, columns: UpsertColumn[], rows: readonly Record<string, unknown>[], insert: string, onConflict: string): Promise<number> {
  const staging = `staged_${table}`;
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  await session.exec(`CREATE TEMP TABLE "${staging}" AS SELECT ${names} FROM "${table}" WITH NO DATA`);
  await copyRows(session, staging, columns.map((column) => ({ ...column, default: null })), chunksOf(rows));
  const written = await session.execute(`${insert} SELECT ${names} FROM "${staging}" ${onConflict}`);
  await session.exec(`DROP TABLE "${staging}"`);
  return written;
}

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
  const onConflict = `ON CONFLICT (${conflict.map((c) => `"${c}"`).join(", ")}) ` + (updates.length > 0 ? `DO UPDATE SET ${updates.join(", ")}` : "DO NOTHING");
  const insert = `INSERT INTO "${table}" AS t (${columns.map((c) => `"${c.name}"`).join(", ")})`;
  if (session.copyFrom && rows.length >= STAGED_ROWS) return upsertStaged(session, table, columns, rows, insert, onConflict);
  const sql =
    `${insert} SELECT ${columns.map((c, i) => `u.c${i}::${c.type}`).join(", ")} FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${columns.map((_, i) => `c${i}`).join(", ")}) ` +
    onConflict;
  let written = 0;
  for (const chunk of chunksOf(rows)) written += await session.execute(sql, columnLiterals(chunk, columns));
  return written;
}
