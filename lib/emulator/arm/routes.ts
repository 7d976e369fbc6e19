/** The ARM subset Poolscope reads: subscriptions, managed clusters, agent pools, machines, upgrade profiles, user credentials, compute usages. */
import type { EmulatorContext } from "../context";
import { armError, json, type EmulatorRequest, type Reply } from "../http";
import type { EstateCluster } from "../estate/types";
import { armPage } from "./paging";
import { buildKubeconfig } from "./kubeconfig";
import { clusterBody, clusterUpgradeProfile, machineBody, poolUpgradeProfile, scaleSetBody } from "./resources";
import { computeUsages } from "./usages";

const SUB = "/subscriptions/([^/]+)";
const RG = `${SUB}/resourcegroups/([^/]+)`;
const MC = `${RG}/providers/microsoft\\.containerservice/managedclusters/([^/]+)`;

type Handler = (ctx: EmulatorContext, request: EmulatorRequest, m: string[]) => Reply;
type Route = { method: "GET" | "POST"; pattern: RegExp; handle: Handler };

const route = (method: Route["method"], pattern: string, handle: Handler): Route => ({ method, pattern: new RegExp(`^${pattern}$`), handle });

function subscriptionNotFound(id: string): Reply {
  return armError(404, "SubscriptionNotFound", `The subscription '${id}' could not be found.`);
}

