/**
 * The settings that point Poolscope's collector at an emulator: its client credentials, and the emulator as the
 * authority host, the Resource Manager endpoint and the Retail Prices endpoint. Used by `npm start`, the benchmark
 * and the tests, so that each reaches the emulator through the same configuration a real deployment sets.
 */
export type EmulatorClient = { url: string; tenantId: string; clientId: string; clientSecret: string };

export function emulatorClientEnv(emulator: EmulatorClient) {
  return {
    POOLSCOPE_SOURCE: "emulator",
    AZURE_TENANT_ID: emulator.tenantId,
    AZURE_CLIENT_ID: emulator.clientId,
    AZURE_CLIENT_SECRET: emulator.clientSecret,
    AZURE_AUTHORITY_HOST: emulator.url,
    POOLSCOPE_ARM_ENDPOINT: emulator.url,
    POOLSCOPE_PRICES_ENDPOINT: emulator.url,
  };
}
