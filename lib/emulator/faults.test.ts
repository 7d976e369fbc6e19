import { describe, expect, it } from "vitest";
import { createFaults } from "./faults";
import type { EmulatorRequest } from "./http";

const request = (over: Partial<EmulatorRequest> = {}): EmulatorRequest => ({
  method: "GET",
  url: new URL("https://127.0.0.1/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1/agentPools?api-version=1"),
  path: "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1/agentPools",
  headers: {},
  body: Buffer.alloc(0),
  kind: "arm",
  subscriptionId: "s1",
  clusterAliases: ["c1-abc", "c1", "/subscriptions/s1/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/c1"],
  ...over,
});

describe("fault rules", () => {
  it("match by kind, path, subscription and cluster, and retire after `times`", () => {
    const faults = createFaults();
    faults.add({ kind: "arm", path: "agentPools", subscription: "S1", cluster: "c1", times: 2, effect: { type: "error", status: 503 } });
    expect(faults.decide(request({ kind: "kube" })).effect).toBeUndefined();
    expect(faults.decide(request({ subscriptionId: "s2" })).effect).toBeUndefined();
    expect(faults.decide(request()).effect).toEqual({ type: "error", status: 503 });
    expect(faults.decide(request()).effect).toEqual({ type: "error", status: 503 });
    expect(faults.decide(request()).effect).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it("stack latency and keep the first other effect", () => {
    const faults = createFaults();
    faults.add({ effect: { type: "latency", ms: 30 } });
    faults.add({ kind: "arm", effect: { type: "latency", ms: 20 } });
    faults.add({ kind: "arm", effect: "timeout" });
    faults.add({ kind: "arm", effect: "malformed" });
    expect(faults.decide(request())).toMatchObject({ latencyMs: 50, effect: { type: "timeout" } });
    expect(faults.decide(request({ kind: "admin" })).latencyMs).toBe(0);
  });

  it("fire on a share of requests, deterministically", () => {
    const run = () => {
      const faults = createFaults(1);
      faults.add({ probability: 0.3, effect: "reset" });
      return Array.from({ length: 200 }, () => (faults.decide(request()).effect ? 1 : 0)).join("");
    };
    const fired = run().split("").filter((x) => x === "1").length;
    expect(fired).toBeGreaterThan(40);
    expect(fired).toBeLessThan(80);
    expect(run()).toBe(run());
  });

  it("refuse rules they cannot honour", () => {
    const faults = createFaults();
    expect(() => faults.add({ effect: { type: "error", status: 200 } })).toThrow(/status/);
    expect(() => faults.add({ kind: "nope" as "arm", effect: "reset" })).toThrow(/kind/);
    expect(() => faults.add({ path: "(", effect: "reset" })).toThrow(/regular expression/);
  });
});
