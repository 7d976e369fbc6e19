/**
 * A throw-away store for a benchmark: PGlite in a temp folder, or a new database on the Postgres server named by
 * POOLSCOPE_BENCH_DATABASE_URL (loopback only). `dispose` closes it and removes the folder or drops the database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { assertLocalDatabaseUrl } from "../lib/store/assert-local-database";
import { openStore, type Store } from "../lib/store/open-store";
import { onServer } from "../lib/store/server-client";

export type BenchStore = { store: Store; where: string; dispose(): Promise<void> };

export async function openBenchStore(label: string): Promise<BenchStore> {
  const serverUrl = process.env.POOLSCOPE_BENCH_DATABASE_URL;
  if (serverUrl) {
    assertLocalDatabaseUrl(serverUrl);
    const name = `poolscope_bench_${label}_${Date.now().toString(36)}`;
    await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const store = await openStore({ databaseUrl: url.toString() });
    return {
      store,
      where: `Postgres ${url.host}`,
      async dispose() {
        await store.close();
        await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      },
    };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), `poolscope-bench-${label}-`));
  const store = await openStore({ dataDir });
  return {
    store,
    where: "PGlite (temp folder)",
    async dispose() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
