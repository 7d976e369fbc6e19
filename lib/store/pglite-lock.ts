import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * PGlite is one process's database: two processes opening the same directory would corrupt it. A lock file beside
 * the directory (`<dir>.lock`) holds the owner's pid. A lock whose process is gone is stale and taken over; one held
 * by a live process makes `acquirePgliteLock` throw StoreBusyError, which callers such as `npm run collect` use to
 * hand the work to the running app instead.
 */

export class StoreBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    const shown = displayPath(dir);
    super(
      pid === process.pid
        ? `the embedded database in ${shown} is already open in this process; use the store that opened it`
        : `the embedded database in ${shown} is open in process ${pid} (probably the running app); ` +
            `let that process do the work, stop it first, or set DATABASE_URL to use a Postgres server`,
    );
    this.name = "StoreBusyError";
  }
}

/** A directory as a person would type it: relative when inside the working directory. */
export function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : dir;
}

type LockContent = { pid: number; startTime?: string };

/** Directories this process holds, on globalThis because Next.js may load this module more than once per process. */
const held: Set<string> = ((globalThis as Record<symbol, unknown>)[Symbol.for("poolscope.pgliteLocks")] ??= new Set<string>()) as Set<string>;

function lockPathOf(dir: string): string {
  return `${path.resolve(dir)}.lock`;
}

/** The kernel's start time of a process (Linux), so a pid reused by an unrelated process is not taken for the owner. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (starttime); the command name (field 2) may contain spaces, so count from its closing parenthesis.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockContent): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const startTime = startTimeOf(owner.pid);
  return owner.startTime === undefined || startTime === undefined || owner.startTime === startTime;
}

function readLock(file: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<LockContent>;
    return typeof parsed.pid === "number" ? { pid: parsed.pid, startTime: parsed.startTime } : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the lock file atomically and complete (written aside, then hard-linked into place). */
function tryCreate(file: string): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ pid: process.pid, startTime: startTimeOf(process.pid) } satisfies LockContent));
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

/** Takes the lock on `dir` for this process, or throws StoreBusyError naming the live owner. */
export function acquirePgliteLock(dir: string): void {
  const resolved = path.resolve(dir);
  if (held.has(resolved)) throw new StoreBusyError(resolved, process.pid);
  const file = lockPathOf(resolved);
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file)) {
      held.add(resolved);
      return;
    }
    const owner = readLock(file);
    // Our own pid but not held here: left by an earlier process that had the same pid (a restarted container).
    if (owner && owner.pid !== process.pid && isAlive(owner)) throw new StoreBusyError(resolved, owner.pid);
    // Stale (or unreadable): move it aside under a private name, so two processes taking it over at once cannot
    // both delete each other's fresh lock; then make sure what was moved really was the stale one.
    const aside = `${file}.${process.pid}.stale`;
    try {
      renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readLock(aside);
    if (moved && moved.pid !== process.pid && isAlive(moved)) {
      try {
        linkSync(aside, file);
      } catch {
        // Someone else has re-created it meanwhile; either way the live owner keeps the directory.
      }
      unlinkSync(aside);
      throw new StoreBusyError(resolved, moved.pid);
    }
    unlinkSync(aside);
  }
  throw new Error(`could not take the lock ${file}: it keeps changing; is another process starting at the same time?`);
}

/** Gives the lock back, if this process holds it. */
export function releasePgliteLock(dir: string): void {
  const resolved = path.resolve(dir);
  if (!held.delete(resolved)) return;
  const file = lockPathOf(resolved);
  if (readLock(file)?.pid === process.pid) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone.
    }
  }
}

let exitHookInstalled = false;

/** Removes this process's lock files when it exits normally (a killed process leaves a stale lock, taken over later). */
export function releasePgliteLocksOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const dir of [...held]) releasePgliteLock(dir);
  });
}
