import { columnLiterals, toText, type WriteColumn } from "./column-text";
import { binaryCopyData, csvCopyData, CSV_COPY_OPTIONS } from "./copy-data";
import type { Prisma, PrismaClient } from "./generated/client";
import type { SqlSession } from "./sql-executor";

/**
 * Bulk insert for a run's big writes. Prisma 7's `createMany` spends about half a millisecond to a millisecond of
 * CPU per row in the client (query compiler and parameter handling), so 60,000 node rows take a minute. Instead:
 * on a session that can COPY (PGlite), one `COPY … FROM` per 10,000 rows (lib/store/copy-data.ts); elsewhere one
 * `INSERT … SELECT FROM unnest(...)` per 10,000 rows, with every column sent as one text-array literal (a single
 * string, so neither Prisma nor the driver walks or escapes the values one by one) and cast in SQL. Same rows as
 * `createMany` takes; an omitted (or null) value gets the column's default where it has one.
 */

type ModelName = Prisma.ModelName;
type CreateManyData<M extends ModelName> = Prisma.TypeMap["model"][M]["operations"]["createMany"]["args"]["data"];
export type RowOf<M extends ModelName> = Extract<CreateManyData<M>, readonly unknown[]>[number];

/** A row as insertRows takes it: an optional column may be null too (NULL, or the column's default, as omitted). */
type BulkRow<T> = { [K in keyof T]: undefined extends T[K] ? T[K] | null : T[K] };

type Queryable = Pick<PrismaClient, "$executeRawUnsafe" | "$queryRawUnsafe">;
/** A Prisma client or transaction, or a raw SQL session (the one that COPYs on PGlite). */
export type BulkDb = Queryable | SqlSession;
type Column = Omit<WriteColumn, "shared">;

export type InsertOptions<S> = {
  /** Values every row gets (a run's id and time), so that the rows need not be copied to add them. */
  shared?: S;
  /** Fields of the rows that are not columns of the table. */
  ignore?: readonly string[];
};

/** Rows per statement (insertRows and upsertRows). */
export const CHUNK_ROWS = 10_000;
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

/** The columns `rows` (and `options.shared`) give values for; throws on a field that is no column. */
function writtenColumns(model: string, all: readonly Column[], rows: readonly object[], options: InsertOptions<object>): WriteColumn[] {
  const shared = new Map(Object.entries(options.shared ?? {}));
  const given = new Set<string>();
  for (const row of rows) for (const name in row) given.add(name);
  for (const name of options.ignore ?? []) given.delete(name);
  const unknown = [...given, ...shared.keys()].filter((name) => !all.some((column) => column.name === name));
  if (unknown.length > 0) throw new Error(`insertRows(${model}): no column ${unknown.join(", ")}`);
  return all.flatMap((column) => (shared.has(column.name) ? [{ ...column, shared: { value: shared.get(column.name) } }] : given.has(column.name) ? [column] : []));
}

/** INSERT … SELECT FROM unnest(...): each row's columns as one text-array parameter each, shared ones as one value. */
async function insertByUnnest(db: SqlSession, model: string, columns: readonly WriteColumn[], chunks: readonly Record<string, unknown>[][]): Promise<number> {
  const perRow = columns.filter((column) => !column.shared);
  const shared = columns.filter((column) => column.shared);
  const values = columns.map((column) => {
    const cast = column.shared ? `$${perRow.length + shared.indexOf(column) + 1}::${column.type}` : `t.c${perRow.indexOf(column)}::${column.type}`;
    return column.default === null ? cast : `COALESCE(${cast}, ${column.default})`;
  });
  const sql =
    `INSERT INTO "${model}" (${columns.map((c) => `"${c.name}"`).join(", ")}) ` +
    `SELECT ${values.join(", ")} FROM unnest(${perRow.map((_, i) => `$${i + 1}::text[]`).join(", ")}) ` +
    `AS t(${perRow.map((_, i) => `c${i}`).join(", ")})`;
  const sharedText = shared.map((column) => toText(column.shared!.value, column.type));
  let written = 0;
  for (const chunk of chunks) written += await db.execute(sql, [...columnLiterals(chunk, perRow), ...sharedText]);
  return written;
}

/**
 * Inserts `rows` into the table of `model`, each with the values of `options.shared` too; returns the number of
 * rows written. Use inside the run's transaction.
 */
export async function insertRows<M extends ModelName, S extends Partial<RowOf<M>> = Record<never, never>>(
  db: BulkDb,
  model: M,
  rows: readonly BulkRow<Omit<RowOf<M>, keyof S>>[],
  options: InsertOptions<S> = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const session = sessionOf(db);
  const columns = writtenColumns(model, await columnsOf(session, model), rows, options);
  const chunks = chunksOf(rows as readonly Record<string, unknown>[]);
  return session.copyFrom ? copyRows(session, model, columns, chunks) : insertByUnnest(session, model, columns, chunks);
}

/** `rows` in chunks of CHUNK_ROWS. */
export function chunksOf<Row>(rows: readonly Row[]): Row[][] {
  const chunks: Row[][] = [];
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) chunks.push(rows.slice(start, start + CHUNK_ROWS));
  return chunks;
}

/** COPYs each chunk into `table`: binary where every value of the chunk allows it, CSV otherwise. */
export async function copyRows(session: SqlSession, table: string, columns: readonly WriteColumn[], chunks: readonly Record<string, unknown>[][]): Promise<number> {
  if (!session.copyFrom) throw new Error("copyRows: this session cannot COPY");
  const names = columns.map((column) => column.name);
  let written = 0;
  for (const chunk of chunks) {
    const binary = binaryCopyData(chunk, columns);
    written += await (binary ? session.copyFrom(table, names, binary, "FORMAT binary") : session.copyFrom(table, names, csvCopyData(chunk, columns), CSV_COPY_OPTIONS));
  }
  return written;
}
