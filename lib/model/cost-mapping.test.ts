import { describe, expect, it } from "vitest";
import { aggregateCost, mapCostResource, nodeResourceGroupKey, parseUsageDate, readCostRows, type NodeResourceGroup } from "./cost-mapping";

const sub = "00000000-0000-0000-0000-000000000001";
const clusterId = `/subscriptions/${sub}/resourcegroups/rg1/providers/microsoft.containerservice/managedclusters/c1`;
const poolId = (name: string) => `${clusterId}/agentpools/${name}`;
const group: NodeResourceGroup = {
  subscriptionId: `/subscriptions/${sub}`,
  clusterId,
  name: "mc_rg1_c1_eastus",
  poolsByName: new Map([
    ["system", poolId("system")],
    ["gpu", poolId("gpu")],
    ["vmpool", poolId("vmpool")],
  ]),
  poolsByScaleSet: new Map([["aks-system-12345678-vmss", poolId("system")]]),
};
const groups = new Map([[nodeResourceGroupKey(sub, "MC_rg1_c1_eastus"), group]]);
const rid = (provider: string, name: string) => `/subscriptions/${sub}/resourceGroups/MC_rg1_c1_eastus/providers/${provider}/${name}`;

describe("mapCostResource", () => {
  it.each<[string, string, string | null | undefined]>([
    ["a scale set learned from machines", rid("Microsoft.Compute/virtualMachineScaleSets", "aks-system-12345678-vmss"), poolId("system")],
    ["a scale set by its AKS name", rid("Microsoft.Compute/virtualMachineScaleSets", "aks-gpu-87654321-vmss"), poolId("gpu")],
    ["an instance OS disk", rid("Microsoft.Compute/disks", "aks-system-12345678-vmss_0_1a2b3c"), poolId("system")],
    ["a VirtualMachines pool VM", rid("Microsoft.Compute/virtualMachines", "aks-vmpool-11112222-vms1"), poolId("vmpool")],
    ["a VirtualMachines pool OS disk", rid("Microsoft.Compute/disks", "aks-vmpool-11112222-vms1_OsDisk_1_abc"), poolId("vmpool")],
    ["a persistent volume disk is the remainder", rid("Microsoft.Compute/disks", "pvc-0b1c2d3e"), null],
    ["the load balancer is the remainder", rid("Microsoft.Network/loadBalancers", "kubernetes"), null],
    ["a scale set of a pool the cluster no longer has is the remainder", rid("Microsoft.Compute/virtualMachineScaleSets", "aks-old-12345678-vmss"), null],
    ["a resource outside node resource groups", `/subscriptions/${sub}/resourceGroups/other/providers/Microsoft.Storage/storageAccounts/x`, undefined],
    ["not a resource id", "nonsense", undefined],
  ])("%s", (_name, resourceId, expected) => {
    const target = mapCostResource(resourceId, groups);
    if (expected === undefined) expect(target).toBeNull();
    else expect(target).toEqual({ subscriptionId: `/subscriptions/${sub}`, clusterId, poolId: expected });
  });
});

describe("readCostRows", () => {
  it("reads rows by column name and reports misfits", () => {
    const columns = [{ name: "Cost" }, { name: "ResourceId" }, { name: "UsageDate" }, { name: "Currency" }];
    const result = readCostRows(columns, [
      [1.5, "/SUBSCRIPTIONS/X/resourcegroups/y/providers/a/b/c", 20260115, "USD"],
      ["1.5", "/x", 20260115, "USD"],
      [1, "/x", "soon", "USD"],
    ]);
    expect(result.rows).toEqual([{ amount: 1.5, resourceId: "/subscriptions/x/resourcegroups/y/providers/a/b/c", day: "2026-01-15", currency: "USD" }]);
    expect(result.malformed.map((entry) => entry.reason)).toEqual(["the cost is not a number", "the usage date is not a date"]);
  });
  it("reports an answer without the columns it needs", () => {
    expect(readCostRows([{ name: "PreTaxCost" }, { name: "ResourceType" }], [[1, "x"]]).malformed[0].reason).toMatch(/no ResourceId, UsageDate column/);
  });
  it.each([
    [20180417, "2018-04-17"],
    ["20180417", "2018-04-17"],
    ["2018-04-17T00:00:00", "2018-04-17"],
    [2018, null],
  ])("parseUsageDate(%j) = %j", (value, day) => expect(parseUsageDate(value)).toBe(day));
});

describe("aggregateCost", () => {
  it("sums per pool, remainder and day", () => {
    const { days, unmapped } = aggregateCost(
      [
        { amount: 10, resourceId: rid("Microsoft.Compute/virtualMachineScaleSets", "aks-system-12345678-vmss").toLowerCase(), day: "2026-01-01", currency: "USD" },
        { amount: 1, resourceId: rid("Microsoft.Compute/disks", "aks-system-12345678-vmss_0_x").toLowerCase(), day: "2026-01-01", currency: "USD" },
        { amount: 2, resourceId: rid("Microsoft.Network/publicIPAddresses", "ip").toLowerCase(), day: "2026-01-01", currency: "USD" },
        { amount: 3, resourceId: rid("Microsoft.Network/publicIPAddresses", "ip").toLowerCase(), day: "2026-01-02", currency: "USD" },
        { amount: 5, resourceId: "/subscriptions/x/resourcegroups/y/providers/a/b/c", day: "2026-01-02", currency: "USD" },
      ],
      groups,
      "ActualCost",
    );
    expect(unmapped).toBe(1);
    expect(days.map((day) => [day.scopeId === clusterId ? "remainder" : day.poolId, day.day, day.amount])).toEqual([
      [poolId("system"), "2026-01-01", 11],
      ["remainder", "2026-01-01", 2],
      ["remainder", "2026-01-02", 3],
    ]);
  });
});
