/**
 * The process's one store and Prisma client. Not marked `server-only`: the scripts (`npm run db:migrate`,
 * `npm run collect`) and the tests import it outside Next.js, where that package throws on import. The code that
 * pages reach it through (lib/queries/*) is marked `server-only` instead.
 */
import { getConfig } from "@/lib/config";
import type { PrismaClient } from "./generated/client";
import type { MigrationEvent } from "./migrate";
import { openStore, type Store, type StoreKind } from "./open-store";

export { openStore, type OpenStoreOptions, type Store, type StoreKind } from "./open-store";
export { StoreBusyError } from "./pglite-lock";

type Cache = { store?: Promise<Store>; migrated?: Promise<Store> };

// On globalThis in every environment, not only in development: besides hot reloads, Next.js can load this module
// in more than one bundle of the same server process (instrumentation, route handlers), and a second PGlite on the
// same directory is not an option.
const cache: Cache = ((globalThis as Record<symbol, unknown>)[Symbol.for("poolscope.store")] ??= {}) as Cache;

/** Which kind of store the configuration selects. */
export function configuredStoreKind(): StoreKind {
  return getConfig().databaseUrl ? "postgres" : "pglite";
}

/** The process's store, opened on first use but not migrated (health checks need it even when migrating fails). */
export function getStore(): Promise<Store> {
  if (!cache.store) {
    const { databaseUrl, dataDir } = getConfig();
    cache.store = openStore({ databaseUrl, dataDir, migrate: false });
    // A failed open (server down, PGlite busy) is retried on the next call rather than remembered for good.
    cache.store.catch(() => {
      cache.store = undefined;
    });
  }
  return cache.store;
}

function logMigration(event: MigrationEvent): void {
  if (event.kind === "applied") console.log(`poolscope: applied migration ${event.name} (${event.durationMs} ms)`);
  if (event.kind === "waiting-for-lock") console.log("poolscope: another process is migrating the store; waiting for it");
}

/** The migrated, ready store; the first call applies any pending migrations. */
export function getMigratedStore(): Promise<Store> {
  if (!cache.migrated) {
    cache.migrated = getStore().then(async (store) => {
      await store.migrate({ onEvent: logMigration });
      return store;
    });
    cache.migrated.catch(() => {
      cache.migrated = undefined;
    });
  }
  return cache.migrated;
}

/** The migrated, ready Prisma client; the first call applies any pending migrations. */
export async function getDb(): Promise<PrismaClient> {
  return (await getMigratedStore()).db;
}

/** Closes the process's store (end of a script; tests). The next `getDb()` opens it again. */
export async function closeStore(): Promise<void> {
  const pending = cache.store;
  cache.store = undefined;
  cache.migrated = undefined;
  if (pending) await (await pending.catch(() => undefined))?.close();
}
