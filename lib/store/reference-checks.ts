/**
 * Foreign keys checked once per table instead of once per row, for a bulk load on an exclusive session (PGlite).
 * Postgres checks a foreign key with a trigger that runs a query for every inserted row; in PGlite's WebAssembly
 * that was a fifth of a large run's write. On a session no other transaction can run beside (see
 * SqlSession.exclusive) nobody can delete a referenced row meanwhile, so the same guarantee holds when the triggers
 * are off for the load and every key of the loaded rows is looked up afterwards in one query per foreign key, in
 * the same transaction: a missing reference fails the write as the trigger would have.
 */
import type { SqlSession } from "./sql-executor";

type ForeignKey = { name: string; column: string; parent: string; parentColumn: string };

const foreignKeysByTable = new Map<string, ForeignKey[]>();

/** The single-column foreign keys of `table` (the only kind the schema has). */
async function foreignKeysOf(tx: SqlSession, table: string): Promise<ForeignKey[]> {
  let keys = foreignKeysByTable.get(table);
  if (!keys) {
    keys = await tx.query<ForeignKey>(
      `SELECT c.conname::text AS name, a.attname::text AS column, p.relname::text AS parent, pa.attname::text AS "parentColumn"
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_class p ON p.oid = c.confrelid
       JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
       WHERE c.conrelid = $1::regclass AND c.contype = 'f' AND cardinality(c.conkey) = 1`,
      [`"${table}"`],
    );
    foreignKeysByTable.set(table, keys);
  }
  return keys;
}

/** A value of `key` among the rows of `table` whose `column` is `value` that its parent table lacks, if any. */
async function missingReference(tx: SqlSession, table: string, key: ForeignKey, column: string, value: unknown): Promise<{ value: unknown } | undefined> {
  if (key.column === column) {
    // The rows' own `column` (their run) is one value: one look-up, not one per row.
    const found = await tx.query(`SELECT 1 FROM "${key.parent}" WHERE "${key.parentColumn}" = $1 LIMIT 1`, [value]);
    return found.length === 0 ? { value } : undefined;
  }
  const [missing] = await tx.query<{ value: unknown }>(
    `SELECT c."${key.column}" AS value FROM "${table}" c
     WHERE c."${column}" = $1 AND c."${key.column}" IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM "${key.parent}" p WHERE p."${key.parentColumn}" = c."${key.column}")
     LIMIT 1`,
    [value],
  );
  return missing;
}

export type DeferredReferences = {
  /**
   * Turns the triggers back on and checks the foreign keys of `tables` over their rows whose `column` is `value`
   * (the run's rows); throws on the first missing reference.
   */
  check(tables: readonly string[], column: string, value: unknown): Promise<void>;
};

/** Turns the per-row foreign-key triggers off until `check`, where the session allows it; elsewhere nothing. */
export async function deferReferenceChecks(tx: SqlSession): Promise<DeferredReferences> {
  if (!tx.exclusive) return { check: async () => undefined };
  // Replica mode fires no ordinary trigger, the foreign-key ones included; SET LOCAL ends with the transaction.
  await tx.exec("SET LOCAL session_replication_role = replica");
  return {
    async check(tables, column, value) {
      await tx.exec("SET LOCAL session_replication_role = origin");
      for (const table of tables) {
        for (const key of await foreignKeysOf(tx, table)) {
          const missing = await missingReference(tx, table, key, column, value);
          if (missing) throw new Error(`insert on table "${table}" violates foreign key constraint "${key.name}": ${key.column} ${String(missing.value)} is not in "${key.parent}"`);
        }
      }
    },
  };
}
