/**
 * Fault injection. A rule matches requests by kind (token, arm, cost, prices, kube), method, path regex,
 * subscription or cluster, fires a number of `times` or with a `probability`, and has one effect:
 *   latency    add `ms` before answering (stacks with other rules)
 *   throttle   429 as the service sends it (ARM: Retry-After; Cost Management: its QPU headers too)
 *   error      any status with an ARM/Kubernetes error body (5xx, 403...), optional Retry-After
 *   timeout    accept the request and never answer (the client must give up)
 *   reset      destroy the connection (what an unreachable API looks like to a client)
 *   truncate   send the headers and part of the body, then drop the connection
 *   malformed  a complete response whose body is not valid JSON
 *   omit       remove optional properties (by name, anywhere in the body) before sending
 */
import type { EmulatorRequest, RouteKind } from "./http";
import { createRng, type Rng } from "./estate/random";

export type FaultEffect =
  | { type: "latency"; ms: number }
  | { type: "throttle"; retryAfterSeconds?: number }
  | { type: "error"; status: number; code?: string; message?: string; retryAfterSeconds?: number }
  | { type: "timeout" }
  | { type: "reset" }
  | { type: "truncate" }
  | { type: "malformed" }
  | { type: "omit"; fields?: string[] };

export type FaultRule = {
  kind?: RouteKind | RouteKind[];
  method?: string;
  /** Regular expression tested against the path (and query) of the request. */
  path?: string | RegExp;
  subscription?: string;
  /** Cluster name, kube key or ARM id. */
  cluster?: string;
  /** Fire this many times, then retire (default: until removed). */
  times?: number;
  /** Fire on this share of matching requests (deterministic sequence per rule). */
  probability?: number;
  effect: FaultEffect | FaultEffect["type"];
};

export type StoredFault = { id: string; rule: FaultRule; effect: FaultEffect; fired: number };

export type FaultDecision = { latencyMs: number; effect?: FaultEffect; ruleId?: string };

export type Faults = {
  add(rule: FaultRule): string;
  remove(id: string): boolean;
  clear(): void;
  list(): StoredFault[];
  decide(request: EmulatorRequest): FaultDecision;
};

/** Optional agent pool / cluster / node properties that a missing-fields fault removes when no list is given. */
export const DEFAULT_OMITTED_FIELDS = [
  "nodeLabels", "nodeTaints", "tags", "availabilityZones", "upgradeSettings", "currentOrchestratorVersion", "nodeImageVersion", "powerState",
  "minCount", "maxCount", "enableAutoScaling", "osSKU", "maxPods", "scaleSetPriority", "spotMaxPrice", "nextLink", "zones", "labels", "taints",
];

const TYPES = new Set(["latency", "throttle", "error", "timeout", "reset", "truncate", "malformed", "omit"]);
const KINDS = new Set(["token", "arm", "cost", "prices", "kube", "admin"]);

export class FaultRuleError extends Error {}

export function normaliseEffect(effect: FaultRule["effect"]): FaultEffect {
  const e = (typeof effect === "string" ? { type: effect } : effect) as FaultEffect;
  if (!e || typeof e !== "object" || !TYPES.has(e.type)) throw new FaultRuleError(`effect should be one of ${[...TYPES].join(", ")}`);
  if (e.type === "latency" && !(Number.isFinite(e.ms) && e.ms >= 0)) throw new FaultRuleError("a latency effect needs ms >= 0");
  if (e.type === "error" && !(Number.isInteger(e.status) && e.status >= 400 && e.status <= 599)) throw new FaultRuleError("an error effect needs a status between 400 and 599");
  return e;
}

export function createFaults(seed = 1): Faults {
  const rules: Array<StoredFault & { matcher: RegExp | undefined; rng: Rng }> = [];
  let counter = 0;
  const matches = (r: (typeof rules)[number], request: EmulatorRequest): boolean => {
    const { rule } = r;
    if (rule.kind) {
      const kinds = Array.isArray(rule.kind) ? rule.kind : [rule.kind];
      if (!kinds.includes(request.kind)) return false;
    } else if (request.kind === "admin") return false;
    if (rule.method && rule.method.toUpperCase() !== request.method) return false;
    if (r.matcher && !r.matcher.test(request.url.pathname + request.url.search)) return false;
    if (rule.subscription && rule.subscription.toLowerCase() !== request.subscriptionId?.toLowerCase()) return false;
    if (rule.cluster && !(request.clusterAliases ?? []).includes(rule.cluster.toLowerCase())) return false;
    return true;
  };
  return {
    add(rule) {
      if (!rule || typeof rule !== "object") throw new FaultRuleError("a fault rule is an object with at least an effect");
      const effect = normaliseEffect(rule.effect);
      for (const k of rule.kind === undefined ? [] : Array.isArray(rule.kind) ? rule.kind : [rule.kind]) if (!KINDS.has(k)) throw new FaultRuleError(`unknown kind ${JSON.stringify(k)}`);
      if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) throw new FaultRuleError("probability should be between 0 and 1");
      if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) throw new FaultRuleError("times should be a whole number above 0");
      let matcher: RegExp | undefined;
      try {
        matcher = rule.path === undefined ? undefined : rule.path instanceof RegExp ? rule.path : new RegExp(rule.path, "i");
      } catch (error) {
        throw new FaultRuleError(`path is not a valid regular expression: ${(error as Error).message}`);
      }
      const id = `fault-${++counter}`;
      rules.push({ id, rule, effect, fired: 0, matcher, rng: createRng(seed, "fault", id) });
      return id;
    },
    remove(id) {
      const i = rules.findIndex((r) => r.id === id);
      if (i >= 0) rules.splice(i, 1);
      return i >= 0;
    },
    clear() {
      rules.length = 0;
    },
    list: () => rules.map(({ id, rule, effect, fired }) => ({ id, rule: { ...rule, path: rule.path instanceof RegExp ? rule.path.source : rule.path }, effect, fired })),
    decide(request) {
      const decision: FaultDecision = { latencyMs: 0 };
      for (const r of [...rules]) {
        if (!matches(r, request)) continue;
        if (r.effect.type !== "latency" && decision.effect) continue;
        if (r.rule.probability !== undefined && r.rng.next() >= r.rule.probability) continue;
        r.fired++;
        if (r.rule.times !== undefined && r.fired >= r.rule.times) rules.splice(rules.indexOf(r), 1);
        if (r.effect.type === "latency") decision.latencyMs += r.effect.ms;
        else {
          decision.effect = r.effect;
          decision.ruleId = r.id;
        }
      }
      return decision;
    },
  };
}
