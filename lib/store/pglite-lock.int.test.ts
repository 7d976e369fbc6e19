import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "./open-store";
import { StoreBusyError } from "./pglite-lock";
import { createTestDatabase, type TestDatabase } from "./test-store";
import { spawnStoreChild, type StoreChild } from "./testing/spawn-store-child";

describe("the PGlite directory lock", () => {
  let database: TestDatabase | undefined;
  let child: StoreChild | undefined;
  afterEach(async () => {
    if (child && child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill("SIGKILL");
      await child.exited;
    }
    child = undefined;
    await database?.dispose();
    database = undefined;
  });

  it("refuses a second process with StoreBusyError naming the owner, and takes over once the owner is gone", async () => {
    database = await createTestDatabase("pglite");
    const dataDir = database.dataDir!;
    child = spawnStoreChild("hold", { dataDir });
    await child.waitFor((e) => e.kind === "ready");

    const lockFile = `${path.join(dataDir, "pglite")}.lock`;
    expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({ pid: child.process.pid });
    const refused = await openStore({ dataDir }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreBusyError);
    expect((refused as StoreBusyError).pid).toBe(child.process.pid);
    expect((refused as Error).message).toMatch(new RegExp(`is open in process ${child.process.pid} \\(probably the running app\\)`));

    // `npm run db:migrate` says so in one line and fails.
    const script = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts"], {
      env: { ...process.env, POOLSCOPE_DATA_DIR: dataDir, DATABASE_URL: "" },
      encoding: "utf8",
    });
    expect(script.status).toBe(1);
    expect(script.stderr.trim()).toMatch(new RegExp(`^db:migrate: the embedded database in .* is open in process ${child.process.pid}`));

    // A killed owner leaves a stale lock (its pid is gone): the next process takes it over.
    child.process.kill("SIGKILL");
    await child.exited;
    const store = await openStore({ dataDir });
    try {
      expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({ pid: process.pid });
      expect(await store.db.collectionRun.count()).toBe(0);
    } finally {
      await store.close();
    }
    expect(existsSync(lockFile)).toBe(false);
  });

  it("refuses to open the same directory twice in one process", async () => {
    database = await createTestDatabase("pglite");
    const store = await openStore({ dataDir: database.dataDir, migrate: false });
    try {
      await expect(openStore({ dataDir: database.dataDir })).rejects.toThrow(/already open in this process/);
    } finally {
      await store.close();
    }
  });
});
