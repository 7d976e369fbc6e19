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
  const { getDb } = await import("./lib/store/db");
  await getDb();
}
