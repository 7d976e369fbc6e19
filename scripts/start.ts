/**
 * `npm start`: builds Poolscope and serves it. With no Azure configuration it first starts the emulator's demo
 * estate and points the app at it, so a new user sees a fleet within a minute; with Azure configuration
 * (POOLSCOPE_SOURCE=azure or any AZURE_* credential) it serves against Azure and starts nothing else.
 *
 *   --no-build   serve the existing build
 *   --dev        `next dev` instead of build + start
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ConfigError, parseConfig } from "../lib/config";
import { emulatorClientEnv } from "../lib/emulator/client-env";

const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const build = !dev && !args.has("--no-build");
const nextBin = "node_modules/next/dist/bin/next";

type EmulatorReady = { url: string; caFile: string; tenantId: string; clientId: string; clientSecret: string };

const children: ChildProcess[] = [];

function stopAll(code: number): never {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
}

function wantsAzure(env: NodeJS.ProcessEnv): boolean {
  if (env.POOLSCOPE_SOURCE) return env.POOLSCOPE_SOURCE === "azure";
  return Boolean(env.AZURE_CLIENT_ID || env.AZURE_TENANT_ID || env.AZURE_FEDERATED_TOKEN_FILE);
}

async function startEmulator(dataDir: string): Promise<EmulatorReady> {
  const emulator = spawn(
    process.execPath,
    ["--import", "tsx", "lib/emulator/cli.ts", "--size", process.env.POOLSCOPE_DEMO_SIZE ?? "demo", "--seed", process.env.POOLSCOPE_DEMO_SEED ?? "1", "--port", process.env.POOLSCOPE_EMULATOR_PORT ?? "0", "--tls-dir", `${dataDir}/emulator-tls`],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  children.push(emulator);
  const lines = createInterface({ input: emulator.stdout! });
  return new Promise((resolve, reject) => {
    emulator.once("exit", (code) => reject(new Error(`the emulator exited (code ${code}) before it was ready`)));
    lines.on("line", (line) => {
      try {
        const message = JSON.parse(line) as { ready?: boolean } & EmulatorReady;
        if (message.ready) resolve(message);
      } catch {
        process.stderr.write(`[emulator] ${line}\n`);
      }
    });
  });
}

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig({ ...process.env, POOLSCOPE_SOURCE: wantsAzure(process.env) ? "azure" : "emulator" });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`poolscope: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }

  if (build) {
    console.log("poolscope: building (next build)...");
    const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (result.status !== 0) stopAll(result.status ?? 1);
  }

  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (config.source === "emulator") {
    const emulator = await startEmulator(config.dataDir);
    Object.assign(env, {
      ...emulatorClientEnv(emulator),
      POOLSCOPE_EMULATOR_URL: emulator.url,
      // Node reads extra CAs only at start-up: the app trusts the emulator's self-signed certificate this way.
      NODE_EXTRA_CA_CERTS: emulator.caFile,
    });
    // Where the demo's emulator answers, for `npm run collect` and the end-to-end tests (no secret in it).
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(join(config.dataDir, "emulator.json"), JSON.stringify({ url: emulator.url, caFile: emulator.caFile }) + "\n");
    console.log(`poolscope: demo estate served by the emulator at ${emulator.url}`);
  } else {
    console.log(`poolscope: reading Azure at ${config.azure.armEndpoint}`);
  }

  const port = process.env.PORT ?? "3000";
  const host = process.env.HOSTNAME ?? "0.0.0.0";
  const app = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "--port", port, "--hostname", host], { stdio: "inherit", env });
  children.push(app);
  console.log(`poolscope: serving on http://localhost:${port}`);
  app.on("exit", (code) => stopAll(code ?? 0));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAll(0));
}

main().catch((error: unknown) => {
  console.error(`poolscope: ${error instanceof Error ? error.message : String(error)}`);
  stopAll(1);
});
