import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** One migration in Prisma's layout: `<dir>/<timestamp>_<name>/migration.sql`. */
export type MigrationFile = { name: string; sql: string; checksum: string };

/**
 * Where migrations live. Read from disk at run time (relative to the working directory, as `next start` and the
 * scripts run from the project root) so a production server needs no bundling of SQL files.
 */
export function defaultMigrationsDir(): string {
  return path.resolve(process.cwd(), process.env.POOLSCOPE_MIGRATIONS_DIR ?? "prisma/migrations");
}

/**
 * SHA-256 of the SQL with line endings normalised, so a checkout that turns LF into CRLF (Windows, autocrlf) does
 * not look like an edited migration.
 */
export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}

/** The migrations in `dir`, in the order they apply (their folder names sort by timestamp). */
export function readMigrationFiles(dir: string = defaultMigrationsDir()): MigrationFile[] {
  if (!existsSync(dir)) throw new Error(`no migrations folder at ${dir} (run from the project root, or set POOLSCOPE_MIGRATIONS_DIR)`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    });
}
