import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateEstate, parseSize, type GenerateOptions } from "./generate";

const startMs = Date.parse("2026-11-18T14:00:00Z");
const fingerprint = (seed: number, size: GenerateOptions["size"] = "demo") =>
  createHash("sha256").update(JSON.stringify(generateEstate({ seed, size, startMs }))).digest("hex");

describe("generateEstate", () => {
  it("gives byte-identical estates for the same seed, and different ones for another seed", () => {
    expect(fingerprint(1)).toBe(fingerprint(1));
    expect(fingerprint(2)).not.toBe(fingerprint(1));
    expect(fingerprint(7, "medium")).toBe(fingerprint(7, "medium"));
    expect(fingerprint(8, "medium")).not.toBe(fingerprint(7, "medium"));
  });

  it("builds the demo estate: 3 subscriptions, 9 clusters, 31 pools with their patterns", () => {
    const e = generateEstate({ seed: 1, startMs });
    expect(e.subscriptions.map((s) => s.arm.displayName)).toEqual(["contoso-prod", "contoso-nonprod", "contoso-data-ml"]);
    expect(e.clusters.length).toBe(9);
    expect(e.pools.length).toBe(31);
    const pool = (cluster: string, name: string) => e.pools.find((p) => p.clusterId.endsWith(`/${cluster}`) && p.name === name)!;
    expect(pool("aks-shop-prod-weu", "system").arm.properties.nodeTaints).toEqual(["CriticalAddonsOnly=true:NoSchedule"]);
    expect(pool("aks-shop-prod-weu", "batch").arm.properties).toMatchObject({ scaleSetPriority: "Spot", scaleSetEvictionPolicy: "Delete", spotMaxPrice: -1 });
    expect(pool("aks-shop-prod-weu", "winapp").arm.properties.osType).toBe("Windows");
    expect(pool("aks-ml-train-eus", "gpu").arm.properties.vmSize).toBe("Standard_NC24ads_A100_v4");
    expect(pool("aks-shop-dev-weu", "perf").arm.properties).toMatchObject({ count: 0, powerState: { code: "Stopped" } });
    expect(pool("aks-shop-dev-weu", "apiv2").arm.properties).toMatchObject({ provisioningState: "Upgrading", orchestratorVersion: "1.32.9", currentOrchestratorVersion: "1.31.13" });
    const vms = pool("aks-shop-stage-weu", "api").arm.properties;
    expect(vms.type).toBe("VirtualMachines");
    expect(vms.vmSize).toBeUndefined();
    expect(vms.count).toBeUndefined();
  });

  it("names scale sets, nodes and node resource groups the way AKS does, and tags scale sets with the pool", () => {
    const e = generateEstate({ seed: 1, startMs });
    const cluster = e.clusters.find((c) => c.name === "aks-shop-prod-weu")!;
    expect(cluster.nodeResourceGroup).toBe("MC_rg-shop-prod-weu_aks-shop-prod-weu_westeurope");
    const api = e.pools.find((p) => p.clusterId === cluster.id && p.name === "api")!;
    expect(api.scaleSetName).toMatch(/^aks-api-\d{8}-vmss$/);
    expect(api.scaleSetId).toBe(`/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.nodeResourceGroup}/providers/Microsoft.Compute/virtualMachineScaleSets/${api.scaleSetName}`);
    expect(api.nodes[0].name).toMatch(/^aks-api-\d{8}-vmss[0-9a-z]{6}$/);
    expect(api.scaleSetTags).toMatchObject({ "aks-managed-poolName": "api", owner: "team-storefront", "cost-center": "CC-1042" });
  });

  it("makes the sized estates it is asked for", () => {
    const medium = generateEstate({ seed: 1, size: "medium", startMs });
    expect([medium.subscriptions.length, medium.clusters.length, medium.pools.length]).toEqual([20, 100, 600]);
    const custom = generateEstate({ seed: 3, size: parseSize("2x5x12x60"), startMs });
    expect([custom.subscriptions.length, custom.clusters.length, custom.pools.length]).toEqual([2, 5, 12]);
    expect(() => parseSize("huge")).toThrow(/--size/);
  });

  it("generates the large estate in seconds with about 60,000 nodes", () => {
    const started = performance.now();
    const large = generateEstate({ seed: 1, size: "large", startMs });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect([large.subscriptions.length, large.clusters.length, large.pools.length]).toEqual([200, 1000, 6000]);
    const nodes = large.pools.reduce((n, p) => n + p.nodes.length, 0);
    expect(nodes).toBeGreaterThan(50_000);
    expect(nodes).toBeLessThan(75_000);
  });
});
