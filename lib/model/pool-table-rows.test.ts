import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { poolCell } from "@/components/pools/pool-cell";
import { poolColumnKeys, type PoolRow } from "./pool-columns";
import { showPoolRows } from "./pool-table-rows";

const row: PoolRow = {
  id: "/subscriptions/s1/resourcegroups/rg-a/providers/microsoft.containerservice/managedclusters/aks-a/agentpools/spot1",
  armId: "/subscriptions/s1/resourceGroups/rg-a/providers/Microsoft.ContainerService/managedClusters/aks-a/agentPools/spot1",
  subscription: "payments-prod",
  subscriptionId: "s1",
  clusterId: "/subscriptions/s1/resourcegroups/rg-a/providers/microsoft.containerservice/managedclusters/aks-a",
  cluster: "aks-a",
  resourceGroup: "rg-a",
  location: "westeurope",
  name: "spot1",
  mode: "User",
  os: "Linux",
  osSku: "Ubuntu",
  vmSize: "Standard_D4ds_v5",
  family: "Ddsv5",
  type: "VirtualMachineScaleSets",
  count: 5,
  ready: 4,
  notReady: 1,
  autoscaling: true,
  min: 1,
  max: 9,
  priority: "Spot",
  eviction: "Delete",
  spotMaxPrice: -1,
  zones: ["1", "2"],
  k8s: "1.33.1",
  currentK8s: "1.33.1",
  nodeImage: "AKSUbuntu-2204gen2containerd-202511.07.0",
  labels: { team: "payments", tier: "web" },
  taints: ["kubernetes.azure.com/scalesetpriority=spot:NoSchedule"],
  power: "Running",
  provisioning: "Succeeded",
  maxPods: 110,
  osDiskType: "Ephemeral",
  osDiskSizeGb: 128,
  cpuMillis: 19_300,
  memoryBytes: 64 * 1024 ** 3,
  pods: 40,
  pending: 2,
  measured: true,
};

const cell = (shown: PoolRow, column: (typeof poolColumnKeys)[number]) => {
  const { className, content } = poolCell(shown, column, 7);
  return renderToStaticMarkup(createElement("td", { className }, content));
};

describe("showPoolRows", () => {
  test.each(poolColumnKeys)("a row cut down to the %s column draws that cell as the whole row does", (column) => {
    const [shown] = showPoolRows([row], [column]);
    expect(cell(shown as PoolRow, column)).toBe(cell(row, column));
  });

  test("keeps the id and the group, and only the fields of the shown columns", () => {
    const group = { key: "aks-a", label: "aks-a", pools: 1, nodes: 5 };
    const [shown] = showPoolRows([{ ...row, group }], ["name", "ready"]);
    expect(shown).toEqual({ id: row.id, name: "spot1", ready: 4, count: 5, measured: true, group });
  });

  test("a cluster grouping brings the subscription and resource group its header rows name", () => {
    const [shown] = showPoolRows([row], ["name"], "cluster");
    expect(shown).toEqual({ id: row.id, name: "spot1", subscription: "payments-prod", resourceGroup: "rg-a" });
  });
});
