/**
 * The Postgres schema that `prisma migrate diff` would create for prisma/schema.prisma, derived from the schema's
 * DMMF (parsed by Prisma's own schema engine in WASM) and Prisma's naming and default-action rules, so the migration
 * test compares the database with the schema itself, not with a hand-copied list.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { DbColumn, DbEnum, DbForeignKey, DbIndex, DbSchema } from "./actual-schema";

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[]; primaryKey: { name: string | null; fields: string[] } | null };
type DmmfIndex = { model: string; type: "id" | "normal" | "unique" | "fulltext"; dbName?: string; fields: { name: string; sortOrder?: "asc" | "desc" }[] };
type Dmmf = { datamodel: { enums: { name: string; dbName?: string | null; values: { name: string; dbName?: string | null }[] }[]; models: DmmfModel[]; indexes: DmmfIndex[] } };

export function readDmmf(schemaPath = path.resolve("prisma/schema.prisma")): Dmmf {
  const wasm = createRequire(import.meta.url)("@prisma/prisma-schema-wasm") as { get_dmmf(params: string): string };
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: readFileSync(schemaPath, "utf8") }))) as Dmmf;
}

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Decimal: "numeric(65,30)",
  Bytes: "bytea",
};

const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Timestamptz: (args) => `timestamp(${args[0] ?? 6}) with time zone`,
  Timestamp: (args) => `timestamp(${args[0] ?? 6}) without time zone`,
  Date: () => "date",
  Text: () => "text",
  VarChar: (args) => (args[0] ? `character varying(${args[0]})` : "character varying"),
  Integer: () => "integer",
  BigInt: () => "bigint",
  DoublePrecision: () => "double precision",
  JsonB: () => "jsonb",
  Json: () => "json",
  Uuid: () => "uuid",
};

function columnType(field: DmmfField): string {
  let base: string;
  if (field.kind === "enum") base = `"${field.type}"`;
  else if (field.nativeType) {
    const mapper = NATIVE_TYPES[field.nativeType[0]];
    if (!mapper) throw new Error(`expected-schema: no mapping for @db.${field.nativeType[0]} (${field.name}); add one`);
    base = mapper(field.nativeType[1]);
  } else {
    base = SCALAR_TYPES[field.type] ?? "";
    if (!base) throw new Error(`expected-schema: no mapping for type ${field.type} (${field.name}); add one`);
  }
  return field.isList ? `${base}[]` : base;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The default expression as Postgres prints it back (pg_get_expr), or null without a default. */
function columnDefault(table: string, field: DmmfField, type: string): string | null {
  const value = field.default;
  if (value === undefined) return null;
  if (typeof value === "object" && value !== null && !Array.isArray(value) && "name" in value) {
    const fn = (value as { name: string }).name;
    if (fn === "autoincrement") return `nextval('"${table}_${field.dbName ?? field.name}_seq"'::regclass)`;
    if (fn === "now") return "CURRENT_TIMESTAMP";
    throw new Error(`expected-schema: no mapping for @default(${fn}()) on ${table}.${field.name}; add one`);
  }
  if (Array.isArray(value)) {
    if (value.length > 0) throw new Error(`expected-schema: non-empty list default on ${table}.${field.name}; add a mapping`);
    return `ARRAY[]::${type}`;
  }
  if (typeof value === "number") return value < 0 ? `'${value}'::${type}` : String(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return `${quoteLiteral(value)}::${field.kind === "enum" ? `"${field.type}"` : type}`;
  throw new Error(`expected-schema: no mapping for default ${JSON.stringify(value)} on ${table}.${field.name}`);
}

function constraintName(table: string, columns: string[], suffix: string): string {
  const name = `${table}_${columns.join("_")}_${suffix}`;
  if (name.length > 63) throw new Error(`expected-schema: ${name} exceeds Postgres's 63 characters; Prisma would shorten it: add that rule`);
  return name;
}

const ACTIONS: Record<string, DbForeignKey["onDelete"]> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

/** What the migrations must have created. */
export function expectedSchema(dmmf: Dmmf = readDmmf()): DbSchema {
  const models = dmmf.datamodel.models;
  const tableOf = (modelName: string) => {
    const model = models.find((m) => m.name === modelName)!;
    return model.dbName ?? model.name;
  };
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((f) => f.name === fieldName)!;
    return field.dbName ?? field.name;
  };
  const columns: DbColumn[] = [];
  const indexes: DbIndex[] = [];
  const foreignKeys: DbForeignKey[] = [];
  for (const model of models) {
    const table = model.dbName ?? model.name;
    for (const field of model.fields) {
      if (field.kind === "object") {
        if (!field.relationFromFields?.length) continue;
        const from = field.relationFromFields.map((name) => columnOf(model, name));
        const target = models.find((m) => m.name === field.type)!;
        const required = field.relationFromFields.every((name) => model.fields.find((f) => f.name === name)!.isRequired);
        foreignKeys.push({
          name: constraintName(table, from, "fkey"),
          table,
          columns: from,
          referencedTable: tableOf(field.type),
          referencedColumns: (field.relationToFields ?? []).map((name) => columnOf(target, name)),
          // Prisma's defaults: Restrict for a required relation, SetNull for an optional one; updates cascade.
          onDelete: ACTIONS[field.relationOnDelete ?? (required ? "Restrict" : "SetNull")],
          onUpdate: ACTIONS[field.relationOnUpdate ?? "Cascade"],
        });
        continue;
      }
      const type = columnType(field);
      // Prisma creates list columns nullable, whatever the schema says.
      columns.push({ table, name: field.dbName ?? field.name, type, notNull: field.isRequired && !field.isList, default: columnDefault(table, field, type) });
    }
  }
  for (const index of dmmf.datamodel.indexes) {
    if (index.type === "fulltext") throw new Error("expected-schema: fulltext indexes are not mapped");
    const model = models.find((m) => m.name === index.model)!;
    const table = model.dbName ?? model.name;
    const cols = index.fields.map((f) => ({ name: columnOf(model, f.name), desc: f.sortOrder === "desc" }));
    const primary = index.type === "id";
    const name =
      index.dbName ?? (primary ? `${table}_pkey` : constraintName(table, cols.map((c) => c.name), index.type === "unique" ? "key" : "idx"));
    indexes.push({ name, table, unique: primary || index.type === "unique", primary, columns: cols });
  }
  const enums: DbEnum[] = dmmf.datamodel.enums.map((e) => ({ name: e.dbName ?? e.name, values: e.values.map((v) => v.dbName ?? v.name) }));
  return {
    tables: models.map((m) => m.dbName ?? m.name).sort(),
    columns: sortBy(columns, (c) => `${c.table}.${c.name}`),
    indexes: sortBy(indexes, (i) => i.name),
    foreignKeys: sortBy(foreignKeys, (f) => f.name),
    enums: sortBy(enums, (e) => e.name),
  };
}

export function sortBy<T>(items: T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
