/**
 * The HTTPS server: classifies each request (token, arm, cost, prices, kube, admin), applies latency and fault
 * rules, checks the bearer token, throttles like Azure, dispatches to the route, and lets body faults (omit,
 * malformed, truncate) alter what goes back on the wire.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { EmulatorContext } from "./context";
import { armError, type EmulatorRequest, type Reply, type RouteKind } from "./http";
import type { Faults, FaultEffect } from "./faults";
import { DEFAULT_OMITTED_FIELDS } from "./faults";
import type { ArmThrottle, CostThrottle } from "./throttle";
import type { KubeState } from "./kube/snapshot";
import { handleKube } from "./kube/routes";
import { handleArm } from "./arm/routes";
import { handleCostQuery, queryUnits, readDefinition } from "./cost";
import { QueryError, resolveDays } from "./cost-query";
import { handlePrices } from "./prices";
import { handleContract } from "./contracts";
import { armThrottled, costThrottled, errorReply, omitFields, qpuHeaders, throttleReply } from "./fault-replies";
import type { createStats } from "./stats";

export type ServerDeps = {
  ctx: EmulatorContext;
  kube: KubeState;
  faults: Faults;
  armThrottle: ArmThrottle;
  costThrottle: CostThrottle;
  settings: { throttling: boolean; latencyMs: number; includeContracts: boolean };
  stats: ReturnType<typeof createStats>;
  admin: (request: EmulatorRequest) => Promise<Reply> | Reply;
  onResponse?: (request: EmulatorRequest, status: number, ms: number) => void;
};

const MAX_BODY = 10 * 1024 * 1024;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new Error("request body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function classify(deps: ServerDeps, req: IncomingMessage, body: Buffer): EmulatorRequest {
  const url = new URL(req.url ?? "/", "https://127.0.0.1");
  let path: string;
  try {
    path = decodeURIComponent(url.pathname).replace(/\/{2,}/g, "/");
  } catch {
    path = url.pathname;
  }
  const lower = path.toLowerCase();
  const base = { method: (req.method ?? "GET").toUpperCase(), url, path, headers: req.headers, body };
  if (lower === "/_emulator" || lower.startsWith("/_emulator/")) return { ...base, kind: "admin" };
  if (lower.startsWith("/k8s/")) {
    const key = path.split("/")[2] ?? "";
    const cluster = deps.ctx.sim.lookup.clusterByKey(key);
    return { ...base, kind: "kube", subscriptionId: cluster?.subscriptionId, clusterAliases: cluster ? [cluster.key, cluster.name, cluster.id].map((s) => s.toLowerCase()) : [key.toLowerCase()] };
  }
  if (lower.startsWith("/api/retail/prices")) return { ...base, kind: "prices" };
  if (/^\/[^/]+\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|discovery\/v2\.0\/keys)$/.test(lower) || lower === "/common/discovery/instance") {
    return { ...base, kind: "token" };
  }
  const sub = /^\/subscriptions\/([^/]+)/.exec(lower)?.[1];
  const mc = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.containerservice\/managedclusters\/([^/]+)/.exec(lower);
  const cluster = mc ? deps.ctx.sim.lookup.cluster(mc[1], mc[2], mc[3]) : undefined;
  const clusterAliases = cluster ? [cluster.key, cluster.name, cluster.id].map((s) => s.toLowerCase()) : mc ? [mc[3]] : undefined;
  const kind: RouteKind = lower.includes("/providers/microsoft.costmanagement/") ? "cost" : "arm";
  return { ...base, kind, subscriptionId: sub, clusterAliases };
}

export type EmulatorServer = { server: Server; sockets: Set<Socket> };

export function createEmulatorServer(deps: ServerDeps, tls: { cert: string; key: string }): EmulatorServer {
  const sockets = new Set<Socket>();
  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      process.stderr.write(`[emulator] ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!res.headersSent) send(res, armError(500, "InternalServerError", "The emulator failed to handle the request."), undefined);
      else res.destroy();
    });
  });
  server.on("secureConnection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 5_000;
  return { server, sockets };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const body = await readBody(req);
  const request = classify(deps, req, body);
  const { ctx, stats } = deps;
  stats.request(request.kind);
  let effect: FaultEffect | undefined;
  if (request.kind !== "admin") {
    const decision = deps.faults.decide(request);
    if (decision.latencyMs || decision.effect) stats.fault();
    const latency = deps.settings.latencyMs + decision.latencyMs;
    if (latency > 0) await sleep(latency);
    effect = decision.effect;
  }
  if (effect?.type === "timeout") return; // the client gives up; the server keeps the socket until it does
  if (effect?.type === "reset") {
    req.socket.destroy();
    return;
  }
  let reply: Reply;
  if (effect?.type === "throttle") reply = throttleReply(request.kind, request, ctx.tokens.clientId, effect.retryAfterSeconds ?? 5);
  else if (effect?.type === "error") reply = errorReply(request.kind, effect.status, effect.code, effect.message, effect.retryAfterSeconds);
  else reply = await route(deps, request, req);
  if (reply.status === 0) {
    req.socket.destroy();
    return;
  }
  stats.status(reply.status);
  deps.onResponse?.(request, reply.status, performance.now() - started);
  send(res, reply, effect);
}

async function route(deps: ServerDeps, request: EmulatorRequest, req: IncomingMessage): Promise<Reply> {
  const { ctx } = deps;
  switch (request.kind) {
    case "admin":
      return deps.admin(request);
    case "prices":
      return handlePrices(ctx, request);
    case "token": {
      const lower = request.path.toLowerCase();
      const tenant = request.path.split("/")[1] ?? "";
      if (lower === "/common/discovery/instance") return ctx.tokens.instanceDiscovery(ctx.baseUrl());
      if (lower.endsWith("/openid-configuration")) return ctx.tokens.openIdConfiguration(ctx.baseUrl(), tenant);
      if (lower.endsWith("/keys")) return { status: 200, body: { keys: [] } };
      if (request.method !== "POST") return { status: 405, body: { error: "invalid_request", error_description: "AADSTS900561: The endpoint only accepts POST requests." } };
      return ctx.tokens.issue(ctx.baseUrl(), tenant, new URLSearchParams(request.body.toString("utf8")));
    }
    case "kube": {
      const key = request.path.split("/")[2] ?? "";
      const cluster = ctx.sim.lookup.clusterByKey(key);
      // An unreachable cluster's API refuses connections, however the client found its address.
      if (cluster?.unreachable) return { status: 0 };
      return handleKube(ctx.sim, deps.kube, request, cluster, request.path.slice(`/k8s/${key}`.length));
    }
    case "arm":
    case "cost": {
      const problem = ctx.tokens.verify(req.headers.authorization);
      if (problem) {
        const code = problem.includes("missing") ? "AuthenticationFailed" : problem.includes("expiry") ? "ExpiredAuthenticationToken" : "InvalidAuthenticationToken";
        return armError(401, code, `Authentication failed. ${problem}`, {
          "WWW-Authenticate": `Bearer authorization_uri="${ctx.baseUrl()}/${ctx.tokens.tenantId}", error="invalid_token", error_description="${problem.replace(/"/g, "'")}"`,
        });
      }
      const contract = deps.settings.includeContracts ? handleContract(ctx, request) : undefined;
      if (request.kind === "cost") return serveCost(deps, request, contract);
      const write = request.method !== "GET";
      const limit = deps.settings.throttling ? deps.armThrottle.take(request.subscriptionId ?? "tenant", write ? "write" : "read") : undefined;
      if (limit && !limit.ok) {
        deps.stats.throttled("arm");
        return armThrottled(request, ctx.tokens.clientId, limit.retryAfterSeconds, write);
      }
      const reply = contract ?? handleArm(ctx, request);
      if (limit?.ok) {
        const header = `x-ms-ratelimit-remaining-${request.subscriptionId ? "subscription" : "tenant"}-${write ? "writes" : "reads"}`;
        reply.headers = { ...reply.headers, [header]: String(limit.remaining) };
      }
      return reply;
    }
  }
}

function serveCost(deps: ServerDeps, request: EmulatorRequest, contract: Reply | undefined): Reply {
  const { ctx } = deps;
  let definition;
  let days;
  try {
    definition = readDefinition(request);
    days = resolveDays(definition, Math.min(ctx.sim.clock.nowMs(), ctx.realNowMs()));
  } catch (error) {
    if (error instanceof QueryError) return contract ?? armError(400, "BadRequest", error.message);
    throw error;
  }
  const qpu = queryUnits(days.from, days.to);
  let headers: Record<string, string> = {};
  if (deps.settings.throttling) {
    const result = deps.costThrottle.take(ctx.tokens.tenantId, qpu);
    if (!result.ok) {
      deps.stats.throttled("cost");
      return costThrottled(result.retryAfterSeconds, qpu, result.remaining);
    }
    headers = qpuHeaders(qpu, result.remaining);
  }
  const reply = contract ?? handleCostQuery(ctx, request, definition, days);
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

function writeHead(res: ServerResponse, reply: Reply, length: number): void {
  const requestId = randomUUID();
  res.writeHead(reply.status, {
    "content-type": reply.contentType ?? "application/json; charset=utf-8",
    "content-length": String(length),
    "cache-control": "no-cache",
    "x-ms-request-id": requestId,
    "x-ms-correlation-request-id": requestId,
    ...(reply.headers ?? {}),
  });
}

function send(res: ServerResponse, reply: Reply, effect: FaultEffect | undefined): void {
  const written = reply.serialised?.written;
  if (written && effect?.type !== "omit" && effect?.type !== "malformed" && effect?.type !== "truncate") {
    // The buffers are reused once the socket has taken the body (never, if the response ends otherwise).
    res.once("finish", written.release);
    writeHead(res, reply, written.length);
    for (const chunk of written.chunks) res.write(chunk);
    res.end();
    return;
  }
  let body = reply.body;
  let text = reply.text;
  if (written) {
    if (effect?.type === "omit") body = reply.serialised!.body();
    else text = Buffer.concat(written.chunks, written.length).toString("utf8");
    written.release();
  }
  if (effect?.type === "omit" && body !== undefined) body = omitFields(body, new Set(effect.fields ?? DEFAULT_OMITTED_FIELDS));
  text ??= body === undefined ? "" : JSON.stringify(body);
  if (effect?.type === "malformed") text = text.length > 2 ? text.slice(0, Math.ceil(text.length / 2)) : "<html><body>Bad Gateway</body></html>";
  const bytes = Buffer.from(text, "utf8");
  writeHead(res, reply, bytes.length);
  if (effect?.type === "truncate") {
    // Headers promise the whole body; half arrives and the connection drops.
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    return;
  }
  res.end(bytes);
}

