/**
 * Reads one cluster's Kubernetes API with the kubeconfig from listClusterUserCredential. KubeConfig
 * (@kubernetes/client-node) works out the server, its CA and the user's credentials; the requests themselves go
 * through a KubeTransport (kube-transport.ts: in this thread, or in kube workers) that reads each page where its
 * bytes arrive, because the typed client's deserialisation of every pod costs more than reading it (60,000 nodes
 * bring hundreds of thousands of pods). Every request goes through the run's CallRunner (limits, timeouts,
 * retries, counting).
 */
import type https from "node:https";
import { KubeConfig } from "@kubernetes/client-node";
import type { TokenCredential } from "@azure/identity";
import type { CallRunner } from "@/lib/net/call-runner";
import { inThreadTransport, type KubeAnswer, type KubeTransport, type ReaderName } from "./kube-transport";
import type { ListReaderName, ListReaderResults, ReadPage } from "./page-readers";
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
   * Reads a list page by page (limit/continue), each page by the named reader, handing each page's result to
   * `onPage`. When the API server has forgotten the list's continue token (410 Expired, after compaction), the list
   * starts again: `onRestart` is called first so the caller can drop what it counted.
   */
  list<K extends ListReaderName>(path: string, kind: string, limit: number, reader: K, onPage: (page: ListReaderResults[K]) => void, options?: ListOptions): Promise<void>;
  close(): void;
};

export type ListOptions = { onRestart?: () => void };

/** Times a list is started again after its continue token expired, before the cluster is reported. */
const LIST_RESTARTS = 3;

function entraServerId(kc: KubeConfig): string | undefined {
  const exec = kc.getCurrentUser()?.exec as { command?: string; args?: string[] } | undefined;
  if (!exec?.command || !/kubelogin/.test(exec.command)) return undefined;
  const args = exec.args ?? [];
  const index = args.indexOf("--server-id");
  return index >= 0 ? args[index + 1] : AKS_ENTRA_SERVER_ID;
}

export type KubeClientOptions = {
  runner: CallRunner;
  /** The limiter key, e.g. the cluster id: calls to one API server are bounded together. */
  key: string;
  /** For Entra ID clusters, whose kubeconfig names kubelogin: tokens come from the collector's own credential. */
  credential?: TokenCredential;
  /** Where requests are made and pages read (default: this thread). */
  transport?: KubeTransport;
};

export async function createKubeClient(kubeconfigYaml: string, { runner, key, credential, transport = inThreadTransport }: KubeClientOptions): Promise<KubeClient> {
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
  const connection = transport.open({ server, tls: { ca, cert, key: tlsKey, rejectUnauthorized, servername }, headers: { ...(headers as Record<string, string>) } });

  /** An answer read by `reader`: its value for a 2xx answer; other answers throw KubeHttpError with the API's message. */
  async function fetchRead(path: string, kind: string, reader: ReaderName): Promise<unknown> {
    const answer = await runner.run(kind, key, (signal) => connection.fetch(path, reader, signal), (a: KubeAnswer) => ({ status: a.status, header: (name) => a.headers[name] }), "kube");
    if (answer.status < 200 || answer.status >= 300) throw new KubeHttpError(answer.status, path, answer.reason);
    if (answer.unreadable === "not a list") throw new KubeMalformedError(`${kind}: the answer is not a list`);
    if (answer.unreadable) throw new KubeMalformedError(`${kind}: the answer is not valid JSON`);
    return answer.value;
  }

  return {
    server,
    getJson: (path, kind) => fetchRead(path, kind, "json"),
    async list(path, kind, limit, reader, onPage, { onRestart } = {}) {
      const separator = path.includes("?") ? "&" : "?";
      for (let restart = 0; ; restart++) {
        let token: string | undefined;
        try {
          do {
            const url = `${path}${separator}limit=${limit}${token ? `&continue=${encodeURIComponent(token)}` : ""}`;
            const page = (await fetchRead(url, kind, reader)) as NonNullable<ReadPage<ListReaderResults[typeof reader]>>;
            onPage(page.result);
            token = page.continue || undefined;
          } while (token);
          return;
        } catch (error) {
          if (!(error instanceof KubeHttpError && error.status === 410 && token && restart < LIST_RESTARTS)) throw error;
          onRestart?.();
        }
      }
    },
    close: () => connection.close(),
  };
}
