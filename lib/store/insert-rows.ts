import type { Prisma, PrismaClient } from "./generated/client";
import type { SqlSession } from "./sql-executor";

/**
 * Bulk insert for a run's big writes. Prisma 7's `createMany` spends about half a millisecond to a millisecond of
 * CPU per row in the client (query compiler and parameter handling), so 60,000 node rows take a minute. Instead:
 * on a session that can COPY (PGlite), one `COPY … FROM` a CSV text per 10,000 rows; elsewhere one
 * `INSERT … SELECT FROM unnest(...)` per 10,000 rows, with every column sent as one text-array literal (a single
 * string, so neither Prisma nor the driver walks or escapes the values one by one) and cast in SQL. Same rows as
 * `createMany` takes; an omitted (or null) value gets the column's default where it has one.
 */

type ModelName = Prisma.ModelName;
type CreateManyData<M extends ModelName> = Prisma.TypeMap["model"][M]["operations"]["createMany"]["args"]["data"];
export type RowOf<M extends ModelName> = Extract<CreateManyData<M>, readonly unknown[]>[number];

type Queryable = Pick<PrismaClient, "$executeRawUnsafe" | "$queryRawUnsafe">;
/** A Prisma client or transaction, or a raw SQL session (the one that COPYs on PGlite). */
export type BulkDb = Queryable | SqlSession;
type Column = { name: string; type: string; default: string | null };

/** Rows per statement (insertRows and upsertRows). */
export const CHUNK_ROWS = 10_000;
/** How a COPY's CSV says "the column's default" (COPY's DEFAULT option, Postgres 16 and later). */
const CSV_DEFAULT = "\\D";
const columnsByTable = new Map<string, Column[]>();

/** The raw SQL session behind `db`: itself, or a Prisma client's raw queries. */
export function sessionOf(db: BulkDb): SqlSession {
  if ("query" in db) return db;
  return {
    query: (sql, params = []) => db.$queryRawUnsafe(sql, ...params),
    execute: (sql, params = []) => db.$executeRawUnsafe(sql, ...params),
    exec: async (script) => void (await db.$executeRawUnsafe(script)),
  };
}

