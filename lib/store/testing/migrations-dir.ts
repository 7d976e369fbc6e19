import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A temp copy of prisma/migrations plus `extra` migrations ({ "<timestamp>_<name>": sql }), for tests to change. */
export function makeMigrationsDir(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), "poolscope-migrations-"));
  cpSync(path.resolve("prisma/migrations"), dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}
