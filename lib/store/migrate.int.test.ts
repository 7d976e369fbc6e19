import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { listPendingMigrations, MIGRATIONS_TABLE, type MigrationEvent } from "./migrate";
import { readMigrationFiles } from "./migration-files";
import type { SqlSession } from "./sql-executor";
import { createTestDatabase, createTestStore, testStoreKinds, type TestDatabase } from "./test-store";
import { makeMigrationsDir } from "./testing/migrations-dir";
import { spawnStoreChild } from "./testing/spawn-store-child";

const INIT = readMigrationFiles()[0]!.name;
/** Every migration the repository has, in order. */
const ALL = readMigrationFiles().map((migration) => migration.name);
const SLOW = "20991231000000_slow";
const slowSql = (seconds: number) => `CREATE TABLE "SlowOne" (id INTEGER);\nSELECT pg_sleep(${seconds});\nCREATE TABLE "SlowTwo" (id INTEGER);\n`;

async function tableExists(sql: SqlSession, name: string): Promise<boolean> {
  const [row] = await sql.query<{ found: string | null }>(`SELECT to_regclass($1)::text AS found`, [`"${name}"`]);
  return Boolean(row?.found);
}

async function recorded(sql: SqlSession): Promise<{ name: string; checksum: string; appliedAt: Date }[]> {
  return sql.query(`SELECT name, checksum, "appliedAt" FROM "${MIGRATIONS_TABLE}" ORDER BY name`);
}

describe.each(testStoreKinds())("migrate on %s", (kind) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function database(): Promise<TestDatabase> {
    const db = await createTestDatabase(kind);
    cleanups.push(() => db.dispose());
    return db;
  }
  function migrationsDir(extra: Record<string, string> = {}): string {
    const dir = makeMigrationsDir(extra);
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  it("applies every migration to an empty database, records it, and a second run does nothing", async () => {
    const store = await createTestStore({ kind, migrate: false });
    cleanups.push(() => store.dispose());
    expect(await store.withSql((sql) => listPendingMigrations(sql))).toEqual(ALL);
    const first = await store.migrate();
    expect(first).toEqual({ applied: ALL, alreadyApplied: [], unknown: [] });
    const second = await store.migrate();
    expect(second).toEqual({ applied: [], alreadyApplied: ALL, unknown: [] });
    const rows = await store.withSql(recorded);
    expect(rows.map((row) => [row.name, row.checksum])).toEqual(readMigrationFiles().map((m) => [m.name, m.checksum]));
    expect(rows[0]!.appliedAt).toBeInstanceOf(Date);
    expect(await store.withSql((sql) => listPendingMigrations(sql))).toEqual([]);
  });

  it("lets two migrators start together: both succeed and each migration is applied once", async () => {
    const dir = migrationsDir({ [SLOW]: slowSql(1) });
    const db = await database();
    const first = await db.open({ migrate: false });
    cleanups.push(() => first.close());
    // PGlite is one process's database: the second migrator is a second caller in this process. On Postgres it is a
    // second connection pool, so the advisory lock is what keeps them apart.
    const second = kind === "postgres" ? await db.open({ migrate: false }) : first;
    if (second !== first) cleanups.push(() => second.close());
    const events: MigrationEvent[] = [];
    const [a, b] = await Promise.all([
      first.migrate({ migrationsDir: dir, onEvent: (e) => events.push(e) }),
      second.migrate({ migrationsDir: dir, onEvent: (e) => events.push(e) }),
    ]);
    expect([...a.applied, ...b.applied].sort()).toEqual([...ALL, SLOW]);
    expect(await first.withSql(recorded)).toHaveLength(ALL.length + 1);
    if (kind === "postgres") expect(events.some((e) => e.kind === "waiting-for-lock")).toBe(true);
  });

  it.runIf(kind === "postgres")("lets two processes migrate at once: one waits, then finds nothing to do", async () => {
    const dir = migrationsDir({ [SLOW]: slowSql(1) });
    const db = await database();
    const children = [0, 1].map(() => spawnStoreChild("migrate", { databaseUrl: db.databaseUrl, migrationsDir: dir }));
    const results = await Promise.all(children.map((child) => child.waitFor((e) => e.kind === "done" || e.kind === "error")));
    expect(results.map((r) => r.kind)).toEqual(["done", "done"]);
    expect(results.flatMap((r) => r.applied as string[]).sort()).toEqual([...ALL, SLOW]);
  });

  it("finishes correctly after a migrator is killed in the middle of a migration", async () => {
    const dir = migrationsDir({ [SLOW]: slowSql(3) });
    const db = await database();
    const child = spawnStoreChild("migrate", { databaseUrl: db.databaseUrl, dataDir: db.dataDir, migrationsDir: dir });
    await child.waitFor((e) => e.kind === "applying" && e.name === SLOW);
    await sleep(500);
    child.process.kill("SIGKILL");
    await child.exited;

    // The killed process's lock file (PGlite) is stale and taken over; its transaction was never committed.
    const store = await db.open({ migrate: false });
    cleanups.push(() => store.close());
    expect(await store.withSql((sql) => listPendingMigrations(sql, { migrationsDir: dir }))).toEqual([SLOW]);
    const result = await store.migrate({ migrationsDir: dir });
    expect(result).toMatchObject({ applied: [SLOW], alreadyApplied: ALL });
    expect(await store.withSql((sql) => tableExists(sql, "SlowOne"))).toBe(true);
    expect(await store.withSql((sql) => tableExists(sql, "SlowTwo"))).toBe(true);
    expect((await store.withSql(recorded)).map((row) => row.name)).toEqual([...ALL, SLOW]);
  });

  it("rolls back a failing migration and does not record it", async () => {
    const bad = "20991231000000_bad";
    const dir = migrationsDir({ [bad]: `CREATE TABLE "Half" (id INTEGER);\nSELECT no_such_function();\n` });
    const store = await createTestStore({ kind, migrate: false });
    cleanups.push(() => store.dispose());
    await expect(store.migrate({ migrationsDir: dir })).rejects.toThrow(/no_such_function/);
    expect(await store.withSql((sql) => tableExists(sql, "Half"))).toBe(false);
    expect(await store.withSql((sql) => listPendingMigrations(sql, { migrationsDir: dir }))).toEqual([bad]);
  });

  it("refuses to run when an applied migration was changed, but not for changed line endings", async () => {
    const dir = migrationsDir();
    const file = path.join(dir, INIT, "migration.sql");
    const store = await createTestStore({ kind, migrate: false });
    cleanups.push(() => store.dispose());
    await store.migrate({ migrationsDir: dir });

    writeFileSync(file, readFileSync(file, "utf8").replace(/\n/g, "\r\n"));
    expect((await store.migrate({ migrationsDir: dir })).applied).toEqual([]);

    appendFileSync(file, "\r\n-- an edit\r\n");
    const changed = new RegExp(`migration ${INIT} was changed after it was applied`);
    await expect(store.migrate({ migrationsDir: dir })).rejects.toThrow(changed);
    await expect(store.withSql((sql) => listPendingMigrations(sql, { migrationsDir: dir }))).rejects.toThrow(changed);
  });
});
