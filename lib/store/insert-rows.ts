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

/** A growing buffer that a COPY's data is written into, so that no string per row is made and collected. */
class CopyData {
  buffer = Buffer.allocUnsafe(1 << 20);
  length = 0;
  room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
  byte(value: number): void {
    this.room(1);
    this.buffer[this.length++] = value;
  }
  text(text: string): void {
    this.room(text.length * 3);
    this.length += this.buffer.write(text, this.length);
  }
  int16(value: number): void {
    this.room(2);
    this.length = this.buffer.writeInt16BE(value, this.length);
  }
  int32(value: number): void {
    this.room(4);
    this.length = this.buffer.writeInt32BE(value, this.length);
  }
  /** A value's bytes after its int32 length, which is filled in once they are written. */
  sized(write: () => void): void {
    this.room(4);
    const at = this.length;
    this.length += 4;
    write();
    this.buffer.writeInt32BE(this.length - at - 4, at);
  }
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/**
 * The quote of a COPY's CSV: a control character instead of `"`, which JSON is full of, so that a value almost
 * never needs its quotes doubled (JSON.stringify escapes control characters). It is one byte in UTF-8.
 */
const CSV_QUOTE = "\x01";
const CSV_OPTIONS = `FORMAT csv, QUOTE E'\\x01', DEFAULT '${CSV_DEFAULT}'`;

/** `rows` as CSV for COPY: text quoted (so that an empty string is not NULL), a missing value NULL or the default. */
function csvOf(rows: readonly Record<string, unknown>[], columns: readonly Column[]): Uint8Array {
  const formats = columns.map((column) => formatterOf(column.type));
  const missing = columns.map((column) => (column.default === null ? "" : CSV_DEFAULT));
  const data = new CopyData();
  for (const row of rows) {
    for (let c = 0; c < columns.length; c++) {
      const value = row[columns[c].name];
      if (value === null || value === undefined) data.text(missing[c]);
      else if (typeof value === "number" || typeof value === "boolean") data.text(String(value));
      else {
        const text = formats[c](value);
        data.byte(1);
        data.text(text.includes(CSV_QUOTE) ? text.replaceAll(CSV_QUOTE, CSV_QUOTE + CSV_QUOTE) : text);
        data.byte(1);
      }
      data.byte(c === columns.length - 1 ? 10 : 44);
    }
  }
  return data.bytes();
}

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;

/**
 * How a value of a column of `type` is written in COPY's binary format (the type's `recv` input), or false when
 * this value cannot be (a type without an encoder here, or a value of another JavaScript type).
 */
function binaryOf(type: string): ((data: CopyData, value: NonNullable<unknown>) => boolean) | null {
  switch (type) {
    case "integer":
      return (data, value) => typeof value === "number" && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 && (data.int32(value), true);
    case "double precision":
      return (data, value) => typeof value === "number" && (data.room(8), (data.length = data.buffer.writeDoubleBE(value, data.length)), true);
    case "boolean":
      return (data, value) => typeof value === "boolean" && (data.byte(value ? 1 : 0), true);
    case "text":
      return (data, value) => (data.text(value instanceof Date ? value.toISOString() : String(value)), true);
    case "jsonb":
      return (data, value) => (data.byte(1), data.text(JSON.stringify(value)), true);
    case "timestamp(3) with time zone":
      return (data, value) => {
        if (!(value instanceof Date) || Number.isNaN(value.getTime())) return false;
        // int64 microseconds since 2000-01-01 UTC, as two 32-bit halves (exact below 2^53).
        const micros = (value.getTime() - PG_EPOCH_MS) * 1000;
        const high = Math.floor(micros / 2 ** 32);
        data.int32(high);
        data.room(4);
        data.length = data.buffer.writeUInt32BE(micros - high * 2 ** 32, data.length);
        return true;
      };
    case "date":
      return (data, value) => {
        const ms = value instanceof Date ? value.getTime() : typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(value) : NaN;
        return Number.isInteger(ms) && ms % DAY_MS === 0 && (data.int32((ms - PG_EPOCH_MS) / DAY_MS), true);
      };
    case "text[]":
      return (data, value) => {
        if (!Array.isArray(value)) return false;
        // One dimension (none when empty), a has-nulls flag, the element type (text, oid 25), size and lower bound.
        data.int32(value.length === 0 ? 0 : 1);
        data.int32(value.some((item) => item === null || item === undefined) ? 1 : 0);
        data.int32(25);
        if (value.length > 0) {
          data.int32(value.length);
          data.int32(1);
        }
        for (const item of value) {
          if (item === null || item === undefined) data.int32(-1);
          else data.sized(() => data.text(String(item)));
        }
        return true;
      };
    default:
      return null;
  }
}

const BINARY_HEADER = Buffer.from("PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0", "latin1");

/**
 * `rows` in COPY's binary format, or null when one of them cannot be (a missing value of a column with a default,
 * which binary COPY cannot ask for, or a value the encoders do not take): then the chunk goes as CSV.
 */
function binaryRows(rows: readonly Record<string, unknown>[], columns: readonly Column[]): Uint8Array | null {
  const encoders = columns.map((column) => binaryOf(column.type));
  if (encoders.some((encode) => encode === null)) return null;
  const data = new CopyData();
  data.room(BINARY_HEADER.length);
  data.length += BINARY_HEADER.copy(data.buffer, data.length);
  for (const row of rows) {
    data.int16(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const value = row[columns[c].name];
      if (value === null || value === undefined) {
        if (columns[c].default !== null) return null;
        data.int32(-1);
        continue;
      }
      let encoded = true;
      data.sized(() => (encoded = encoders[c]!(data, value)));
      if (!encoded) return null;
    }
  }
  data.int16(-1);
  return data.bytes();
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
  if (session.copyFrom) {
    const names = columns.map((column) => column.name);
    for (const chunk of chunks) {
      const binary = process.env.NOBIN ? null : binaryRows(chunk, columns);
      written += await (binary ? session.copyFrom(model, names, binary, "FORMAT binary") : session.copyFrom(model, names, csvOf(chunk, columns), CSV_OPTIONS));
    }
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
