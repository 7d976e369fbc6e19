/**
 * The admin API under /_emulator, for tests and demos in other processes (no authentication; loopback only):
 *   GET    /_emulator                      what this emulator is (url, tenant, estate size, clock)
 *   GET    /_emulator/estate               subscriptions, clusters (with kube URL) and pools, with what each shows
 *   GET    /_emulator/stats                request counts by kind and status, 429s served; DELETE resets them
 *   GET    /_emulator/faults               active fault rules; POST adds one (body: a FaultRule) -> { id }
 *   DELETE /_emulator/faults[/{id}]        removes all rules, or one
 *   GET    /_emulator/clock                now, cycle time, speed; POST /_emulator/clock/advance { ms } moves it on
 *   POST   /_emulator/pools/{url-encoded pool id}/change   a PoolPatch (labels, taints, tags, count, versions...)
 *   GET    /_emulator/changes              pool changes so far (scheduled drift and admin changes)
 *   POST   /_emulator/throttling { enabled }               switches ARM and Cost Management throttling
 */
import type { EmulatorContext } from "./context";
import { armError, json, parseJsonBody, type EmulatorRequest, type Reply } from "./http";
import { FaultRuleError, type FaultRule, type Faults } from "./faults";
import { PoolPatchError } from "./sim/pool-change";
import { kubeServerUrl } from "./arm/kubeconfig";
import type { EmulatorStats } from "./stats";

export type AdminDeps = {
  ctx: EmulatorContext;
  faults: Faults;
  stats: () => EmulatorStats;
  resetStats: () => void;
  settings: { throttling: boolean; latencyMs: number };
};

const bad = (message: string) => armError(400, "BadRequest", message);

export function estateSummary(ctx: EmulatorContext) {
  const { sim } = ctx;
  return {
    seed: sim.estate.seed,
    size: sim.estate.sizeName,
    tenantId: sim.estate.tenantId,
    subscriptions: sim.estate.subscriptions.map((s) => ({
      id: s.id,
      displayName: s.arm.displayName,
      clusters: sim.lookup.clustersOf(s.id).map((c) => ({
        id: c.id,
        name: c.name,
        resourceGroup: c.resourceGroup,
        location: c.location,
        version: c.arm.properties.kubernetesVersion,
        key: c.key,
        kubeServer: kubeServerUrl(ctx.baseUrl(), c),
        unreachable: c.unreachable,
        pools: sim.lookup.poolsOf(c).map((p) => ({
          id: p.id,
          name: p.name,
          vmSize: p.arm.properties.vmSize ?? p.arm.properties.virtualMachinesProfile?.scale.manual?.map((m) => m.size).join(","),
          count: p.nodes.length,
          ...(p.pattern ? { pattern: p.pattern } : {}),
        })),
      })),
    })),
  };
}

export function createAdmin(deps: AdminDeps): (request: EmulatorRequest) => Reply {
  const { ctx, faults } = deps;
  return (request) => {
    const path = request.path.replace(/\/+$/, "");
    const method = request.method;
    let body: unknown;
    try {
      body = parseJsonBody(request);
    } catch {
      return bad("the request body is not valid JSON");
    }
    try {
      if (path === "/_emulator" && method === "GET") {
        return json(200, {
          url: ctx.baseUrl(),
          tenantId: ctx.tokens.tenantId,
          clientId: ctx.tokens.clientId,
          seed: ctx.sim.estate.seed,
          size: ctx.sim.estate.sizeName,
          counts: { subscriptions: ctx.sim.estate.subscriptions.length, clusters: ctx.sim.estate.clusters.length, pools: ctx.sim.estate.pools.length, nodes: ctx.sim.estate.pools.reduce((n, p) => n + p.nodes.length, 0) },
          clock: clockInfo(ctx),
          throttling: deps.settings.throttling,
          latencyMs: deps.settings.latencyMs,
        });
      }
      if (path === "/_emulator/estate" && method === "GET") {
        for (const s of ctx.sim.estate.subscriptions) ctx.sim.syncSubscription(s.id);
        return json(200, estateSummary(ctx));
      }
      if (path === "/_emulator/stats") {
        if (method === "DELETE") {
          deps.resetStats();
          return { status: 204 };
        }
        return json(200, deps.stats());
      }
      if (path === "/_emulator/faults") {
        if (method === "GET") return json(200, { value: faults.list() });
        if (method === "POST") return json(201, { id: faults.add(body as FaultRule) });
        if (method === "DELETE") {
          faults.clear();
          return { status: 204 };
        }
      }
      const faultId = /^\/_emulator\/faults\/([^/]+)$/.exec(path)?.[1];
      if (faultId && method === "DELETE") return faults.remove(faultId) ? { status: 204 } : armError(404, "NotFound", `no fault rule ${faultId}`);
      if (path === "/_emulator/clock" && method === "GET") return json(200, clockInfo(ctx));
      if (path === "/_emulator/clock/advance" && method === "POST") {
        const ms = Number((body as { ms?: unknown } | undefined)?.ms ?? request.url.searchParams.get("ms"));
        if (!Number.isFinite(ms) || ms < 0) return bad("advance takes { ms } >= 0");
        ctx.sim.clock.advance(ms);
        for (const s of ctx.sim.estate.subscriptions) ctx.sim.syncSubscription(s.id);
        return json(200, clockInfo(ctx));
      }
      const poolMatch = /^\/_emulator\/pools\/(.+)\/change$/.exec(request.url.pathname);
      if (poolMatch && method === "POST") {
        const poolId = decodeURIComponent(poolMatch[1]);
        if (!ctx.sim.lookup.pool(poolId)) return armError(404, "NotFound", `no pool ${poolId}`);
        const pool = ctx.sim.changePool(poolId, body, "admin");
        ctx.sim.syncSubscription(pool.subscriptionId);
        return json(200, pool.arm);
      }
      if (path === "/_emulator/changes" && method === "GET") return json(200, { value: ctx.sim.changes() });
      if (path === "/_emulator/throttling" && method === "POST") {
        const enabled = (body as { enabled?: unknown } | undefined)?.enabled;
        if (typeof enabled !== "boolean") return bad("throttling takes { enabled: true | false }");
        deps.settings.throttling = enabled;
        return json(200, { throttling: enabled });
      }
      return armError(404, "NotFound", `no admin route ${method} ${path}`);
    } catch (error) {
      if (error instanceof FaultRuleError || error instanceof PoolPatchError) return bad(error.message);
      throw error;
    }
  };
}

function clockInfo(ctx: EmulatorContext) {
  const clock = ctx.sim.clock;
  return { now: clock.now().toISOString(), cycleNow: new Date(clock.cycleNowMs()).toISOString(), speed: clock.speed, start: new Date(clock.startMs).toISOString() };
}
