import { describe, expect, it } from "vitest";
import type { PodWire } from "./kube-objects";
import { describePoolPlacement, findTargetPool, parseTaint, summarisePendingPod } from "./pending-pod";

const base = { mode: "User", osType: "Linux", osSku: "Ubuntu", vmSize: "Standard_D4s_v5", scaleSetPriority: null, nodeLabels: {}, nodeTaints: [], availabilityZones: [], location: "eastus" };
const placements = [
  describePoolPlacement({ ...base, poolId: "system", name: "system", mode: "System", nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"] }),
  describePoolPlacement({ ...base, poolId: "user", name: "user", availabilityZones: ["1", "2"] }),
  describePoolPlacement({ ...base, poolId: "gpu", name: "gpu", vmSize: "Standard_NC6s_v3", nodeLabels: { accelerator: "nvidia" }, nodeTaints: ["sku=gpu:NoSchedule"] }),
  describePoolPlacement({ ...base, poolId: "spot", name: "spot", scaleSetPriority: "Spot", nodeLabels: { workload: "batch" } }),
  describePoolPlacement({ ...base, poolId: "win", name: "win", osType: "Windows", osSku: "Windows2022" }),
];

type Selectors = Parameters<typeof findTargetPool>[0];
const linux = { "kubernetes.io/os": "linux" };

describe("findTargetPool", () => {
  it.each<[string, Selectors, string | null]>([
    ["no selector fits every untainted pool: none in particular", { nodeSelector: {}, affinity: null, tolerations: [] }, null],
    ["a pool-name selector", { nodeSelector: { agentpool: "user" }, affinity: null, tolerations: [] }, "user"],
    ["a label selector on a tainted pool without toleration", { nodeSelector: { accelerator: "nvidia" }, affinity: null, tolerations: [] }, null],
    ["a label selector with the toleration", { nodeSelector: { accelerator: "nvidia" }, affinity: null, tolerations: [{ key: "sku", operator: "Equal", value: "gpu", effect: "NoSchedule" }] }, "gpu"],
    ["spot needs the spot toleration", { nodeSelector: { workload: "batch" }, affinity: null, tolerations: [{ key: "kubernetes.azure.com/scalesetpriority", operator: "Exists" }] }, "spot"],
    ["windows by os selector", { nodeSelector: { "kubernetes.io/os": "windows" }, affinity: null, tolerations: [] }, "win"],
    [
      "required node affinity In on a zone",
      { nodeSelector: linux, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["eastus-2"] }] }] } } }, tolerations: [] },
      "user",
    ],
    [
      "required node affinity on an instance type nobody has",
      { nodeSelector: {}, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "node.kubernetes.io/instance-type", operator: "In", values: ["Standard_M128"] }] }] } } }, tolerations: [] },
      null,
    ],
    ["tolerate everything and select the system mode", { nodeSelector: { "kubernetes.azure.com/mode": "system" }, affinity: null, tolerations: [{ operator: "Exists" }] }, "system"],
  ])("%s", (_name, pod, expected) => expect(findTargetPool(pod, placements)).toBe(expected));
});

describe("parseTaint", () => {
  it.each([
    ["key=value:NoSchedule", { key: "key", value: "value", effect: "NoSchedule" }],
    ["key:NoExecute", { key: "key", value: "", effect: "NoExecute" }],
    ["nonsense", null],
  ])("%s", (text, expected) => expect(parseTaint(text)).toEqual(expected));
});

describe("summarisePendingPod", () => {
  it("keeps owner, requests, placement rules and the scheduler's words", () => {
    const pod: PodWire = {
      metadata: { name: "web-1", namespace: "shop", creationTimestamp: "2026-01-01T00:00:00Z", ownerReferences: [{ kind: "ReplicaSet", name: "web-5d8f", controller: true }] },
      spec: { containers: [{ resources: { requests: { cpu: "2", memory: "4Gi" } } }], nodeSelector: { agentpool: "user" }, tolerations: [{ key: "a", operator: "Exists" }] },
      status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/3 nodes are available", lastTransitionTime: "2026-01-01T00:01:00Z" }] },
    };
    expect(summarisePendingPod(pod, null)).toEqual({
      namespace: "shop",
      name: "web-1",
      ownerKind: "ReplicaSet",
      ownerName: "web-5d8f",
      cpuMillis: 2000,
      memoryBytes: 4 * 2 ** 30,
      gpus: 0,
      nodeSelector: { agentpool: "user" },
      affinity: null,
      tolerations: [{ key: "a", operator: "Exists" }],
      schedulerMessage: "0/3 nodes are available",
      since: new Date("2026-01-01T00:01:00Z"),
    });
    expect(summarisePendingPod(pod, "from the event").schedulerMessage).toBe("from the event");
  });
});
