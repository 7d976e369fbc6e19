import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3107);
const dataDir = ".data/e2e";

// Playwright cannot download its own browser here: the specs drive Debian's Chromium.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    // A production build on the embedded defaults: a fresh PGlite store and the emulator's demo estate.
    command: `rm -rf ${dataDir} && node --import tsx scripts/start.ts`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(port), HOSTNAME: "127.0.0.1", POOLSCOPE_DATA_DIR: dataDir },
  },
});
