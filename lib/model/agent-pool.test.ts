import { describe, expect, it } from "vitest";
import { normaliseAgentPool, type AgentPoolWire, type PoolConfig } from "./agent-pool";

const id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1/agentPools/agentpool1";

// Bodies from shared/azure-contracts (AgentPoolsGet, AgentPoolsCreate_Spot, AgentPoolsCreate_TypeVirtualMachines_Autoscale).
const cases: [string, AgentPoolWire["properties"], Partial<PoolConfig>][] = [
  [
    "a plain scale-set pool",
    {
      count: 3,
      currentOrchestratorVersion: "1.9.6",
      eTag: "ebwiyfneowv",
      maxPods: 110,
      nodeImageVersion: "AKSUbuntu:1604:2020.03.11",
      orchestratorVersion: "1.9.6",
      osType: "Linux",
      provisioningState: "Succeeded",
      upgradeSettings: { maxSurge: "33%" },
      vmSize: "Standard_DS1_v2",
    },
    { count: 3, vmSize: "Standard_DS1_v2", maxPods: 110, osType: "Linux", upgradeSettings: { maxSurge: "33%" }, enableAutoScaling: false, nodeLabels: {}, nodeTaints: [] },
  ],
  [
    "a spot pool",
    {
      count: 3,
      maxPods: 110,
      nodeLabels: { key1: "val1" },
      nodeTaints: ["Key1=Value1:NoSchedule"],
      osType: "Linux",
      scaleSetEvictionPolicy: "Delete",
      scaleSetPriority: "Spot",
      spotMaxPrice: -1,
      tags: { name1: "val1" },
      vmSize: "Standard_DS1_v2",
    },
    { scaleSetPriority: "Spot", scaleSetEvictionPolicy: "Delete", spotMaxPrice: -1, nodeLabels: { key1: "val1" }, nodeTaints: ["Key1=Value1:NoSchedule"], tags: { name1: "val1" } },
  ],
  [
    "a VirtualMachines pool with autoscale (no single vmSize or count)",
    {
      type: "VirtualMachines",
      currentOrchestratorVersion: "1.29.0",
      maxPods: 110,
      orchestratorVersion: "1.29.0",
      osType: "Linux",
      virtualMachineNodesStatus: [{ count: 1, size: "Standard_D2_v2" }],
      virtualMachinesProfile: { scale: { autoscale: [{ maxCount: 5, minCount: 1, size: "Standard_D2_v2" }] } },
    },
    { type: "VirtualMachines", vmSize: "Standard_D2_v2", count: 1, enableAutoScaling: true, minCount: 1, maxCount: 5 },
  ],
  [
    "a VirtualMachines pool with manual scale over two sizes",
    {
      type: "VirtualMachines",
      virtualMachineNodesStatus: [
        { count: 1, size: "Standard_D2_v2" },
        { count: 4, size: "Standard_D4_v3" },
      ],
      virtualMachinesProfile: { scale: { manual: [{ size: "Standard_D2_v2", count: 1 }, { size: "Standard_D4_v3", count: 4 }] } },
    },
    { vmSize: "Standard_D4_v3", count: 5, enableAutoScaling: false, minCount: null, maxCount: null },
  ],
  [
    "an autoscaled system pool with zones, subnets and power state",
    {
      mode: "System",
      count: 2,
      vmSize: "Standard_D4s_v5",
      enableAutoScaling: true,
      minCount: 2,
      maxCount: 6,
      availabilityZones: ["1", "2", "3"],
      osDiskType: "Ephemeral",
      osDiskSizeGB: 128,
      osSKU: "AzureLinux",
      kubeletDiskType: "OS",
      vnetSubnetID: "/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes",
      podSubnetID: null,
      powerState: { code: "Running" },
    },
    { mode: "System", enableAutoScaling: true, minCount: 2, maxCount: 6, availabilityZones: ["1", "2", "3"], osDiskType: "Ephemeral", osDiskSizeGb: 128, osSku: "AzureLinux", kubeletDiskType: "OS", powerState: "Running", podSubnetId: null },
  ],
];

describe("normaliseAgentPool", () => {
  it.each(cases)("%s", (_name, properties, expected) => {
    const config = normaliseAgentPool({ id, name: "agentpool1", properties }, "AKSUbuntu:1604:2020.03.11");
    expect(config).toMatchObject(expected);
    expect(config.latestNodeImageVersion).toBe("AKSUbuntu:1604:2020.03.11");
  });
});
