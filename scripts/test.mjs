// `npm test`: typecheck, lint, Vitest (unit + integration) and Playwright (against a production build), in
// that order, stopping at the first stage that fails; ends with one "N passed, N failed" line over all tests.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const stages = [
  { name: "typecheck", command: ["npx", "tsc", "--noEmit", "-p", "."] },
  { name: "lint", command: ["npx", "eslint", ".", "--max-warnings", "0"] },
  { name: "unit and integration tests", command: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest.json"] },
  { name: "end-to-end tests", command: ["npx", "playwright", "test"] },
];

rmSync("test-results", { recursive: true, force: true });
mkdirSync("test-results/screenshots", { recursive: true });

let failedStage;
for (const stage of stages) {
  console.log(`\n=== ${stage.name}: ${stage.command.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(stage.command[0], stage.command.slice(1), { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  console.log(`=== ${stage.name}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    failedStage = stage.name;
    break;
  }
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined;
}

const vitest = readJson("test-results/vitest.json");
const playwright = readJson("test-results/playwright.json");
let passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0);
let failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
if (failedStage && failed === 0) failed = 1; // a typecheck or lint failure counts as one failed test
console.log(failedStage ? `\nnpm test: the ${failedStage} stage failed` : "\nnpm test: all stages passed");
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedStage ? 1 : 0);
