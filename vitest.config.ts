import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests (`*.test.ts`) sit next to the code; integration tests (`*.int.test.ts`) use a real
// database and the real emulator over HTTPS. The global setup makes the emulator's CA and hands it
// to the worker processes through NODE_EXTRA_CA_CERTS before they start.
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside React Server Components; tests import server modules directly.
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    globalSetup: ["./vitest.global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
