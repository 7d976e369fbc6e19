/**
 * Fresh, isolated stores for integration tests: an embedded PGlite in a temp folder, or a new database on the local
 * Postgres server named by POOLSCOPE_TEST_DATABASE_URL (scripts/pg-throwaway.sh start), dropped on dispose.
 */
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { assertLocalDatabaseUrl } from "./assert-local-database";
import { openStore, type Store, type StoreKind } from "./open-store";
import { onServer } from "./server-client";

/** What openStore needs to reach a test database. */
export type TestDatabase = {
  kind: StoreKind;
  databaseUrl?: string;
  dataDir?: string;
  open(options?: { migrate?: boolean }): Promise<Store>;
  /** Removes the database (close every store on it first). */
  dispose(): Promise<void>;
};

export type TestStore = Store & { database: TestDatabase; dispose(): Promise<void> };

/** The kinds of store the tests can run on here: PGlite always, Postgres when a local server is configured. */
export function testStoreKinds(): StoreKind[] {
  return process.env.POOLSCOPE_TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/** The server URL from the environment, refused unless it is on loopback. */
export function testServerUrl(): string {
  const url = process.env.POOLSCOPE_TEST_DATABASE_URL;
  if (!url) throw new Error("POOLSCOPE_TEST_DATABASE_URL is not set (scripts/pg-throwaway.sh start prints one)");
  assertLocalDatabaseUrl(url);
  return url;
}

/**
 * A freshly initialised PGlite folder, made once per PGlite version and copied for each test: creating a PGlite
 * database takes seconds, copying one takes milliseconds.
 */
async function pgliteTemplate(): Promise<string> {
  // The package does not export its package.json: find it from its entry point.
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const packageJson = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), "package.json");
  const { version } = JSON.parse(readFileSync(packageJson, "utf8")) as { version: string };
  const template = path.join(tmpdir(), `poolscope-pglite-template-${version}`);
  if (existsSync(template)) return template;
  const building = mkdtempSync(path.join(tmpdir(), "poolscope-pglite-building-"));
  const db = await PGlite.create({ dataDir: building });
  await db.close();
  try {
    renameSync(building, template);
  } catch {
    // Another test worker made it first.
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

async function createPgliteDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "poolscope-test-"));
  cpSync(await pgliteTemplate(), path.join(dataDir, "pglite"), { recursive: true });
  return {
    kind: "pglite",
    dataDir,
    open: (options) => openStore({ dataDir, migrate: options?.migrate ?? true }),
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const name = `poolscope_t_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind: "postgres",
    databaseUrl,
    open: (options) => openStore({ databaseUrl, migrate: options?.migrate ?? true }),
    async dispose() {
      await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** An empty database of `kind`, with nothing open on it. */
export function createTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  return kind === "postgres" ? createPostgresDatabase() : createPgliteDatabase();
}

/** A fresh store of `kind`, migrated unless `migrate: false`; dispose closes it and removes the database. */
export async function createTestStore({ kind, migrate = true }: { kind: StoreKind; migrate?: boolean }): Promise<TestStore> {
  const database = await createTestDatabase(kind);
  let store: Store;
  try {
    store = await database.open({ migrate });
  } catch (error) {
    await database.dispose();
    throw error;
  }
  return {
    ...store,
    database,
    async dispose() {
      await store.close();
      await database.dispose();
    },
  };
}
