import type { Prisma, PrismaClient } from "./generated/client";

/**
 * Bulk insert for a run's big writes. Prisma 7's `createMany` spends about half a millisecond to a millisecond of
 * CPU per row in the client (query compiler and parameter handling), so 60,000 node rows take a minute; one
 * `INSERT … SELECT FROM unnest(...)` per 10,000 rows, with every column sent as a text array and cast in SQL,
 * takes about two seconds on both Postgres and PGlite. Same rows as `createMany` takes; an omitted (or null) value
 * gets the column's default where it has one.
 */

type ModelName = Prisma.ModelName;
type CreateManyData<M extends ModelName> = Prisma.TypeMap["model"][M]["operations"]["createMany"]["args"]["data"];
export type RowOf<M extends ModelName> = Extract<CreateManyData<M>, readonly unknown[]>[number];

type Queryable = Pick<PrismaClient, "$executeRawUnsafe" | "$queryRawUnsafe">;
type Column = { name: string; type: string; default: string | null };

/** Rows per statement (insertRows and upsertRows). */
export const CHUNK_ROWS = 10_000;
const columnsByTable = new Map<string, Column[]>();

async function columnsOf(db: Queryable, table: string): Promise<Column[]> {
  let columns = columnsByTable.get(table);
  if (!columns) {
    columns = await db.$queryRawUnsafe<Column[]>(
      `SELECT attname::text AS name, format_type(atttypid, atttypmod) AS type, pg_get_expr(d.adbin, d.adrelid) AS "default"
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      `"${table}"`,
    );
    columnsByTable.set(table, columns);
  }
  return columns;
}

/** An element of a Postgres array literal: quoted, with quotes and backslashes escaped. */
function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  return `"${String(value).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A Postgres array literal (`{"a","b",NULL}`), for a `$n::text[]` parameter. */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map(arrayElement).join(",")}}`;
}

/** A value as the text Postgres casts to the column's type (sent in a text array and cast in SQL). */
export function toText(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  if (type.endsWith("[]")) return arrayLiteral(value as unknown[]);
  if (type === "jsonb" || type === "json") return JSON.stringify(value);
  if (value instanceof Date) return type === "date" ? value.toISOString().slice(0, 10) : value.toISOString();
  return String(value);
}

/** Inserts `rows` into the table of `model`, returning the number of rows written. Use inside the run's transaction. */
export async function insertRows<M extends ModelName>(db: Queryable, model: M, rows: readonly RowOf<M>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const all = await columnsOf(db, model);
  const given = new Set(rows.flatMap((row) => Object.keys(row as object)));
  const unknown = [...given].filter((name) => !all.some((column) => column.name === name));
  if (unknown.length > 0) throw new Error(`insertRows(${model}): no column ${unknown.join(", ")}`);
  const columns = all.filter((column) => given.has(column.name));
  const values = columns.map((column, i) => {
    const cast = `t.c${i}::${column.type}`;
    return column.default === null ? cast : `COALESCE(${cast}, ${column.default})`;
  });
  const sql =
    `INSERT INTO "${model}" (${columns.map((c) => `"${c.name}"`).join(", ")}) ` +
    `SELECT ${values.join(", ")} FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) ` +
    `AS t(${columns.map((_, i) => `c${i}`).join(", ")})`;
  let written = 0;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS) as Record<string, unknown>[];
    const params = columns.map((column) => chunk.map((row) => toText(row[column.name], column.type)));
    written += await db.$executeRawUnsafe(sql, ...params);
  }
  return written;
}
