import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client";
import { migrate, type MigrateOptions, type MigrateResult } from "./migrate";
import { acquirePgliteLock, displayPath, releasePgliteLock, releasePgliteLocksOnExit } from "./pglite-lock";
import { pgliteExecutor, withPgPoolSession, type SqlExecutor } from "./sql-executor";

export type StoreKind = "postgres" | "pglite";

export type OpenStoreOptions = {
  /** A Postgres server; without it the store is embedded PGlite in `${dataDir}/pglite`. */
  databaseUrl?: string;
  /** Defaults to `.data`. */
  dataDir?: string;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  migrateOptions?: MigrateOptions;
};

export type Store = {
  kind: StoreKind;
  /** Where the data lives, for messages: the PGlite directory, or the server and database (no password). */
  location: string;
  db: PrismaClient;
  /** Runs `fn` on one raw SQL session (migrations, health, tests). */
  withSql<T>(fn: (sql: SqlExecutor) => Promise<T>): Promise<T>;
  migrate(options?: MigrateOptions): Promise<MigrateResult>;
  close(): Promise<void>;
};

/**
 * On PGlite a transaction waits for any other one to finish, a run's write among them (one transaction of several
 * seconds, on the raw session: see write-snapshot.ts): Prisma's defaults (2 s to start, 5 s to run) are too short.
 */
const transactionOptions = { maxWait: 60_000, timeout: 300_000 };

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `postgres ${parsed.host}${parsed.pathname}`;
}

async function openPostgres(databaseUrl: string): Promise<Omit<Store, "migrate">> {
  const pool = new pg.Pool({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000, max: 10 });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error(`poolscope: a Postgres connection failed: ${error.message}`));
  const db = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions });
  return {
    kind: "postgres",
    location: describeUrl(databaseUrl),
    db,
    withSql: (fn) => withPgPoolSession(pool, fn),
    async close() {
      await db.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string): Promise<Omit<Store, "migrate">> {
  const dir = path.resolve(dataDir, "pglite");
  mkdirSync(dataDir, { recursive: true });
  acquirePgliteLock(dir);
  releasePgliteLocksOnExit();
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir: dir });
    // pglite-prisma-adapter reads timestamptz values as UTC whatever offset they carry: keep the session in UTC.
    await client.exec("SET TIME ZONE 'UTC'");
  } catch (error) {
    releasePgliteLock(dir);
    throw error;
  }
  const db = new PrismaClient({ adapter: new PrismaPGlite(client), transactionOptions });
  const sql = pgliteExecutor(client);
  return {
    kind: "pglite",
    location: displayPath(dir),
    db,
    withSql: (fn) => fn(sql),
    async close() {
      await db.$disconnect();
      try {
        if (!client.closed) await client.close();
      } finally {
        releasePgliteLock(dir);
      }
    },
  };
}

/** Opens a store of its own (scripts, tests); the app uses `getDb()`. Close it when done. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const opened = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir ?? ".data");
  const store: Store = {
    ...opened,
    migrate: (migrateOptions) => opened.withSql((sql) => migrate(sql, migrateOptions)),
  };
  if (options.migrate ?? true) {
    try {
      await store.migrate(options.migrateOptions);
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
  }
  return store;
}
