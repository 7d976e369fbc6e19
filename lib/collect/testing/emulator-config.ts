/** The configuration that points the collector at an in-process emulator (tests, benchmarks). */
import { parseConfig, type Config } from "@/lib/config";

export function configForEmulator(emulator: { url: string; tenantId: string; clientId: string; clientSecret: string }, env: Record<string, string | undefined> = {}): Config {
  return parseConfig({
    POOLSCOPE_SOURCE: "emulator",
    AZURE_TENANT_ID: emulator.tenantId,
    AZURE_CLIENT_ID: emulator.clientId,
    AZURE_CLIENT_SECRET: emulator.clientSecret,
    AZURE_AUTHORITY_HOST: emulator.url,
    POOLSCOPE_ARM_ENDPOINT: emulator.url,
    POOLSCOPE_PRICES_ENDPOINT: emulator.url,
    ...env,
  });
}