async function columnsOf(db: SqlSession, table: string): Promise<Column[]> {
  let columns = columnsByTable.get(table);
  if (!columns) {
    columns = await db.query<Column>(
      `SELECT attname::text AS name, format_type(atttypid, atttypmod) AS type, pg_get_expr(d.adbin, d.adrelid) AS "default"
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [`"${table}"`],
    );
    columnsByTable.set(table, columns);
  }
  return columns;
}

/** An element of a Postgres array literal: quoted, with quotes and backslashes escaped. */
function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  const text = String(value);
  return `"${/[\\"]/.test(text) ? text.replace(/[\\"]/g, (c) => `\\${c}`) : text}"`;
}

/** A Postgres array literal (`{"a","b",NULL}`), for a `$n::text[]` parameter. */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map(arrayElement).join(",")}}`;
}

/** How a value of a column of `type` is written as the text Postgres casts to that type. */
function formatterOf(type: string): (value: NonNullable<unknown>) => string {
  if (type.endsWith("[]")) return (value) => arrayLiteral(value as unknown[]);
  if (type === "jsonb" || type === "json") return (value) => JSON.stringify(value);
  if (type === "date") return (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
  return (value) => (value instanceof Date ? value.toISOString() : String(value));
}

/** A value as the text Postgres casts to the column's type (sent in a text array and cast in SQL). */
export function toText(value: unknown, type: string): string | null {
  return value === null || value === undefined ? null : formatterOf(type)(value);
}

/** Each column's values of `rows` as one text-array literal. */
export function columnLiterals(rows: readonly Record<string, unknown>[], columns: readonly { name: string; type: string }[]): string[] {
  return columns.map(({ name, type }) => {
    const format = formatterOf(type);
    let literal = "{";
    for (let i = 0; i < rows.length; i++) {
      const value = rows[i][name];
      literal += (i === 0 ? "" : ",") + (value === null || value === undefined ? "NULL" : arrayElement(format(value)));
    }
    return `${literal}}`;
  });
}

/**
 * The quote of a COPY's CSV: a control character instead of `"`, which JSON is full of, so that a value almost
 * never needs its quotes doubled (JSON.stringify escapes control characters). It is one byte in UTF-8.
 */
const CSV_QUOTE = "\x01";
const QUOTE_BYTE = 1;
const COMMA_BYTE = 44;
const NEWLINE_BYTE = 10;

/**
 * `rows` as the bytes of a CSV for COPY, written straight into a buffer (no string per row to collect): text
 * quoted (so that an empty string is not NULL), a missing value NULL or the column's default.
 */
function csvOf(rows: readonly Record<string, unknown>[], columns: readonly Column[]): Uint8Array {
  const formats = columns.map((column) => formatterOf(column.type));
  const missing = columns.map((column) => (column.default === null ? "" : CSV_DEFAULT));
  let buffer = Buffer.allocUnsafe(1 << 20);
  let length = 0;
  const room = (bytes: number) => {
    if (length + bytes <= buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(buffer.length * 2, length + bytes));
    buffer.copy(bigger, 0, 0, length);
    buffer = bigger;
  };
  const write = (text: string) => {
    room(text.length * 3);
    length += buffer.write(text, length);
  };
  for (const row of rows) {
    for (let c = 0; c < columns.length; c++) {
      const value = row[columns[c].name];
      if (value === null || value === undefined) write(missing[c]);
      else if (typeof value === "number" || typeof value === "boolean") write(String(value));
      else {
        const text = formats[c](value);
        room(text.length * 6 + 2);
        buffer[length++] = QUOTE_BYTE;
        length += buffer.write(text.includes(CSV_QUOTE) ? text.replaceAll(CSV_QUOTE, CSV_QUOTE + CSV_QUOTE) : text, length);
        buffer[length++] = QUOTE_BYTE;
      }
      room(1);
      buffer[length++] = c === columns.length - 1 ? NEWLINE_BYTE : COMMA_BYTE;
    }
  }
  return buffer.subarray(0, length);
}

/** Inserts `rows` into the table of `model`, returning the number of rows written. Use inside the run's transaction. */
export async function insertRows<M extends ModelName>(db: BulkDb, model: M, rows: readonly RowOf<M>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const session = sessionOf(db);
  const all = await columnsOf(session, model);
  const given = new Set<string>();
  for (const row of rows as readonly object[]) for (const name in row) given.add(name);
  const unknown = [...given].filter((name) => !all.some((column) => column.name === name));
  if (unknown.length > 0) throw new Error(`insertRows(${model}): no column ${unknown.join(", ")}`);
  const columns = all.filter((column) => given.has(column.name));
  const chunks: Record<string, unknown>[][] = [];
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) chunks.push(rows.slice(start, start + CHUNK_ROWS) as Record<string, unknown>[]);
  let written = 0;
  if (session.copyCsv) {
    const names = columns.map((column) => column.name);
    const options = `QUOTE E'\\x01'${columns.some((column) => column.default !== null) ? `, DEFAULT '${CSV_DEFAULT}'` : ""}`;
    for (const chunk of chunks) written += await session.copyCsv(model, names, csvOf(chunk, columns), options);
    return written;
  }
  const values = columns.map((column, i) => {
    const cast = `t.c${i}::${column.type}`;
    return column.default === null ? cast : `COALESCE(${cast}, ${column.default})`;
  });
  const sql =
    `INSERT INTO "${model}" (${columns.map((c) => `"${c.name}"`).join(", ")}) ` +
    `SELECT ${values.join(", ")} FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) ` +
    `AS t(${columns.map((_, i) => `c${i}`).join(", ")})`;
  for (const chunk of chunks) written += await session.execute(sql, columnLiterals(chunk, columns));
  return written;
}
