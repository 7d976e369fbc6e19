/**
 * When to retry a call and how long to wait: as the service asks first (Retry-After, retry-after-ms, and Cost
 * Management's own x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after, which the Azure SDK does not read),
 * else exponential backoff with jitter. Pure: the clock and the randomness come in as arguments.
 */

export type RetryPolicyOptions = { maxRetries: number; baseDelayMs: number; maxDelayMs: number };

export const defaultRetryPolicy: RetryPolicyOptions = { maxRetries: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

export const retryableStatuses = new Set([408, 429, 500, 502, 503, 504]);

const transientCodes = new Set(["ECONNRESET", "ETIMEDOUT", "EPIPE", "ECONNABORTED", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ECONNREFUSED", "ENOTFOUND", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT"]);
/** Nobody listening, no route, no name: worth one more try, not a minute of backoff (a private cluster stays private). */
const unreachableCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH"]);

function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code !== "REQUEST_SEND_ERROR") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True for an error that says the far end cannot be reached at all. */
export function isUnreachableError(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && unreachableCodes.has(code);
}

/** An error worth another try: a dropped or refused connection, a reset, our own per-call timeout. */
export function isTransientError(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, name, cause } = error as { code?: unknown; name?: unknown; cause?: unknown };
  if (name === "CallTimeoutError") return true;
  if (typeof code === "string" && transientCodes.has(code)) return true;
  if (code === "REQUEST_SEND_ERROR" && cause) return isTransientError(cause) || true;
  if (cause && cause !== error) return isTransientError(cause);
  return false;
}

type HeaderReader = (name: string) => string | null | undefined;

/** The wait the service asked for, in ms, or undefined when it asked for none. */
export function requestedDelayMs(header: HeaderReader, now = Date.now()): number | undefined {
  const seconds = (value: string | null | undefined) => (value && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) * 1000 : undefined);
  const qpu = seconds(header("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after"));
  if (qpu !== undefined) return qpu;
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const value = header(name);
    if (value && /^\d+$/.test(value.trim())) return Number(value);
  }
  const retryAfter = header("retry-after");
  if (!retryAfter) return undefined;
  const inSeconds = seconds(retryAfter);
  if (inSeconds !== undefined) return inSeconds;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The delay before retry number `attempt` (0 for the first retry): the service's request plus a little jitter so
 * that many callers do not return at the same instant, else min(max, base * 2^attempt) with "equal jitter".
 */
export function retryDelayMs(attempt: number, requestedMs: number | undefined, options: RetryPolicyOptions = defaultRetryPolicy, random = Math.random): number {
  if (requestedMs !== undefined) return Math.round(requestedMs + random() * Math.min(1000, requestedMs * 0.1 + 50));
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
