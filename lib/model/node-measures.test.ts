import { describe, expect, it } from "vitest";
import type { NodeWire, PodWire } from "./kube-objects";
import { addPodToNodeUsage, isUnscheduledPod, measurePools, podRequests, summariseNode, type NodeUsage } from "./node-measures";

function pod(spec: Partial<PodWire["spec"]>, phase = "Running"): PodWire {
  return { metadata: { name: "p", namespace: "default" }, spec: { containers: [], ...spec }, status: { phase } };
}

describe("podRequests", () => {
  it.each<[string, Partial<PodWire["spec"]>, { cpuMillis: number; memoryBytes: number; gpus: number }]>([
    ["no requests", { containers: [{ name: "a" }] }, { cpuMillis: 0, memoryBytes: 0, gpus: 0 }],
    [
      "containers add up",
      { containers: [{ resources: { requests: { cpu: "250m", memory: "128Mi" } } }, { resources: { requests: { cpu: "1", memory: "1Gi" } } }] },
      { cpuMillis: 1250, memoryBytes: 128 * 2 ** 20 + 2 ** 30, gpus: 0 },
    ],
    [
      "a big init container wins",
      { containers: [{ resources: { requests: { cpu: "100m" } } }], initContainers: [{ resources: { requests: { cpu: "2" } } }] },
      { cpuMillis: 2000, memoryBytes: 0, gpus: 0 },
    ],
    [
      "sidecar init containers add to the containers",
      { containers: [{ resources: { requests: { cpu: "100m" } } }], initContainers: [{ restartPolicy: "Always", resources: { requests: { cpu: "50m" } } }] },
      { cpuMillis: 150, memoryBytes: 0, gpus: 0 },
    ],
    ["overhead is added", { containers: [{ resources: { requests: { cpu: "100m" } } }], overhead: { cpu: "250m" } }, { cpuMillis: 350, memoryBytes: 0, gpus: 0 }],
    ["GPUs are counted", { containers: [{ resources: { requests: { "nvidia.com/gpu": "2" } } }] }, { cpuMillis: 0, memoryBytes: 0, gpus: 2 }],
  ])("%s", (_name, spec, expected) => expect(podRequests(pod(spec))).toEqual(expected));
});

describe("summariseNode", () => {
  const node: NodeWire = {
    metadata: {
      name: "aks-system-12345678-vmss000000",
      labels: { "kubernetes.azure.com/agentpool": "system", "topology.kubernetes.io/zone": "eastus-1", "node.kubernetes.io/instance-type": "Standard_D4s_v5" },
      creationTimestamp: "2026-01-02T03:04:05Z",
    },
    spec: { unschedulable: true },
    status: {
      allocatable: { cpu: "3860m", memory: "12879448Ki", pods: "110" },
      conditions: [{ type: "Ready", status: "True" }],
      nodeInfo: { kubeletVersion: "v1.30.5", osImage: "Ubuntu 22.04.5 LTS" },
    },
  };
  it("reads pool, zone, state and allocatable", () => {
    expect(summariseNode(node)).toEqual({
      name: "aks-system-12345678-vmss000000",
      poolName: "system",
      vmSize: "Standard_D4s_v5",
      zone: "eastus-1",
      ready: true,
      cordoned: true,
      allocatableCpuMillis: 3860,
      allocatableMemoryBytes: 12_879_448 * 1024,
      allocatablePods: 110,
      kubeletVersion: "v1.30.5",
      osImage: "Ubuntu 22.04.5 LTS",
      createdAt: new Date("2026-01-02T03:04:05Z"),
    });
  });
  it("treats a node without a Ready condition as not ready", () => {
    expect(summariseNode({ metadata: { name: "n" } }).ready).toBe(false);
  });
});

describe("node usage and pool measures", () => {
  it("sums scheduled, non-terminal pods per node and nodes per pool", () => {
    const usage = new Map<string, NodeUsage>();
    addPodToNodeUsage(usage, pod({ nodeName: "a", containers: [{ resources: { requests: { cpu: "1", memory: "1Gi" } } }] }));
    addPodToNodeUsage(usage, pod({ nodeName: "a", containers: [{ resources: { requests: { cpu: "500m" } } }] }));
    addPodToNodeUsage(usage, pod({ nodeName: "a", containers: [{ resources: { requests: { cpu: "8" } } }] }, "Succeeded"));
    addPodToNodeUsage(usage, pod({ containers: [{ resources: { requests: { cpu: "8" } } }] }, "Pending"));
    expect(usage.get("a")).toEqual({ requestedCpuMillis: 1500, requestedMemoryBytes: 2 ** 30, podCount: 2 });

    const base = { vmSize: null, zone: null, cordoned: false, allocatableMemoryBytes: 0, allocatablePods: 110, kubeletVersion: null, osImage: null, createdAt: null, requestedMemoryBytes: 0 };
    const pools = measurePools([
      { ...base, name: "a", poolName: "user", ready: true, allocatableCpuMillis: 4000, requestedCpuMillis: 1500, podCount: 2 },
      { ...base, name: "b", poolName: "user", ready: false, allocatableCpuMillis: 4000, requestedCpuMillis: 0, podCount: 0 },
      { ...base, name: "c", poolName: null, ready: true, allocatableCpuMillis: 4000, requestedCpuMillis: 0, podCount: 0 },
    ]);
    expect([...pools.keys()]).toEqual(["user"]);
    expect(pools.get("user")).toMatchObject({ nodesReady: 1, nodesNotReady: 1, allocatableCpuMillis: 8000, requestedCpuMillis: 1500, runningPods: 2, allocatablePods: 220 });
  });

  it.each([
    ["Pending", undefined, true],
    ["Pending", "node-1", false],
    ["Running", "node-1", false],
    ["Failed", undefined, false],
  ])("a %s pod on node %s is unscheduled: %s", (phase, nodeName, expected) => {
    expect(isUnscheduledPod(pod({ nodeName }, phase))).toBe(expected);
  });
});
