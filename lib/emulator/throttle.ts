/**
 * Throttling as Azure does it. ARM: a token bucket per subscription (and one for tenant-level calls) of 250
 * reads refilled at 25 per second, 200 writes/actions refilled at 10 per second; every answer says what is left
 * in x-ms-ratelimit-remaining-subscription-reads/-writes, and an empty bucket answers 429 with Retry-After.
 * Cost Management: per tenant in query processing units (one per month of data a query covers), at most 12 in
 * 10 s, 60 a minute and 600 an hour. Time is real time: clients back off in real seconds.
 */
export type BucketResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

type Bucket = { tokens: number; at: number };

export type ArmThrottle = { take(scope: string, kind: "read" | "write"): BucketResult };

export function createArmThrottle(now: () => number = () => performance.now()): ArmThrottle {
  const buckets = new Map<string, Bucket>();
  const config = { read: { capacity: 250, refill: 25 }, write: { capacity: 200, refill: 10 } };
  return {
    take(scope, kind) {
      const { capacity, refill } = config[kind];
      const key = `${kind}|${scope.toLowerCase()}`;
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
      bucket.tokens = Math.min(capacity, bucket.tokens + ((t - bucket.at) / 1000) * refill);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refill)) };
      bucket.tokens -= 1;
      return { ok: true, remaining: Math.floor(bucket.tokens) };
    },
  };
}

export const QPU_WINDOWS = [
  { name: "QueriesPerTenantShortTerm", ms: 10_000, limit: 12 },
  { name: "QueriesPerTenantMediumTerm", ms: 60_000, limit: 60 },
  { name: "QueriesPerTenantLongTerm", ms: 3_600_000, limit: 600 },
] as const;

export type QpuResult = { ok: boolean; retryAfterSeconds: number; remaining: Record<string, number> };

export type CostThrottle = { take(tenant: string, qpu: number): QpuResult };

export function createCostThrottle(now: () => number = () => performance.now()): CostThrottle {
  const spent = new Map<string, Array<{ at: number; qpu: number }>>();
  return {
    take(tenant, qpu) {
      const t = now();
      const list = (spent.get(tenant) ?? []).filter((e) => t - e.at < 3_600_000);
      spent.set(tenant, list);
      const used = (ms: number) => list.filter((e) => t - e.at < ms).reduce((n, e) => n + e.qpu, 0);
      let retryAfterMs = 0;
      for (const w of QPU_WINDOWS) {
        if (used(w.ms) + qpu <= w.limit) continue;
        // Wait until enough of the window's oldest spending has aged out.
        let freed = 0;
        const need = used(w.ms) + qpu - w.limit;
        for (const e of list.filter((x) => t - x.at < w.ms)) {
          freed += e.qpu;
          if (freed >= need) {
            retryAfterMs = Math.max(retryAfterMs, e.at + w.ms - t);
            break;
          }
        }
      }
      const ok = retryAfterMs === 0;
      if (ok) list.push({ at: t, qpu });
      const remaining = Object.fromEntries(QPU_WINDOWS.map((w) => [w.name, Math.max(0, w.limit - used(w.ms))]));
      return { ok, retryAfterSeconds: Math.ceil(retryAfterMs / 1000), remaining };
    },
  };
}