function findCluster(ctx: EmulatorContext, sub: string, rg: string, name: string): EstateCluster | Reply {
  if (!ctx.sim.lookup.subscription(sub)) return subscriptionNotFound(sub);
  const cluster = ctx.sim.lookup.cluster(sub, rg, name);
  if (cluster) return cluster;
  if (!ctx.sim.lookup.resourceGroupExists(sub, rg)) return armError(404, "ResourceGroupNotFound", `Resource group '${rg}' could not be found.`);
  return armError(404, "ResourceNotFound", `The Resource 'Microsoft.ContainerService/managedClusters/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
}

const isReply = (x: unknown): x is Reply => typeof x === "object" && x !== null && "status" in x;

function findPool(ctx: EmulatorContext, m: string[]) {
  const cluster = findCluster(ctx, m[1], m[2], m[3]);
  if (isReply(cluster)) return cluster;
  ctx.sim.syncCluster(cluster);
  const pool = ctx.sim.lookup.poolsOf(cluster).find((p) => p.name.toLowerCase() === m[4].toLowerCase());
  if (!pool) return armError(404, "NotFound", `Agent pool '${m[4]}' not found in managed cluster '${cluster.name}'.`);
  return { cluster, pool };
}

const routes: Route[] = [
  route("GET", "/subscriptions", (ctx, request) => {
    const subs = [...ctx.sim.estate.subscriptions.map((s) => s.arm), ...ctx.extraSubscriptions];
    return json(200, armPage(request, subs, ctx.baseUrl(), ctx.pageSize, { count: { type: "Total", value: subs.length } }));
  }),
  route("GET", SUB, (ctx, _request, m) => {
    const sub = ctx.sim.lookup.subscription(m[1]);
    return sub ? json(200, sub.arm) : subscriptionNotFound(m[1]);
  }),
  route("GET", "/tenants", (ctx, request) => {
    const tenantId = ctx.sim.estate.tenantId;
    const tenant = { id: `/tenants/${tenantId}`, tenantId, tenantCategory: "Home", country: "NL", countryCode: "NL", displayName: "Contoso (emulated)", domains: ["contoso.example"], defaultDomain: "contoso.example", tenantType: "AAD" };
    return json(200, armPage(request, [tenant], ctx.baseUrl(), ctx.pageSize));
  }),
  route("GET", `${SUB}/providers/microsoft\\.containerservice/managedclusters`, (ctx, request, m) => {
    if (!ctx.sim.lookup.subscription(m[1])) return subscriptionNotFound(m[1]);
    ctx.sim.syncSubscription(m[1]);
    const clusters = ctx.sim.lookup.clustersOf(m[1]).map((c) => clusterBody(c, ctx.sim.lookup.poolsOf(c)));
    return json(200, armPage(request, clusters, ctx.baseUrl(), ctx.pageSize));
  }),
  route("GET", `${RG}/providers/microsoft\\.containerservice/managedclusters`, (ctx, request, m) => {
    if (!ctx.sim.lookup.subscription(m[1])) return subscriptionNotFound(m[1]);
    if (!ctx.sim.lookup.resourceGroupExists(m[1], m[2])) return armError(404, "ResourceGroupNotFound", `Resource group '${m[2]}' could not be found.`);
    ctx.sim.syncSubscription(m[1]);
    const clusters = ctx.sim.lookup
      .clustersOf(m[1])
      .filter((c) => c.resourceGroup.toLowerCase() === m[2])
      .map((c) => clusterBody(c, ctx.sim.lookup.poolsOf(c)));
    return json(200, armPage(request, clusters, ctx.baseUrl(), ctx.pageSize));
  }),
  route("GET", MC, (ctx, _request, m) => {
    const cluster = findCluster(ctx, m[1], m[2], m[3]);
    if (isReply(cluster)) return cluster;
    ctx.sim.syncCluster(cluster);
    return json(200, clusterBody(cluster, ctx.sim.lookup.poolsOf(cluster)));
  }),
  route("GET", `${MC}/upgradeprofiles/default`, (ctx, _request, m) => {
    const cluster = findCluster(ctx, m[1], m[2], m[3]);
    if (isReply(cluster)) return cluster;
    return json(200, clusterUpgradeProfile(cluster, ctx.sim.lookup.poolsOf(cluster)));
  }),
  route("GET", `${MC}/agentpools`, (ctx, request, m) => {
    const cluster = findCluster(ctx, m[1], m[2], m[3]);
    if (isReply(cluster)) return cluster;
    ctx.sim.syncCluster(cluster);
    return json(200, armPage(request, ctx.sim.lookup.poolsOf(cluster).map((p) => p.arm), ctx.baseUrl(), ctx.pageSize));
  }),
  route("GET", `${MC}/agentpools/([^/]+)`, (ctx, _request, m) => {
    const found = findPool(ctx, m);
    return isReply(found) ? found : json(200, found.pool.arm);
  }),
  route("GET", `${MC}/agentpools/([^/]+)/upgradeprofiles/default`, (ctx, _request, m) => {
    const found = findPool(ctx, m);
    return isReply(found) ? found : json(200, poolUpgradeProfile(found.pool, found.cluster));
  }),
  route("GET", `${MC}/agentpools/([^/]+)/machines`, (ctx, request, m) => {
    const found = findPool(ctx, m);
    if (isReply(found)) return found;
    const machines = found.pool.nodes.map((node) => machineBody(found.pool, found.cluster, node));
    return json(200, armPage(request, machines, ctx.baseUrl(), ctx.pageSize));
  }),
  route("GET", `${MC}/agentpools/([^/]+)/machines/([^/]+)`, (ctx, _request, m) => {
    const found = findPool(ctx, m);
    if (isReply(found)) return found;
    const node = found.pool.nodes.find((n) => n.name.toLowerCase() === m[5]);
    if (!node) return armError(404, "NotFound", `Machine '${m[5]}' not found in agent pool '${found.pool.name}'.`);
    return json(200, machineBody(found.pool, found.cluster, node));
  }),
  route("POST", `${MC}/listclusterusercredential`, (ctx, _request, m) => {
    const cluster = findCluster(ctx, m[1], m[2], m[3]);
    if (isReply(cluster)) return cluster;
    const kubeconfig = buildKubeconfig(ctx.baseUrl(), ctx.caPem, cluster);
    return json(200, { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(kubeconfig).toString("base64") }] });
  }),
  route("GET", `${SUB}/providers/microsoft\\.compute/locations/([^/]+)/usages`, (ctx, request, m) => {
    const sub = ctx.sim.lookup.subscription(m[1]);
    if (!sub) return subscriptionNotFound(m[1]);
    ctx.sim.syncSubscription(sub.id);
    const usages = computeUsages(sub, m[2], ctx.sim.lookup.poolsOfSubscription(sub.id), ctx.sim.locationOf);
    return json(200, armPage(request, usages, ctx.baseUrl(), ctx.pageSize));
  }),
  route("GET", `${RG}/providers/microsoft\\.compute/virtualmachinescalesets/([^/]+)`, (ctx, _request, m) => {
    if (!ctx.sim.lookup.subscription(m[1])) return subscriptionNotFound(m[1]);
    ctx.sim.syncSubscription(m[1]);
    const pool = ctx.sim.lookup.poolsOfSubscription(m[1]).find((p) => p.scaleSetId.toLowerCase() === `/subscriptions/${m[1]}/resourcegroups/${m[2]}/providers/microsoft.compute/virtualmachinescalesets/${m[3]}`);
    if (!pool) return armError(404, "ResourceNotFound", `The Resource 'Microsoft.Compute/virtualMachineScaleSets/${m[3]}' under resource group '${m[2]}' was not found.`);
    return json(200, scaleSetBody(pool, ctx.sim.lookup.clusterById(pool.clusterId)!));
  }),
];

export function handleArm(ctx: EmulatorContext, request: EmulatorRequest): Reply {
  const path = request.path.replace(/\/+$/, "").toLowerCase() || "/";
  if (!request.url.searchParams.get("api-version")) {
    return armError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
  }
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    if (r.method !== request.method) {
      if (request.method === "GET" || request.method === "POST") continue;
      // Poolscope's principal is a Reader: anything that writes is refused the way ARM refuses it.
      return armError(403, "AuthorizationFailed", `The client '${ctx.tokens.clientId}' with object id '${ctx.tokens.clientId}' does not have authorization to perform action '${actionOf(path)}/write' over scope '${request.path}' or the scope is invalid. If access was recently granted, please refresh your credentials.`);
    }
    return r.handle(ctx, request, m);
  }
  return armError(404, "InvalidResourceType", `The resource type could not be found for the path '${request.path}' and api version '${request.url.searchParams.get("api-version")}'.`);
}

function actionOf(path: string): string {
  const m = /providers\/([^/]+\/[^/]+)/.exec(path);
  return m ? m[1] : "Microsoft.Resources/subscriptions";
}
