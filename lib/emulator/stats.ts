/** Request counters, for tests ("did the collector back off?") and the benchmark. */
import type { RouteKind } from "./http";

export type EmulatorStats = {
  total: number;
  requests: Record<RouteKind, number>;
  byStatus: Record<string, number>;
  /** 429s the throttles served (not injected ones). */
  throttled: { arm: number; cost: number };
  /** Requests a fault rule acted on (latency rules included). */
  faultsApplied: number;
  since: string;
};

export function createStats(): { stats(): EmulatorStats; request(kind: RouteKind): void; status(code: number): void; throttled(kind: "arm" | "cost"): void; fault(): void; reset(): void } {
  let s: EmulatorStats;
  const reset = () => {
    s = { total: 0, requests: { token: 0, arm: 0, cost: 0, prices: 0, kube: 0, admin: 0 }, byStatus: {}, throttled: { arm: 0, cost: 0 }, faultsApplied: 0, since: new Date().toISOString() };
  };
  reset();
  return {
    stats: () => structuredClone(s),
    request: (kind) => {
      s.total++;
      s.requests[kind]++;
    },
    status: (code) => {
      s.byStatus[String(code)] = (s.byStatus[String(code)] ?? 0) + 1;
    },
    throttled: (kind) => {
      s.throttled[kind]++;
    },
    fault: () => {
      s.faultsApplied++;
    },
    reset,
  };
}
