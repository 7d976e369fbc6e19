import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "./index";
import { CONTRACT_MACHINES_SUBSCRIPTION, CONTRACT_ROUTES, CONTRACT_SUBSCRIPTION, contractBody, readContract } from "./contracts";
import { clientsFor, collect } from "./testing/clients";
import { lostProperties } from "./testing/survives";

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ includeContracts: true, throttling: false });
});
afterAll(() => emulator?.stop());

type QueryBody = Parameters<ReturnType<typeof clientsFor>["cost"]["query"]["usage"]>[1];

/** Each contract file, read through the SDK call Poolscope makes. */
const reads: Record<string, (e: Emulator) => Promise<unknown>> = {
  "aks/ManagedClustersList.2026-08-01.json": async (e) => ({ value: await collect(clientsFor(e, CONTRACT_SUBSCRIPTION).aks.managedClusters.list()) }),
  "aks/AgentPoolsList.2026-07-01.json": async (e) => ({ value: await collect(clientsFor(e, CONTRACT_SUBSCRIPTION).aks.agentPools.list("rg1", "clustername1")) }),
  "aks/AgentPoolsGet.2026-08-01.json": (e) => clientsFor(e, CONTRACT_SUBSCRIPTION).aks.agentPools.get("rg1", "clustername1", "agentpool1"),
  "aks/AgentPoolsCreate_Spot.2026-08-01.json": (e) => clientsFor(e, CONTRACT_SUBSCRIPTION).aks.agentPools.get("rg1", "clustername1", "spotpool1"),
  "aks/AgentPoolsCreate_TypeVirtualMachines_Autoscale.2026-05-01.json": (e) => clientsFor(e, CONTRACT_SUBSCRIPTION).aks.agentPools.get("rg1", "clustername1", "vmspool1"),
  "aks/AgentPoolsGetUpgradeProfile.2026-08-01.json": (e) => clientsFor(e, CONTRACT_SUBSCRIPTION).aks.agentPools.getUpgradeProfile("rg1", "clustername1", "agentpool1"),
  "aks/ManagedClustersListClusterUserCredentials.2026-03-01.json": (e) => clientsFor(e, CONTRACT_SUBSCRIPTION).aks.managedClusters.listClusterUserCredentials("rg1", "clustername1"),
  "aks/MachineList.2026-03-01.json": async (e) => ({ value: await collect(clientsFor(e, CONTRACT_MACHINES_SUBSCRIPTION).aks.machines.list("rg1", "clustername1", "agentpool1")) }),
  "aks/MachineGet.2026-08-01.json": (e) => clientsFor(e, CONTRACT_MACHINES_SUBSCRIPTION).aks.machines.get("rg1", "clustername1", "agentpool1", "aks-nodepool1-42263519-vmss00000t"),
  "compute/Usage_List_MaximumSet_Gen.2026-04-01.json": async (e) => ({ value: await collect(clientsFor(e, CONTRACT_SUBSCRIPTION).compute.usage.list("location1")) }),
  "costmanagement/SubscriptionQueryGrouping.2025-03-01.json": (e) => query(e, "costmanagement/SubscriptionQueryGrouping.2025-03-01.json"),
  "costmanagement/SubscriptionQuery.2025-03-01.json": (e) => query(e, "costmanagement/SubscriptionQuery.2025-03-01.json"),
  "costmanagement/ResourceGroupQueryGrouping.2025-03-01.json": (e) => query(e, "costmanagement/ResourceGroupQueryGrouping.2025-03-01.json"),
};

function query(e: Emulator, file: string) {
  const { parameters } = readContract(file);
  const scope = String(parameters.scope).replace(/^\//, "");
  return clientsFor(e, CONTRACT_SUBSCRIPTION).cost.query.usage(scope, parameters.parameters as QueryBody);
}

describe("every contract body, read through the SDK", () => {
  it("has a read for every contract route", () => {
    expect(new Set(CONTRACT_ROUTES.map((r) => r.file))).toEqual(new Set(Object.keys(reads)));
  });

  it.each(Object.keys(reads))("%s survives the SDK", async (file) => {
    const model = await reads[file](emulator);
    const wire = { ...contractBody(file) };
    // Example nextLinks point at example.com; the emulator points them back at itself and the SDK follows them.
    if (Array.isArray(wire.value)) delete wire.nextLink;
    expect(lostProperties(wire, model)).toEqual([]);
  });

  it("lists the contract subscriptions beside the estate's", async () => {
    const subs = await collect(clientsFor(emulator, CONTRACT_SUBSCRIPTION).subscriptions.subscriptions.list());
    expect(subs.map((s) => s.subscriptionId)).toEqual(expect.arrayContaining([CONTRACT_SUBSCRIPTION, CONTRACT_MACHINES_SUBSCRIPTION]));
  });
});
