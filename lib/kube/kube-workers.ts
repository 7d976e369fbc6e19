/**
 * Kube workers: threads that make the requests to clusters' API servers and read their pages. A large fleet's run
 * reads gigabytes of node and pod lists; decrypting, scanning and collecting them is most of the collector's CPU and
 * held its one thread busy while Resource Manager answers waited. In workers that work runs beside the collector's
 * thread, on the machine's other cores, and only the pages' results (node summaries, requests summed per node,
 * pending pods) come back. The CallRunner still decides every call in the collector's thread (limits, timeouts,
 * retries, counting): a worker only carries out one attempt at a time for it.
 *
 * A worker that cannot start or stops is not fatal: its requests fail as dropped connections (retried by the
 * runner), and its clusters and every later one are read in the collector's own thread.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { inThreadTransport, type KubeAnswer, type KubeConnection, type KubeTarget, type KubeTransport, type ReaderName } from "./kube-transport";
import { fromWireError, type FromWorker, type ToWorker } from "./kube-worker-protocol";

/**
 * The worker's files, from the project's root (the working directory of the app, `npm run collect` and the tests):
 * a path a bundler does not follow, as the Next.js server's code is bundled and the worker's is not.
 */
const ENTRY = ["lib", "kube", "kube-worker.mjs"];
const SOURCE = ["lib", "kube", "kube-worker.ts"];

/**
 * A worker reads gigabytes of pages per large run, nearly all of it garbage at once: a young generation twice V8's
 * default (32 MB semi-spaces) halves its scavenges. The collector's own thread keeps the default: since its pages
 * are read here, a larger one there only added some 80 MB to a large run's peak memory (`npm run bench`).
 */
const YOUNG_GENERATION_MB = 96;

type Pending = { resolve: (answer: KubeAnswer) => void; reject: (error: Error) => void };

class KubeWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  stopped: Error | null = null;
  connections = 0;

  constructor(entry: string, source: string, onStop: (error: Error) => void) {
    this.worker = new Worker(entry, { workerData: { file: source }, stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    this.worker.on("message", (message: FromWorker) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.settled(message.id);
      if (message.error) pending.reject(fromWireError(message.error));
      else pending.resolve(message.answer);
    });
    const stop = (error: Error) => {
      if (this.stopped) return;
      this.stopWith(error);
      onStop(error);
    };
    this.worker.on("error", stop);
    this.worker.on("exit", (code) => stop(new Error(`it exited with code ${code}`)));
    // A run's own calls keep the process alive (their timers); an idle worker must not. (After the listeners:
    // adding a message listener refs the worker's port again.)
    this.worker.unref();
  }

  private stopWith(error: Error): void {
    this.stopped = error;
    // As a dropped connection: the runner tries the call again, and the retry goes to this thread.
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const request of pending) request.reject(Object.assign(new Error(`the kube worker stopped: ${error.message}`), { code: "ECONNRESET" }));
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  post(message: ToWorker): void {
    if (!this.stopped) this.worker.postMessage(message);
  }

  fetch(conn: number, path: string, reader: ReaderName, signal: AbortSignal): Promise<KubeAnswer> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    const id = this.nextId++;
    return new Promise<KubeAnswer>((resolve, reject) => {
      const onAbort = () => {
        this.settled(id);
        this.post({ op: "abort", id });
        reject(signal.reason as Error);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      const done = () => signal.removeEventListener("abort", onAbort);
      // A request waited on keeps the process alive, as a socket would; an idle worker does not.
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, {
        resolve: (answer) => {
          done();
          resolve(answer);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
      this.post({ op: "fetch", id, conn, path, reader });
    });
  }

  terminate(): Promise<number> {
    if (!this.stopped) this.stopWith(new Error("the pool was stopped"));
    return this.worker.terminate();
  }
}

export class KubeWorkerPool implements KubeTransport {
  private readonly workers: KubeWorker[] = [];
  private nextConn = 1;
  private broken: string | null = null;

  constructor(
    readonly size: number,
    private readonly root = process.cwd(),
  ) {}

  private start(): void {
    const entry = path.join(this.root, ...ENTRY);
    const source = path.join(this.root, ...SOURCE);
    if (!existsSync(entry) || !existsSync(source)) {
      this.fail(`${entry} is missing`);
      return;
    }
    for (let i = 0; i < this.size; i++) {
      const worker: KubeWorker = new KubeWorker(entry, source, (error) => {
        const at = this.workers.indexOf(worker);
        if (at < 0) return;
        this.workers.splice(at, 1);
        if (this.workers.length === 0) this.fail(error.message);
      });
      this.workers.push(worker);
    }
  }

  private fail(reason: string): void {
    if (this.broken) return;
    this.broken = reason;
    console.warn(`poolscope: kube workers unavailable (${reason}); clusters are read in the collector's thread`);
  }

  /** A connection on the worker with the fewest; on this thread when none runs. */
  open(target: KubeTarget): KubeConnection {
    if (this.workers.length === 0 && !this.broken) this.start();
    const worker = this.workers.reduce<KubeWorker | undefined>((least, w) => (!least || w.connections < least.connections ? w : least), undefined);
    if (!worker) return inThreadTransport.open(target);
    const conn = this.nextConn++;
    worker.connections += 1;
    worker.post({ op: "open", conn, target });
    let fallback: KubeConnection | undefined;
    let closed = false;
    return {
      fetch: (requestPath, reader, signal) => {
        if (!worker.stopped) return worker.fetch(conn, requestPath, reader, signal);
        fallback ??= inThreadTransport.open(target);
        return fallback.fetch(requestPath, reader, signal);
      },
      close: () => {
        if (closed) return;
        closed = true;
        worker.connections -= 1;
        if (!worker.stopped) worker.post({ op: "close", conn });
      },
    };
  }

  async stop(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Kept on globalThis: one pool per process, across runs and module reloads (Next.js dev). */
const shared = globalThis as unknown as { poolscopeKubeWorkers?: KubeWorkerPool };

/** The transport for a run: `workers` threads (shared by runs), or this thread for 0. */
export function kubeTransport(workers: number): KubeTransport {
  if (workers <= 0) return inThreadTransport;
  let pool = shared.poolscopeKubeWorkers;
  if (!pool || pool.size !== workers) {
    void pool?.stop();
    pool = shared.poolscopeKubeWorkers = new KubeWorkerPool(workers);
  }
  return pool;
}

/**
 * Ends the workers after a run's reading: an idle worker keeps its heap, its kept body buffers and its sockets, a few
 * hundred megabytes after a large fleet's read, while the run's write needs the memory. The next run starts them again.
 */
export async function releaseKubeWorkers(): Promise<void> {
  await shared.poolscopeKubeWorkers?.stop();
}
