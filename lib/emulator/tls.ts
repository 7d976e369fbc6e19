/**
 * The emulator's TLS: a private CA and a server certificate for 127.0.0.1, localhost and ::1, made once per
 * directory and reused (processes that trust the CA through NODE_EXTRA_CA_CERTS keep trusting it across restarts).
 * Keys come from Node's crypto (fast); node-forge writes the certificates. Creation is guarded by a lock file so
 * parallel processes never write two different CAs into one directory.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import forge from "node-forge";

export type EmulatorCertificate = { caFile: string; certFile: string; keyFile: string; caPem: string };

const FILES = { ca: "ca.pem", caKey: "ca-key.pem", cert: "server.pem", key: "server-key.pem" } as const;

function newKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), pem: privateKey };
}

function serial(): string {
  // Positive, 16 bytes.
  return "01" + randomBytes(15).toString("hex");
}

function makeCa(): { certPem: string; keyPem: string } {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60 * 60_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const attrs = [{ name: "commonName", value: "Poolscope emulator CA" }, { name: "organizationName", value: "Poolscope (local emulator)" }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.pem };
}

function makeServerCert(caCertPem: string, caKeyPem: string): { certPem: string; keyPem: string } {
  const ca = forge.pki.certificateFromPem(caCertPem);
  const caKey = forge.pki.privateKeyFromPem(caKeyPem);
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60 * 60_000);
  cert.validity.notAfter = new Date(Date.now() + 2 * 365 * 86_400_000);
  cert.setSubject([{ name: "commonName", value: "127.0.0.1" }]);
  cert.setIssuer(ca.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 7, ip: "::1" }, { type: 2, value: "localhost" }] },
    { name: "authorityKeyIdentifier", keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.pem };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function usable(dir: string): Promise<boolean> {
  for (const file of Object.values(FILES)) if (!(await exists(path.join(dir, file)))) return false;
  try {
    const cert = forge.pki.certificateFromPem(await readFile(path.join(dir, FILES.cert), "utf8"));
    const ca = forge.pki.certificateFromPem(await readFile(path.join(dir, FILES.ca), "utf8"));
    return cert.validity.notAfter.getTime() > Date.now() + 7 * 86_400_000 && ca.verify(cert);
  } catch {
    return false;
  }
}

async function writeAtomic(file: string, content: string, mode: number): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(tmp, content, { mode });
  await rename(tmp, file);
}

async function withLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, ".lock");
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const handle = await open(lock, "wx");
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 30_000) await rm(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}

export async function ensureEmulatorCertificate(dir: string): Promise<EmulatorCertificate> {
  const abs = path.resolve(dir);
  const result = async (): Promise<EmulatorCertificate> => ({
    caFile: path.join(abs, FILES.ca),
    certFile: path.join(abs, FILES.cert),
    keyFile: path.join(abs, FILES.key),
    caPem: await readFile(path.join(abs, FILES.ca), "utf8"),
  });
  if (await usable(abs)) return result();
  await mkdir(abs, { recursive: true, mode: 0o700 });
  await withLock(abs, async () => {
    if (await usable(abs)) return;
    let caPem: string;
    let caKeyPem: string;
    const haveCa = (await exists(path.join(abs, FILES.ca))) && (await exists(path.join(abs, FILES.caKey)));
    if (haveCa) {
      // Keep the CA others already trust; only the server certificate is renewed.
      caPem = await readFile(path.join(abs, FILES.ca), "utf8");
      caKeyPem = await readFile(path.join(abs, FILES.caKey), "utf8");
    } else {
      const ca = makeCa();
      caPem = ca.certPem;
      caKeyPem = ca.keyPem;
      await writeAtomic(path.join(abs, FILES.caKey), caKeyPem, 0o600);
      await writeAtomic(path.join(abs, FILES.ca), caPem, 0o644);
    }
    const server = makeServerCert(caPem, caKeyPem);
    await writeAtomic(path.join(abs, FILES.key), server.keyPem, 0o600);
    await writeAtomic(path.join(abs, FILES.cert), server.certPem, 0o644);
  });
  return result();
}
