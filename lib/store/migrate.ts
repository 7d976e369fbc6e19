import { readMigrationFiles, type MigrationFile } from "./migration-files";
import type { SqlExecutor, SqlSession } from "./sql-executor";

/**
 * Applies prisma/migrations to a database, each migration once, each in its own transaction, recorded in
 * `_poolscope_migrations`. A session-level advisory lock serialises migrators: a second process starting at the
 * same time waits, then finds nothing left to do. A process killed mid-migration leaves its transaction rolled back
 * and its lock released (both end with the session), so the next start applies that migration again from scratch.
 */

export const MIGRATIONS_TABLE = "_poolscope_migrations";

/** Arbitrary but fixed: the key every Poolscope migrator locks on. */
const ADVISORY_LOCK_KEY = 7_304_151_122;

export type MigrationEvent =
  | { kind: "waiting-for-lock" }
  | { kind: "applying"; name: string }
  | { kind: "applied"; name: string; durationMs: number };

export type MigrateOptions = {
  /** Defaults to prisma/migrations under the working directory. */
  migrationsDir?: string;
  /** Or the migrations themselves (tests). */
  migrations?: MigrationFile[];
  onEvent?: (event: MigrationEvent) => void;
};

export type MigrateResult = {
  /** Applied by this call, in order. */
  applied: string[];
  /** Already applied before this call. */
  alreadyApplied: string[];
  /** Recorded in the database but absent from the folder: the database is newer than this code. */
  unknown: string[];
};

/** An applied migration whose file has since changed: editing history is refused, add a new migration instead. */
export class MigrationChecksumError extends Error {
  constructor(
    readonly migration: string,
    readonly recordedChecksum: string,
    readonly fileChecksum: string,
  ) {
    super(
      `migration ${migration} was changed after it was applied (checksum in the database ${recordedChecksum.slice(0, 12)}…, ` +
        `file now ${fileChecksum.slice(0, 12)}…); restore the original file and put the change in a new migration`,
    );
    this.name = "MigrationChecksumError";
  }
}

type AppliedRow = { name: string; checksum: string };

async function readApplied(sql: SqlSession): Promise<Map<string, string>> {
  const exists = await sql.query<{ found: string | null }>(`SELECT to_regclass('"${MIGRATIONS_TABLE}"')::text AS found`);
  if (!exists[0]?.found) return new Map();
  const rows = await sql.query<AppliedRow>(`SELECT name, checksum FROM "${MIGRATIONS_TABLE}" ORDER BY name`);
  return new Map(rows.map((row) => [row.name, row.checksum]));
}

function verifyChecksums(files: MigrationFile[], applied: Map<string, string>): void {
  for (const file of files) {
    const recorded = applied.get(file.name);
    if (recorded !== undefined && recorded !== file.checksum) throw new MigrationChecksumError(file.name, recorded, file.checksum);
  }
}

/** Migrations in the folder that the database has not applied yet (read-only; throws on a changed checksum). */
export async function listPendingMigrations(sql: SqlExecutor, options: Pick<MigrateOptions, "migrationsDir" | "migrations"> = {}): Promise<string[]> {
  const files = options.migrations ?? readMigrationFiles(options.migrationsDir);
  const applied = await readApplied(sql);
  verifyChecksums(files, applied);
  return files.filter((file) => !applied.has(file.name)).map((file) => file.name);
}

async function acquireLock(sql: SqlExecutor, onEvent: MigrateOptions["onEvent"]): Promise<void> {
  const [row] = await sql.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [ADVISORY_LOCK_KEY]);
  if (row?.locked) return;
  onEvent?.({ kind: "waiting-for-lock" });
  await sql.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
}

/** Applies every pending migration. `sql` must be one session (see sql-executor.ts). */
export async function migrate(sql: SqlExecutor, options: MigrateOptions = {}): Promise<MigrateResult> {
  const files = options.migrations ?? readMigrationFiles(options.migrationsDir);
  await acquireLock(sql, options.onEvent);
  try {
    await sql.exec(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (
        "name" TEXT NOT NULL PRIMARY KEY,
        "checksum" TEXT NOT NULL,
        "appliedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
      )`,
    );
    const before = await readApplied(sql);
    verifyChecksums(files, before);
    const applied: string[] = [];
    for (const file of files) {
      if (before.has(file.name)) continue;
      options.onEvent?.({ kind: "applying", name: file.name });
      const started = Date.now();
      const didApply = await sql.transaction(async (tx) => {
        // On PGlite every caller in the process shares one session, so the advisory lock does not keep out a second
        // migrator of the same process; its check here, inside the exclusive transaction, does.
        const done = await tx.query(`SELECT 1 FROM "${MIGRATIONS_TABLE}" WHERE name = $1`, [file.name]);
        if (done.length > 0) return false;
        await tx.exec(file.sql);
        await tx.query(`INSERT INTO "${MIGRATIONS_TABLE}" (name, checksum) VALUES ($1, $2)`, [file.name, file.checksum]);
        return true;
      });
      if (!didApply) continue;
      applied.push(file.name);
      options.onEvent?.({ kind: "applied", name: file.name, durationMs: Date.now() - started });
    }
    const names = new Set(files.map((file) => file.name));
    return {
      applied,
      alreadyApplied: files.filter((file) => before.has(file.name)).map((file) => file.name),
      unknown: [...before.keys()].filter((name) => !names.has(name)),
    };
  } finally {
    await sql.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => undefined);
  }
}
