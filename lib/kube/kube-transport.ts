/**
 * How a request to a cluster's API server is made and its answer read: one GET over a keep-alive agent, the body
 * gathered into a lent buffer and read there by a named reader (page-readers.ts), so that what comes back is only
 * what the reader kept. This runs wherever the bytes are read: in the collector's thread, or in a kube worker
 * (kube-workers.ts), which is why requests and answers are plain data.
 */
import { createHash } from "node:crypto";
import https from "node:https";
import { BodyGatherer } from "./body-buffers";
import { listReaders, type ListReaderName } from "./page-readers";

export type TlsOptions = Pick<https.AgentOptions, "ca" | "cert" | "key" | "rejectUnauthorized" | "servername">;

/** One API server and how to talk to it (from the cluster's kubeconfig). */
export type KubeTarget = { server: string; tls: TlsOptions; headers: Record<string, string> };

/** `json`: the body parsed whole (small answers); a list reader's name: that reader's page. */
export type ReaderName = ListReaderName | "json";

/**
 * An answer: its status and headers (for retries), and for a 2xx answer the reader's value, or why the body could
 * not be read (`unreadable`); for other answers the API's message (`reason`).
 */
export type KubeAnswer = { status: number; headers: Record<string, string>; value?: unknown; unreadable?: "not JSON" | "not a list"; reason?: string };

export interface KubeConnection {
  fetch(path: string, reader: ReaderName, signal: AbortSignal): Promise<KubeAnswer>;
  close(): void;
}

export interface KubeTransport {
  open(target: KubeTarget): KubeConnection;
}

/**
 * One keep-alive agent per API server origin and TLS identity, shared by the runs of a thread: a TLS context (its
 * CA parsed) and the connections' sessions are made once, not per cluster per run. The agent does not cap sockets:
 * the CallRunner already bounds calls per cluster and in all, and clusters behind one origin (a proxy, the
 * emulator) must not queue behind each other's few sockets.
 */
const agents = new Map<string, https.Agent>();
const MAX_AGENTS = 2_000;

function agentFor(server: string, tls: TlsOptions): https.Agent {
  const fingerprint = createHash("sha256");
  fingerprint.update(new URL(server).origin);
  for (const part of [tls.ca, tls.cert, tls.key, String(tls.rejectUnauthorized), tls.servername]) fingerprint.update(part ? String(part) : "-");
  const key = fingerprint.digest("hex");
  let agent = agents.get(key);
  if (!agent) {
    if (agents.size >= MAX_AGENTS) {
      const [oldest, old] = agents.entries().next().value!;
      old.destroy();
      agents.delete(oldest);
    }
    // Idle sockets close after a while: a fleet of clusters must not hold thousands of them between runs.
    agent = new https.Agent({ keepAlive: true, maxFreeSockets: 16, timeout: 30_000, ...tls });
    agents.set(key, agent);
  }
  return agent;
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name] = Array.isArray(value) ? value[0] : value;
  }
  return flat;
}

/** Reads a body with `reader` (the body is lent: the reader copies out what it keeps). */
function readBody(status: number, headers: Record<string, string>, body: Buffer, reader: ReaderName): KubeAnswer {
  if (status < 200 || status >= 300) {
    let reason: string | undefined;
    try {
      reason = (JSON.parse(body.toString("utf8")) as { message?: string }).message;
    } catch {
      reason = body.toString("utf8").slice(0, 200) || undefined;
    }
    return { status, headers, reason };
  }
  try {
    if (reader === "json") return { status, headers, value: JSON.parse(body.toString("utf8")) as unknown };
    const page = listReaders[reader](body);
    return page ? { status, headers, value: page } : { status, headers, unreadable: "not a list" };
  } catch {
    return { status, headers, unreadable: "not JSON" };
  }
}

/** Requests made and read in this thread. */
export const inThreadTransport: KubeTransport = {
  open(target) {
    const agent = agentFor(target.server, target.tls);
    const headers = { ...target.headers, accept: "application/json" };
    return {
      fetch(path, reader, signal) {
        return new Promise((resolve, reject) => {
          const req = https.request(`${target.server}${path}`, { method: "GET", agent, headers, signal }, (res) => {
            const announced = Number(res.headers["content-length"]);
            const body = new BodyGatherer(Number.isSafeInteger(announced) && announced >= 0 ? announced : undefined);
            res.on("data", (chunk: Buffer) => body.add(chunk));
            res.on("end", () => {
              try {
                resolve(readBody(res.statusCode ?? 0, flatHeaders(res.headers), body.body(), reader));
              } finally {
                body.release();
              }
            });
            // A body cut off is left to the garbage collector, as a retried answer's is.
            res.on("error", reject);
          });
          req.on("error", reject);
          req.end();
        });
      },
      // The agent outlives the connection (shared); idle sockets close on their own.
      close: () => undefined,
    };
  },
};
