import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { X509Certificate } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ensureEmulatorCertificate } from "./tls";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("ensureEmulatorCertificate", () => {
  it("makes one CA and a loopback server certificate, once, even when asked concurrently", async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), "emu-tls-")), "tls");
    dirs.push(path.dirname(dir));
    const results = await Promise.all([ensureEmulatorCertificate(dir), ensureEmulatorCertificate(dir), ensureEmulatorCertificate(dir)]);
    expect(new Set(results.map((r) => r.caPem)).size).toBe(1);
    const ca = new X509Certificate(results[0].caPem);
    const server = new X509Certificate(await readFile(results[0].certFile));
    expect(ca.ca).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toContain("IP Address:127.0.0.1");
    expect(server.subjectAltName).toContain("DNS:localhost");
    const again = await ensureEmulatorCertificate(dir);
    expect(again.caPem).toBe(results[0].caPem);
  });
});
