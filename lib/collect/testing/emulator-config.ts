/** The configuration that points the collector at an in-process emulator (tests, benchmarks). */
import { parseConfig, type Config } from "@/lib/config";
import { emulatorClientEnv, type EmulatorClient } from "@/lib/emulator/client-env";

export function configForEmulator(emulator: EmulatorClient, env: Record<string, string | undefined> = {}): Config {
  return parseConfig({ ...emulatorClientEnv(emulator), ...env });
}
