import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export type ChildEvent = { kind: string; [key: string]: unknown };

export type StoreChild = {
  process: ChildProcess;
  /** Resolves with the first event (past or future) that `match` accepts; rejects if the child exits first. */
  waitFor(match: (event: ChildEvent) => boolean, timeoutMs?: number): Promise<ChildEvent>;
  exited: Promise<number | null>;
  stderr(): string;
};

const script = fileURLToPath(new URL("./store-child.ts", import.meta.url));

/** Starts lib/store/testing/store-child.ts in its own Node process (so it gets its own pid and its own PGlite). */
export function spawnStoreChild(mode: "migrate" | "hold", options: { databaseUrl?: string; dataDir?: string; migrationsDir?: string }): StoreChild {
  const child = spawn(process.execPath, ["--import", "tsx", script, mode, JSON.stringify(options)], { stdio: ["ignore", "pipe", "pipe"] });
  const events: ChildEvent[] = [];
  const waiters = new Set<() => void>();
  let errors = "";
  child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      events.push(JSON.parse(line) as ChildEvent);
    } catch {
      return;
    }
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  exited.then(() => {
    for (const wake of waiters) wake();
  });

  return {
    process: child,
    exited,
    stderr: () => errors,
    waitFor(match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`child did not report in ${timeoutMs} ms; stderr: ${errors}`)), timeoutMs);
        const finish = (error?: Error, event?: ChildEvent) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve(event!);
        };
        const check = () => {
          const found = events.find(match);
          if (found) finish(undefined, found);
          else if (child.exitCode !== null || child.signalCode !== null) {
            finish(new Error(`child exited before reporting; events: ${JSON.stringify(events)}; stderr: ${errors}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}
