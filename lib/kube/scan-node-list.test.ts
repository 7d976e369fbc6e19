import { describe, expect, it } from "vitest";
import { generateEstate } from "@/lib/emulator/estate/generate";
import { createKubeState } from "@/lib/emulator/kube/snapshot";
import { createClock } from "@/lib/emulator/sim/clock";
import { createSimulation } from "@/lib/emulator/sim/simulation";
import type { NodeWire } from "@/lib/model/kube-objects";
import { summariseNode } from "@/lib/model/node-measures";
import { JsonSyntaxError } from "./json-scan";
import { CheckedNode, scanNodeList } from "./scan-node-list";
import { nodeSchema } from "./schemas";
import { expectSameOnDamagedPages } from "./testing/damaged-pages";

/** What readNodes makes of an item: the node's summary, or nodeSchema's first complaint. */
function judge(item: unknown) {
  if (item instanceof CheckedNode) return summariseNode(item.node);
  const parsed = nodeSchema.safeParse(item);
  return parsed.success ? summariseNode(parsed.data as NodeWire) : parsed.error.issues[0];
}

function expectSameReading(body: string) {
  const parsed = JSON.parse(body) as { items: unknown[]; metadata?: { continue?: string } };
  const page = scanNodeList(Buffer.from(body))!;
  expect(page.continue).toEqual(parsed.metadata?.continue);
  expect(page.items.map(judge)).toEqual(parsed.items.map(judge));
  return page;
}

type Json = Record<string, unknown>;
const node = (patch: Json = {}, status: Json = {}): Json => ({
  metadata: { name: "aks-a-1", labels: { agentpool: "a", "topology.kubernetes.io/zone": "westeurope-1", other: "x" }, creationTimestamp: "2026-11-01T00:00:00Z", annotations: { a: "b" } },
  spec: { providerID: "azure:///x", unschedulable: true, taints: [{ key: "k", effect: "NoSchedule" }] },
  status: { allocatable: { cpu: "3860m", memory: "12Gi", pods: "110", "ephemeral-storage": "100Gi" }, conditions: [{ type: "MemoryPressure", status: "False" }, { type: "Ready", status: "True", reason: "KubeletReady" }], nodeInfo: { kubeletVersion: "v1.30.5", osImage: "Ubuntu" }, images: [{ names: ["a"], sizeBytes: 1 }], ...status },
  ...patch,
});
const listOf = (items: unknown[]) => JSON.stringify({ kind: "NodeList", metadata: { resourceVersion: "1" }, items });

describe("scanNodeList", () => {
  it("reads the emulator's nodes to the same summaries, without a second check", () => {
    const clock = createClock({ startTime: new Date("2026-11-18T14:00:00Z"), speed: 60, realNow: () => 1_800_000_000_000 });
    const estate = generateEstate({ seed: 5, size: "demo", startMs: clock.startMs });
    const kube = createKubeState(createSimulation(estate, clock));
    let checked = 0;
    for (const cluster of estate.clusters) {
      const page = expectSameReading(`{"kind":"NodeList","metadata":{"continue":"c"},"items":[${kube.snapshot(cluster).nodes.map((item) => item.json()).join(",")}]}`);
      checked += page.items.filter((item) => item instanceof CheckedNode).length;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it.each([
    ["a well-formed node", node(), true],
    ["no spec or status", node({ spec: null, status: undefined }), true],
    ["a cordon that is not a boolean", node({ spec: { unschedulable: "yes" } }), false],
    ["a label that is not text", node({ metadata: { name: "n", labels: { agentpool: 1 } } }), false],
    ["an ignored label that is not text", node({ metadata: { name: "n", labels: { x: null } } }), false],
    ["a condition without a status", node({}, { conditions: [{ type: "Ready" }] }), false],
    ["no name", node({ metadata: { labels: {} } }), false],
    ["allocatable as numbers", node({}, { allocatable: { cpu: 4 } }), false],
    ["a node that is not an object", 7, false],
  ])("reads %s as nodeSchema does", (_, item, fast) => {
    const page = expectSameReading(listOf([item]));
    expect(page.items[0] instanceof CheckedNode).toBe(fast);
  });

  it("refuses a body that is not JSON", () => {
    expect(() => scanNodeList(Buffer.from(listOf([node()]).slice(0, -3)))).toThrow(JsonSyntaxError);
  });

  it("agrees with JSON.parse and nodeSchema on a thousand damaged pages", () => {
    expect(expectSameOnDamagedPages(listOf([node(), node({ spec: { unschedulable: false } }, { nodeInfo: null })]), 1000, scanNodeList, judge)).toBeGreaterThan(100);
  });
});
