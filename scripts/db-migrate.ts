/**
 * `npm run db:migrate`: applies pending migrations (prisma/migrations) to the configured store: the Postgres server
 * in DATABASE_URL, or the embedded PGlite database in POOLSCOPE_DATA_DIR (default .data).
 */
import { ConfigError, getConfig } from "../lib/config";
import { MigrationChecksumError } from "../lib/store/migrate";
import { openStore } from "../lib/store/open-store";
import { StoreBusyError } from "../lib/store/pglite-lock";

let location = "the store";

async function main(): Promise<number> {
  const { databaseUrl, dataDir } = getConfig();
  const store = await openStore({ databaseUrl, dataDir, migrate: false });
  location = store.location;
  try {
    const result = await store.migrate({
      onEvent: (event) => {
        if (event.kind === "waiting-for-lock") console.log("another process is migrating this database; waiting for it…");
        if (event.kind === "applied") console.log(`applied ${event.name} (${event.durationMs} ms)`);
      },
    });
    for (const name of result.unknown) console.warn(`warning: ${name} is recorded in the database but not in prisma/migrations (is this code older than the database?)`);
    console.log(
      result.applied.length === 0
        ? `${store.location}: up to date (${result.alreadyApplied.length} migration(s) applied before)`
        : `${store.location}: applied ${result.applied.length} migration(s)`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

function describe(error: unknown): string {
  if (error instanceof StoreBusyError) return `${error.message}. The running app migrates its store when it starts.`;
  if (error instanceof ConfigError || error instanceof MigrationChecksumError) return error.message;
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && ["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH"].includes(code)) return `cannot reach ${location} (${message})`;
  return `migrating ${location} failed: ${message}`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`db:migrate: ${describe(error)}`);
    process.exit(1);
  },
);
