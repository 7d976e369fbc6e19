/**
 * Reads one cluster's Kubernetes API with the kubeconfig from listClusterUserCredential. KubeConfig
 * (@kubernetes/client-node) works out the server, its CA and the user's credentials; the requests themselves go
 * over one keep-alive agent per cluster and are parsed here, page by page, because the typed client's
 * deserialisation of every pod costs more than reading it (60,000 nodes bring hundreds of thousands of pods).
 * Every request goes through the run's CallRunner (limits, timeouts, retries, counting).
 */
import { createHash } from "node:crypto";
import https from "node:https";
import { KubeConfig } from "@kubernetes/client-node";
import type { TokenCredential } from "@azure/identity";
import type { CallRunner } from "@/lib/net/call-runner";
import { BodyGatherer } from "./body-buffers";
import { listSchema } from "./schemas";

/** The Entra ID server application every AKS cluster with Entra ID integration accepts tokens for. */
export const AKS_ENTRA_SERVER_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

export class KubeHttpError extends Error {
  override name = "KubeHttpError";
  constructor(
    readonly status: number,
    readonly path: string,
    readonly reason: string | undefined,
  ) {
    super(`the cluster API answered HTTP ${status} for ${path.split("?")[0]}${reason ? `: ${reason}` : ""}`);
  }
}

export class KubeMalformedError extends Error {
  override name = "KubeMalformedError";
}

export type KubeClient = {
  server: string;
  getJson(path: string, kind: string): Promise<unknown>;
  /**
   * Reads a list page by page (limit/continue), handing each page's items to `onPage`. When the API server has
   * forgotten the list's continue token (410 Expired, after compaction), the list starts again: `onRestart` is
   * called first so the caller can drop what it counted.
   */
  list(path: string, kind: string, limit: number, onPage: (items: unknown[]) => void, options?: ListOptions): Promise<void>;
  close(): void;
};

/**
 * A list page read from its body: null when the body is JSON but not a list; throws when it is not JSON. The body is
 * lent (see body-buffers.ts): what the page keeps must be copied out (strings, parsed values), never views of it.
 */
export type PageReader = (body: Buffer) => { items: unknown[]; continue?: string | null } | null;

export type ListOptions = {
  onRestart?: () => void;
  /** How pages are read (default: JSON.parse and the list schema); readPods reads pod pages without parsing every field. */
  readPage?: PageReader;
};

const readJsonPage: PageReader = (body) => {
  const page = listSchema.safeParse(JSON.parse(body.toString("utf8")));
  return page.success ? { items: page.data.items, continue: page.data.metadata?.continue } : null;
};

/** Times a list is started again after its continue token expired, before the cluster is reported. */
const LIST_RESTARTS = 3;

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: BodyGatherer };

function entraServerId(kc: KubeConfig): string | undefined {
  const exec = kc.getCurrentUser()?.exec as { command?: string; args?: string[] } | undefined;
  if (!exec?.command || !/kubelogin/.test(exec.command)) return undefined;
  const args = exec.args ?? [];
  const index = args.indexOf("--server-id");
  return index >= 0 ? args[index + 1] : AKS_ENTRA_SERVER_ID;
}

type TlsOptions = Pick<https.AgentOptions, "ca" | "cert" | "key" | "rejectUnauthorized" | "servername">;

/**
 * One keep-alive agent per API server origin and TLS identity, shared by the runs of a process: a TLS context (its
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

export type KubeClientOptions = {
  runner: CallRunner;
  /** The limiter key, e.g. the cluster id: calls to one API server are bounded together. */
  key: string;
  /** For Entra ID clusters, whose kubeconfig names kubelogin: tokens come from the collector's own credential. */
  credential?: TokenCredential;
};

