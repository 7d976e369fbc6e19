/**
 * The Azure REST contract examples (copied unchanged from Azure/azure-rest-api-specs into ./contracts), served as
 * they are when `includeContracts` is set: their subscriptions join the estate's, and each body answers the call
 * it documents. The one liberty: a contract's example nextLink ("http://xxxx.azure.com?...", "a://example.com/...")
 * is pointed back at the emulator, since following it must never leave loopback; its second page is empty.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { EmulatorContext } from "./context";
import { json, type EmulatorRequest, type Reply } from "./http";
import type { ArmSubscription } from "./estate/types";

export const CONTRACT_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
export const CONTRACT_MACHINES_SUBSCRIPTION = "26fe00f8-9173-4872-9134-bb1d2e00343a";

const dir = fileURLToPath(new URL("./contracts/", import.meta.url));

type Example = { parameters: Record<string, unknown>; responses: Record<string, { body?: unknown }> };

export function readContract(file: string): Example {
  return JSON.parse(readFileSync(`${dir}${file}`, "utf8")) as Example;
}

export function contractBody(file: string, status = "200"): Record<string, unknown> {
  return readContract(file).responses[status]!.body as Record<string, unknown>;
}

const MC = `/subscriptions/${CONTRACT_SUBSCRIPTION}/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1`;
const MACHINES = `/subscriptions/${CONTRACT_MACHINES_SUBSCRIPTION}/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1/agentPools/agentpool1/machines`;

export type ContractRoute = { file: string; method: "GET" | "POST"; path: string; note?: string };

/** Where each contract body is served (paths are matched case-insensitively). */
export const CONTRACT_ROUTES: ContractRoute[] = [
  { file: "aks/ManagedClustersList.2026-08-01.json", method: "GET", path: `/subscriptions/${CONTRACT_SUBSCRIPTION}/providers/Microsoft.ContainerService/managedClusters` },
  { file: "aks/AgentPoolsList.2026-07-01.json", method: "GET", path: `${MC}/agentPools` },
  { file: "aks/AgentPoolsGet.2026-08-01.json", method: "GET", path: `${MC}/agentPools/agentpool1` },
  { file: "aks/AgentPoolsCreate_Spot.2026-08-01.json", method: "GET", path: `${MC}/agentPools/spotpool1`, note: "the 200 body of the spot example, served under another pool name" },
  { file: "aks/AgentPoolsCreate_TypeVirtualMachines_Autoscale.2026-05-01.json", method: "GET", path: `${MC}/agentPools/vmspool1`, note: "the 200 body of the VirtualMachines example" },
  { file: "aks/AgentPoolsGetUpgradeProfile.2026-08-01.json", method: "GET", path: `${MC}/agentPools/agentpool1/upgradeProfiles/default` },
  { file: "aks/ManagedClustersListClusterUserCredentials.2026-03-01.json", method: "POST", path: `${MC}/listClusterUserCredential` },
  { file: "aks/MachineList.2026-03-01.json", method: "GET", path: MACHINES },
  { file: "aks/MachineGet.2026-08-01.json", method: "GET", path: `${MACHINES}/aks-nodepool1-42263519-vmss00000t` },
  { file: "compute/Usage_List_MaximumSet_Gen.2026-04-01.json", method: "GET", path: `/subscriptions/${CONTRACT_SUBSCRIPTION}/providers/Microsoft.Compute/locations/location1/usages` },
  { file: "costmanagement/SubscriptionQueryGrouping.2025-03-01.json", method: "POST", path: `/subscriptions/${CONTRACT_SUBSCRIPTION}/providers/Microsoft.CostManagement/query`, note: "answers a query with granularity None and a grouping" },
  { file: "costmanagement/SubscriptionQuery.2025-03-01.json", method: "POST", path: `/subscriptions/${CONTRACT_SUBSCRIPTION}/providers/Microsoft.CostManagement/query`, note: "answers other subscription-scope queries" },
  { file: "costmanagement/ResourceGroupQueryGrouping.2025-03-01.json", method: "POST", path: `/subscriptions/${CONTRACT_SUBSCRIPTION}/resourceGroups/ScreenSharingTest-peer/providers/Microsoft.CostManagement/query` },
];

export function contractSubscriptions(tenantId: string): ArmSubscription[] {
  return [CONTRACT_SUBSCRIPTION, CONTRACT_MACHINES_SUBSCRIPTION].map((id, i) => ({
    id: `/subscriptions/${id}`,
    authorizationSource: "RoleBased",
    managedByTenants: [],
    subscriptionId: id,
    tenantId,
    displayName: i === 0 ? "contract-examples" : "contract-examples-machines",
    state: "Enabled",
    subscriptionPolicies: { locationPlacementId: "Public_2014-09-01", quotaId: "PayAsYouGo_2014-09-01", spendingLimit: "Off" },
  }));
}

export function isContractSubscription(id: string | undefined): boolean {
  const l = id?.toLowerCase();
  return l === CONTRACT_SUBSCRIPTION || l === CONTRACT_MACHINES_SUBSCRIPTION;
}

function withNextLink(ctx: EmulatorContext, request: EmulatorRequest, body: Record<string, unknown>): Record<string, unknown> {
  if (typeof body.nextLink !== "string") return body;
  const original = new URL(body.nextLink.replace(/^a:\/\//, "https://"));
  const params = new URLSearchParams(request.url.searchParams);
  params.set("$skiptoken", original.searchParams.get("encodedToken") ?? "contract-page-2");
  return { ...body, nextLink: `${ctx.baseUrl()}${request.url.pathname}?${params.toString()}` };
}

/** A contract answer for the request, or undefined when the request is not about a contract subscription. */
export function handleContract(ctx: EmulatorContext, request: EmulatorRequest): Reply | undefined {
  if (!isContractSubscription(request.subscriptionId)) return undefined;
  const path = request.path.replace(/\/+$/, "").toLowerCase();
  const candidates = CONTRACT_ROUTES.filter((r) => r.method === request.method && r.path.toLowerCase() === path);
  if (candidates.length === 0) {
    // The rest of a contract subscription is empty, not missing: lists answer with no items.
    if (request.method === "GET" && /\/(managedclusters|agentpools|machines|usages)$/.test(path)) return json(200, { value: [] });
    if (request.method === "GET" && path === `/subscriptions/${request.subscriptionId?.toLowerCase()}`) {
      return json(200, contractSubscriptions(ctx.sim.estate.tenantId).find((s) => s.subscriptionId === request.subscriptionId?.toLowerCase()));
    }
    if (request.method === "GET" && /\/managedclusters\/clustername1$/.test(path) && path.includes(CONTRACT_SUBSCRIPTION)) {
      return json(200, (contractBody("aks/ManagedClustersList.2026-08-01.json").value as unknown[])[0]);
    }
    return undefined;
  }
  if (request.url.searchParams.get("$skiptoken")) return json(200, { value: [] });
  let route = candidates[0];
  if (candidates.length > 1) {
    let definition: { dataset?: { granularity?: string; grouping?: unknown[] } } = {};
    try {
      definition = JSON.parse(request.body.toString("utf8") || "{}");
    } catch {
      // a malformed body gets the default example
    }
    const grouped = (definition.dataset?.grouping?.length ?? 0) > 0 && (definition.dataset?.granularity ?? "None") === "None";
    route = candidates.find((c) => c.file.includes(grouped ? "SubscriptionQueryGrouping" : "SubscriptionQuery.")) ?? route;
  }
  return json(200, withNextLink(ctx, request, contractBody(route.file)));
}
