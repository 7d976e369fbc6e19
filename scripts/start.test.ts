import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// The launcher validates the configuration before it builds or starts anything.
describe("npm start with a bad setting", () => {
  it.each([
    ["DATABASE_URL", "nonsense"],
    ["POOLSCOPE_CONCURRENCY", "-3"],
  ])("stops with one line naming %s", (name, value) => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: { ...process.env, [name]: value },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^poolscope: Invalid configuration: ${name} is "${value}" but should be`));
    expect(result.stdout).not.toContain("building");
  });
});
