/** The schema a database actually has (current schema only), read from pg_catalog in a shape tests can compare. */
import { MIGRATIONS_TABLE } from "../migrate";
import type { SqlSession } from "../sql-executor";

export type DbColumn = { table: string; name: string; type: string; notNull: boolean; default: string | null };
export type DbIndex = { name: string; table: string; unique: boolean; primary: boolean; columns: { name: string; desc: boolean }[] };
type Action = "NO ACTION" | "RESTRICT" | "CASCADE" | "SET NULL" | "SET DEFAULT";
export type DbForeignKey = {
  name: string;
  table: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: Action;
  onUpdate: Action;
};
export type DbEnum = { name: string; values: string[] };
export type DbSchema = { tables: string[]; columns: DbColumn[]; indexes: DbIndex[]; foreignKeys: DbForeignKey[]; enums: DbEnum[] };

const ACTION_CODES: Record<string, Action> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

// JSON aggregates and text casts, so both drivers hand back the same plain values.
const TABLES = `
  SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> $1 ORDER BY 1`;

const COLUMNS = `
  SELECT c.relname::text AS "table", a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type,
         a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS "default"
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> $1 AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY 1, 2`;

const INDEXES = `
  SELECT ic.relname::text AS name, tc.relname::text AS "table", ix.indisunique AS "unique", ix.indisprimary AS "primary",
         json_agg(json_build_object('name', a.attname::text, 'desc', (ix.indoption[k.ord - 1] & 1) = 1) ORDER BY k.ord) AS columns
  FROM pg_index ix
  JOIN pg_class ic ON ic.oid = ix.indexrelid
  JOIN pg_class tc ON tc.oid = ix.indrelid
  JOIN pg_namespace n ON n.oid = tc.relnamespace
  CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_attribute a ON a.attrelid = tc.oid AND a.attnum = k.attnum
  WHERE n.nspname = current_schema() AND tc.relname <> $1
  GROUP BY ic.relname, tc.relname, ix.indisunique, ix.indisprimary
  ORDER BY 1`;

const FOREIGN_KEYS = `
  SELECT con.conname::text AS name, tc.relname::text AS "table", rc.relname::text AS "referencedTable",
         (SELECT json_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
         (SELECT json_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS "referencedColumns",
         con.confdeltype::text AS "onDelete", con.confupdtype::text AS "onUpdate"
  FROM pg_constraint con
  JOIN pg_class tc ON tc.oid = con.conrelid
  JOIN pg_class rc ON rc.oid = con.confrelid
  JOIN pg_namespace n ON n.oid = tc.relnamespace
  WHERE con.contype = 'f' AND n.nspname = current_schema()
  ORDER BY 1`;

const ENUMS = `
  SELECT t.typname::text AS name, json_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
  FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE n.nspname = current_schema() GROUP BY t.typname ORDER BY 1`;

/** pg parses json itself; PGlite's default parsers do too, but be lenient with either. */
function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

export async function readActualSchema(sql: SqlSession): Promise<DbSchema> {
  const tables = await sql.query<{ name: string }>(TABLES, [MIGRATIONS_TABLE]);
  const columns = await sql.query<DbColumn>(COLUMNS, [MIGRATIONS_TABLE]);
  const indexes = await sql.query<Omit<DbIndex, "columns"> & { columns: unknown }>(INDEXES, [MIGRATIONS_TABLE]);
  const foreignKeys = await sql.query<Record<string, unknown>>(FOREIGN_KEYS);
  const enums = await sql.query<{ name: string; values: unknown }>(ENUMS);
  return {
    tables: tables.map((t) => t.name),
    columns: columns.map((c) => ({ table: c.table, name: c.name, type: c.type, notNull: c.notNull, default: c.default })),
    indexes: indexes.map((i) => ({ name: i.name, table: i.table, unique: i.unique, primary: i.primary, columns: json(i.columns) })),
    foreignKeys: foreignKeys.map((f) => ({
      name: f.name as string,
      table: f.table as string,
      columns: json<string[]>(f.columns),
      referencedTable: f.referencedTable as string,
      referencedColumns: json<string[]>(f.referencedColumns),
      onDelete: ACTION_CODES[f.onDelete as string],
      onUpdate: ACTION_CODES[f.onUpdate as string],
    })),
    enums: enums.map((e) => ({ name: e.name, values: json<string[]>(e.values) })),
  };
}
