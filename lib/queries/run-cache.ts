import "server-only";
import type { PrismaClient } from "@/lib/store/generated/client";

/**
 * Read models of a finished run, kept in memory. A readable run (succeeded or partial) is never written again, and
 * nothing reads rows of later runs into what a run shows, so what a page computes from a run's rows holds for as
 * long as the run exists: the pages ask again and again for the newest run, and every client gets the same answer.
 * Only what is derived from snapshot rows belongs here, never the identity rows (first and last seen, deleted) or
 * which run is the newest, which do change.
 *
 * Promises are kept, so concurrent requests for the same thing share one query; a failed one is forgotten. Least
 * recently used entries go first, per store (tests open several).
 */
const MAX_ENTRIES = 256;

const caches = new WeakMap<PrismaClient, Map<string, Promise<unknown>>>();

export function cachedForRun<T>(db: PrismaClient, runId: number, key: string, load: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const fullKey = `${runId}\u0000${key}`;
  const hit = cache.get(fullKey) as Promise<T> | undefined;
  if (hit) {
    // Map keeps insertion order: moving the entry to the end makes the first key the least recently used.
    cache.delete(fullKey);
    cache.set(fullKey, hit);
    return hit;
  }
  const loaded = load();
  cache.set(fullKey, loaded);
  loaded.catch(() => {
    if (cache.get(fullKey) === loaded) cache.delete(fullKey);
  });
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return loaded;
}
