/**
 * A second process for the store tests (run with `node --import tsx`). Prints one JSON line per event on stdout.
 *   migrate <json: { databaseUrl?, dataDir?, migrationsDir }>   opens the store, migrates, exits
 *   hold <json: { dataDir }>                                    opens the store and keeps it open until killed
 */
import { openStore } from "../open-store";

const [mode, json] = process.argv.slice(2);
const options = JSON.parse(json ?? "{}") as { databaseUrl?: string; dataDir?: string; migrationsDir?: string };
const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

try {
  const store = await openStore({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, migrate: false });
  if (mode === "migrate") {
    const result = await store.migrate({ migrationsDir: options.migrationsDir, onEvent: say });
    say({ kind: "done", ...result });
    await store.close();
  } else {
    say({ kind: "ready", pid: process.pid });
    setInterval(() => undefined, 60_000);
  }
} catch (error) {
  say({ kind: "error", name: (error as Error).name, message: (error as Error).message });
  process.exitCode = 1;
}
