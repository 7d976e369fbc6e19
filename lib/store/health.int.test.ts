import { afterEach, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { closeStore, getDb } from "./db";
import { checkStoreHealth } from "./health";
import { readMigrationFiles } from "./migration-files";
import { createTestDatabase, testStoreKinds, type TestDatabase } from "./test-store";

const ALL = readMigrationFiles().map((migration) => migration.name);

function useStore(env: { DATABASE_URL?: string; POOLSCOPE_DATA_DIR?: string }): void {
  vi.stubEnv("DATABASE_URL", env.DATABASE_URL ?? "");
  vi.stubEnv("POOLSCOPE_DATA_DIR", env.POOLSCOPE_DATA_DIR ?? ".data");
  resetConfigForTests();
}

describe.each(testStoreKinds())("getDb and checkStoreHealth on %s", (kind) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await closeStore();
    await database?.dispose();
    database = undefined;
    vi.unstubAllEnvs();
    resetConfigForTests();
  });

  it("reports pending migrations until getDb() has migrated the store, then reports ok", async () => {
    database = await createTestDatabase(kind);
    useStore({ DATABASE_URL: database.databaseUrl, POOLSCOPE_DATA_DIR: database.dataDir });

    expect(await checkStoreHealth()).toEqual({ ok: false, database: kind, migrated: false, pendingMigrations: ALL, error: `${ALL.length} migration(s) not applied` });
    const db = await getDb();
    expect(await getDb()).toBe(db);
    expect(await db.collectionRun.count()).toBe(0);
    expect(await checkStoreHealth()).toEqual({ ok: true, database: kind, migrated: true, pendingMigrations: [] });
  });
});

describe("checkStoreHealth when the store cannot be reached", () => {
  afterEach(async () => {
    await closeStore();
    vi.unstubAllEnvs();
    resetConfigForTests();
  });

  it("reports the error instead of throwing", async () => {
    useStore({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nothing_here" });
    const health = await checkStoreHealth();
    expect(health).toMatchObject({ ok: false, database: "postgres", migrated: false, pendingMigrations: [] });
    expect(health.error).toMatch(/ECONNREFUSED/);
    await expect(getDb()).rejects.toThrow(/ECONNREFUSED/);
  });
});
