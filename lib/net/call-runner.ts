/**
 * Every outside call of a collection run goes through one CallRunner: it waits for room (overall and per
 * subscription or cluster), gives each attempt its own timeout, retries what is worth retrying (429, 5xx,
 * timeouts, dropped connections) as the service asks or with backoff and jitter, stops at the run's deadline,
 * and counts calls and retries by kind for the run's progress.
 */
import { KeyedLimiter, Semaphore } from "./limiter";
import { defaultRetryPolicy, isTransientError, isUnreachableError, requestedDelayMs, retryableStatuses, retryDelayMs, type RetryPolicyOptions } from "./retry";

export class CallTimeoutError extends Error {
  override name = "CallTimeoutError";
  constructor(
    readonly kind: string,
    readonly timeoutMs: number,
  ) {
    super(`the ${kind} call did not answer within ${Math.round(timeoutMs / 1000)} s`);
  }
}

export class DeadlineError extends Error {
  override name = "DeadlineError";
  constructor(message = "the run reached its deadline") {
    super(message);
  }
}

export type CallStats = {
  calls: number;
  retries: number;
  throttled: number;
  byKind: Record<string, { calls: number; retries: number; throttled: number; failed: number; ms: number; waitMs: number }>;
};

/** What one attempt produced: a status and headers to judge it by, or the error it threw. */
export type AttemptOutcome = { status?: number; header?: (name: string) => string | null | undefined };

/**
 * Calls wait in lanes: Azure (Resource Manager, Cost Management, prices) and Kubernetes (one API server per
 * cluster). A lane has its own overall limit, so that slow cluster APIs do not hold every slot while Resource
 * Manager calls queue behind them; each key (a subscription, a cluster) has its own limit within its lane; and the
 * lanes together stay within the run's concurrency.
 */
export type Lane = "azure" | "kube";

export type CallRunnerOptions = {
  /** Concurrent calls in all (and at most per lane). */
  concurrency: number;
  /** Concurrent calls per key (subscription or cluster). */
  keyConcurrency: number;
  /** Concurrent Kubernetes calls in all (default: concurrency / 4, between 1 and 16): each may carry megabytes of pods. */
  kubeConcurrency?: number;
  callTimeoutMs: number;
  /** Epoch ms after which no new attempt starts. */
  deadline?: number;
  signal?: AbortSignal;
  retry?: Partial<RetryPolicyOptions>;
  random?: () => number;
};

export class CallRunner {
  readonly stats: CallStats = { calls: 0, retries: 0, throttled: 0, byKind: {} };
  private readonly lanes: Record<Lane, KeyedLimiter>;
  readonly retry: RetryPolicyOptions;
  readonly callTimeoutMs: number;
  readonly deadline: number;
  readonly signal: AbortSignal | undefined;
  private readonly random: () => number;

  constructor(options: CallRunnerOptions) {
    const all = new Semaphore(options.concurrency);
    this.lanes = {
      azure: new KeyedLimiter(options.concurrency, options.keyConcurrency, all),
      kube: new KeyedLimiter(options.kubeConcurrency ?? Math.min(16, Math.max(1, Math.floor(options.concurrency / 4))), Math.min(3, options.keyConcurrency), all),
    };
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.callTimeoutMs = options.callTimeoutMs;
    this.deadline = options.deadline ?? Number.POSITIVE_INFINITY;
    this.signal = options.signal;
    this.random = options.random ?? Math.random;
  }

  private kindStats(kind: string) {
    return (this.stats.byKind[kind] ??= { calls: 0, retries: 0, throttled: 0, failed: 0, ms: 0, waitMs: 0 });
  }

  /** Throws when the run was aborted or is past its deadline. */
  checkRunning(): void {
    if (this.signal?.aborted) throw this.signal.reason instanceof Error ? this.signal.reason : new DeadlineError("the run was stopped");
    if (Date.now() >= this.deadline) throw new DeadlineError();
  }

  /**
   * Runs `attempt` until it succeeds, fails for good, or the retries, the deadline or the run's signal say stop.
   * `judge` turns a result into its status and headers (a result with a retryable status is tried again; after
   * the last try it is returned as it is, for the caller to report).
   */
  async run<T>(kind: string, key: string | undefined, attempt: (signal: AbortSignal) => Promise<T>, judge: (result: T) => AttemptOutcome = () => ({}), lane: Lane = "azure"): Promise<T> {
    const stats = this.kindStats(kind);
    const limiter = this.lanes[lane];
    for (let retry = 0; ; retry++) {
      this.checkRunning();
      const queued = performance.now();
      const release = await limiter.acquire(key, this.signal);
      const began = performance.now();
      stats.waitMs += began - queued;
      // The wait for a slot may have outlasted the run: then this is the deadline, not a call that timed out.
      if (Date.now() >= this.deadline || this.signal?.aborted) {
        release();
        this.checkRunning();
      }
      const controller = new AbortController();
      const onRunAbort = () => controller.abort(this.signal?.reason);
      this.signal?.addEventListener("abort", onRunAbort, { once: true });
      // A call cut short by the run's deadline is the deadline's doing, not a server that did not answer.
      const leftMs = this.deadline - Date.now();
      const timeoutMs = Math.max(1, Math.min(this.callTimeoutMs, leftMs));
      const timer = setTimeout(() => controller.abort(leftMs < this.callTimeoutMs ? new DeadlineError() : new CallTimeoutError(kind, timeoutMs)), timeoutMs);
      this.stats.calls += 1;
      stats.calls += 1;
      let result: T | undefined;
      let failure: unknown;
      try {
        result = await attempt(controller.signal);
      } catch (error) {
        // An abort we caused by timing out surfaces as the timeout, whatever the client wrapped it in.
        const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined;
        failure = reason instanceof CallTimeoutError || reason instanceof DeadlineError ? reason : error;
      } finally {
        clearTimeout(timer);
        this.signal?.removeEventListener("abort", onRunAbort);
        release();
        stats.ms += performance.now() - began;
      }
      if (this.signal?.aborted) throw this.signal.reason instanceof Error ? this.signal.reason : failure;

      const outcome = failure === undefined ? judge(result as T) : undefined;
      const status = outcome?.status;
      const retryable = failure !== undefined ? isTransientError(failure) : status !== undefined && retryableStatuses.has(status);
      if (status === 429) {
        this.stats.throttled += 1;
        stats.throttled += 1;
      }
      // A server nobody answers for (refused, or silent past the timeout) is retried briefly, not for minutes.
      const maxRetries =
        failure === undefined ? this.retry.maxRetries : isUnreachableError(failure) ? Math.min(1, this.retry.maxRetries) : failure instanceof CallTimeoutError ? Math.min(2, this.retry.maxRetries) : this.retry.maxRetries;
      if (!retryable || retry >= maxRetries) {
        if (failure !== undefined || (status !== undefined && status >= 400)) stats.failed += 1;
        if (failure !== undefined) throw failure;
        return result as T;
      }
      const delay = retryDelayMs(retry, outcome?.header ? requestedDelayMs(outcome.header) : undefined, this.retry, this.random);
      if (Date.now() + delay >= this.deadline) {
        stats.failed += 1;
        if (failure !== undefined) throw failure;
        return result as T;
      }
      this.stats.retries += 1;
      stats.retries += 1;
      await sleep(delay, this.signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
