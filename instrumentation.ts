/**
 * Runs once when the Next.js server starts: validates the configuration, migrates the store and starts the
 * collection schedule. A bad setting stops the server with one line that names it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ConfigError, getConfig } = await import("./lib/config");
  try {
    getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`poolscope: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const { closeStore, getDb } = await import("./lib/store/db");
  await getDb();
  // Release the embedded store's lock file on a clean stop, so `npm run collect` can open it straight after.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void closeStore().finally(() => process.exit(0)));
  }
  const { startCollectionSchedule } = await import("./lib/collect/schedule");
  startCollectionSchedule();
}
