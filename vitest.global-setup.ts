import path from "node:path";
import { ensureEmulatorCertificate } from "./lib/emulator/tls";

/**
 * Makes the emulator's CA before any test worker starts and hands it to them: Node reads NODE_EXTRA_CA_CERTS only
 * at process start, and the fork workers inherit this process's environment. In-process emulators started by the
 * tests pick the same directory up from POOLSCOPE_EMULATOR_TLS_DIR, so the certificate they serve is trusted.
 */
export default async function setup(): Promise<void> {
  const dir = path.resolve(process.env.POOLSCOPE_EMULATOR_TLS_DIR ?? ".data/test-tls");
  const { caFile } = await ensureEmulatorCertificate(dir);
  process.env.POOLSCOPE_EMULATOR_TLS_DIR = dir;
  process.env.NODE_EXTRA_CA_CERTS = caFile;
}
