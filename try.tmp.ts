import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator } from "@/lib/emulator";
import { parseConfig } from "@/lib/config";
import { openStore } from "@/lib/store/open-store";
import { collectOnce } from "@/lib/collect/collect-once";

const size = (process.argv[2] ?? "demo") as "demo";
const emulator = await startEmulator({ size, tlsDir: process.env.TLS_DIR, latencyMs: Number(process.env.LAT ?? 0) });
const config = parseConfig({ AZURE_TENANT_ID: emulator.tenantId, AZURE_CLIENT_ID: emulator.clientId, AZURE_CLIENT_SECRET: emulator.clientSecret, AZURE_AUTHORITY_HOST: emulator.url, POOLSCOPE_ARM_ENDPOINT: emulator.url, POOLSCOPE_PRICES_ENDPOINT: emulator.url, POOLSCOPE_SOURCE: "emulator" });
const store = await openStore({ dataDir: mkdtempSync(path.join(tmpdir(), "pd-")) });
const t = Date.now();
const result = await collectOnce({ trigger: "cli", db: store.db, config });
console.log(JSON.stringify({ ...result, errors: result.errors.slice(0, 15), ms: Date.now() - t }, null, 1).slice(0, 6000));
console.log(emulator.stats());
await store.close();
await emulator.stop();