export async function createKubeClient(kubeconfigYaml: string, { runner, key, credential }: KubeClientOptions): Promise<KubeClient> {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml);
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) throw new KubeMalformedError("the kubeconfig has no current cluster with a server");
  const server = cluster.server.replace(/\/+$/, "");
  const serverId = entraServerId(kc);
  const options: https.RequestOptions = { headers: {} };
  if (serverId) {
    // kubelogin would get this token from Entra ID with the same identity; there is no binary to run here.
    if (!credential) throw new KubeMalformedError("the kubeconfig needs kubelogin (Entra ID) and no credential was given");
    const user = kc.getCurrentUser();
    if (user) Object.assign(user, { exec: undefined });
    await kc.applyToHTTPSOptions(options);
    const token = await credential.getToken(`${serverId}/.default`);
    if (!token) throw new KubeHttpError(401, "/", "no Entra ID token for the cluster's server application");
    options.headers = { ...(options.headers as object), Authorization: `Bearer ${token.token}` };
  } else {
    await kc.applyToHTTPSOptions(options);
  }
  const { ca, cert, key: tlsKey, rejectUnauthorized, servername, headers } = options as https.RequestOptions & { servername?: string };
  const agent = agentFor(server, { ca, cert, key: tlsKey, rejectUnauthorized, servername });
  const baseHeaders = { ...(headers as Record<string, string>), accept: "application/json" };

  function request(path: string, signal: AbortSignal): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = https.request(`${server}${path}`, { method: "GET", agent, headers: baseHeaders, signal }, (res) => {
        const announced = Number(res.headers["content-length"]);
        const body = new BodyGatherer(Number.isSafeInteger(announced) && announced >= 0 ? announced : undefined);
        res.on("data", (chunk: Buffer) => body.add(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
  }

  /**
   * Reads the body of a 2xx answer with `read` (the body is lent: valid only while `read` runs); other answers throw
   * KubeHttpError with the API's message. A body the runner drops (a retried answer) is left to the garbage collector.
   */
  async function withBody<T>(path: string, kind: string, read: (body: Buffer) => T): Promise<T> {
    const answer = await runner.run(kind, key, (signal) => request(path, signal), (a) => ({
      status: a.status,
      header: (name) => {
        const value = a.headers[name];
        return Array.isArray(value) ? value[0] : value;
      },
    }), "kube");
    try {
      const body = answer.body.body();
      if (answer.status >= 200 && answer.status < 300) return read(body);
      let reason: string | undefined;
      try {
        reason = (JSON.parse(body.toString("utf8")) as { message?: string }).message;
      } catch {
        reason = body.toString("utf8").slice(0, 200) || undefined;
      }
      throw new KubeHttpError(answer.status, path, reason);
    } finally {
      answer.body.release();
    }
  }

  function getJson(path: string, kind: string): Promise<unknown> {
    return withBody(path, kind, (body) => {
      try {
        return JSON.parse(body.toString("utf8")) as unknown;
      } catch {
        throw new KubeMalformedError(`${kind}: the answer is not valid JSON`);
      }
    });
  }

  return {
    server,
    getJson,
    async list(path, kind, limit, onPage, { onRestart, readPage = readJsonPage } = {}) {
      const separator = path.includes("?") ? "&" : "?";
      for (let restart = 0; ; restart++) {
        let token: string | undefined;
        try {
          do {
            const url = `${path}${separator}limit=${limit}${token ? `&continue=${encodeURIComponent(token)}` : ""}`;
            const page = await withBody(url, kind, (body) => {
              try {
                return readPage(body);
              } catch {
                throw new KubeMalformedError(`${kind}: the answer is not valid JSON`);
              }
            });
            if (!page) throw new KubeMalformedError(`${kind}: the answer is not a list`);
            onPage(page.items);
            token = page.continue || undefined;
          } while (token);
          return;
        } catch (error) {
          if (!(error instanceof KubeHttpError && error.status === 410 && token && restart < LIST_RESTARTS)) throw error;
          onRestart?.();
        }
      }
    },
    // The agent outlives the client (shared); idle sockets close on their own.
    close: () => undefined,
  };
}
