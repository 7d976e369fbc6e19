import { configuredStoreKind, getStore } from "./db";
import { listPendingMigrations } from "./migrate";
import type { StoreKind } from "./open-store";

export type StoreHealth = {
  ok: boolean;
  database: StoreKind;
  migrated: boolean;
  pendingMigrations: string[];
  error?: string;
};

const TIMEOUT_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Whether the store answers and is fully migrated, for GET /api/health. Never throws. */
export async function checkStoreHealth(): Promise<StoreHealth> {
  let database: StoreKind = "pglite";
  try {
    database = configuredStoreKind();
    const pendingMigrations = await withTimeout(
      getStore().then((store) => store.withSql(async (sql) => listPendingMigrations(sql))),
      TIMEOUT_MS,
    );
    const migrated = pendingMigrations.length === 0;
    return { ok: migrated, database, migrated, pendingMigrations, ...(migrated ? {} : { error: `${pendingMigrations.length} migration(s) not applied` }) };
  } catch (error) {
    return { ok: false, database, migrated: false, pendingMigrations: [], error: error instanceof Error ? error.message : String(error) };
  }
}
