import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "./index";
import { clientsFor, collect } from "./testing/clients";
import { lostProperties } from "./testing/survives";

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 1, pageSize: 2, throttling: false });
});
afterAll(() => emulator?.stop());

const sub = (name: string) => emulator.estate.subscriptions.find((s) => s.arm.displayName === name)!;

describe("ARM through the real SDK clients", () => {
  it("lists subscriptions, following nextLink pages back to the emulator", async () => {
    const { subscriptions } = clientsFor(emulator, sub("contoso-prod").id);
    const subs = await collect(subscriptions.subscriptions.list());
    expect(subs.map((s) => s.displayName).sort()).toEqual(["contoso-data-ml", "contoso-nonprod", "contoso-prod"]);
    expect(subs[0].tenantId).toBe(emulator.tenantId);
    expect(subs[0].state).toBe("Enabled");
    expect(emulator.stats().requests.arm).toBeGreaterThanOrEqual(2); // 3 subscriptions, pages of 2
  });

  it("lists and gets managed clusters with their agent pool profiles", async () => {
    const { aks } = clientsFor(emulator, sub("contoso-prod").id);
    const clusters = await collect(aks.managedClusters.list());
    expect(clusters.map((c) => c.name).sort()).toEqual(["aks-ingest-prod-weu", "aks-payments-prod-weu", "aks-shop-prod-eus", "aks-shop-prod-weu"]);
    const shop = await aks.managedClusters.get("rg-shop-prod-weu", "aks-shop-prod-weu");
    expect(shop.nodeResourceGroup).toBe("MC_rg-shop-prod-weu_aks-shop-prod-weu_westeurope");
    expect(shop.agentPoolProfiles?.map((p) => p.name)).toEqual(["system", "api", "web", "batch", "winapp"]);
    expect(shop.kubernetesVersion).toBe("1.33.5");
  });

  it("serves every pattern through agentPools list and get", async () => {
    const prod = clientsFor(emulator, sub("contoso-prod").id).aks;
    const pools = await collect(prod.agentPools.list("rg-shop-prod-weu", "aks-shop-prod-weu"));
    const system = pools.find((p) => p.name === "system")!;
    expect(system.mode).toBe("System");
    expect(system.nodeTaints).toContain("CriticalAddonsOnly=true:NoSchedule");
    const batch = pools.find((p) => p.name === "batch")!;
    expect(batch.scaleSetPriority).toBe("Spot");
    expect(batch.scaleSetEvictionPolicy).toBe("Delete");
    expect(batch.spotMaxPrice).toBe(-1);
    expect(batch.nodeTaints).toContain("kubernetes.azure.com/scalesetpriority=spot:NoSchedule");
    expect(batch.nodeLabels?.["kubernetes.azure.com/scalesetpriority"]).toBe("spot");
    expect(batch.enableAutoScaling).toBe(true);
    const win = await prod.agentPools.get("rg-shop-prod-weu", "aks-shop-prod-weu", "winapp");
    expect(win.osType).toBe("Windows");
    expect(win.osSKU).toBe("Windows2022");

    const nonprod = clientsFor(emulator, sub("contoso-nonprod").id).aks;
    const perf = await nonprod.agentPools.get("rg-shop-dev", "aks-shop-dev-weu", "perf");
    expect(perf.powerState?.code).toBe("Stopped");
    expect(perf.count).toBe(0);
    const upgrading = await nonprod.agentPools.get("rg-shop-dev", "aks-shop-dev-weu", "apiv2");
    expect(upgrading.provisioningState).toBe("Upgrading");
    expect(upgrading.currentOrchestratorVersion).not.toBe(upgrading.orchestratorVersion);
    const vms = await nonprod.agentPools.get("rg-shop-stage", "aks-shop-stage-weu", "api");
    // The SDK flattens properties, so the pool type arrives as typePropertiesType (type is the resource type).
    expect(vms.typePropertiesType).toBe("VirtualMachines");
    expect(vms.vmSize).toBeUndefined();
    expect(vms.count).toBeUndefined();
    expect(vms.virtualMachinesProfile?.scale?.manual).toEqual([{ size: "Standard_D4s_v5", count: 2 }, { size: "Standard_D8s_v5", count: 1 }]);
    expect(vms.virtualMachineNodesStatus?.reduce((n, s) => n + (s.count ?? 0), 0)).toBe(3);

    const ml = clientsFor(emulator, sub("contoso-data-ml").id).aks;
    const gpu = await ml.agentPools.get("rg-ml-platform", "aks-ml-train-eus", "gpu");
    expect(gpu.vmSize).toBe("Standard_NC24ads_A100_v4");
    expect(gpu.nodeTaints).toContain("nvidia.com/gpu=present:NoSchedule");
    // Quota (48 vCPUs of NCADS_A100_v4) holds the pool at 2 of the 4 nodes its jobs want.
    expect(gpu.count).toBe(2);
  });

  it("serves upgrade profiles, machines and the user kubeconfig", async () => {
    const nonprod = clientsFor(emulator, sub("contoso-nonprod").id).aks;
    const profile = await nonprod.agentPools.getUpgradeProfile("rg-shop-dev", "aks-shop-dev-weu", "dev");
    expect(profile.kubernetesVersion).toBe("1.30.14");
    expect(profile.upgrades?.map((u) => u.kubernetesVersion)).toEqual(["1.31.13", "1.32.9"]);
    expect(profile.latestNodeImageVersion).toMatch(/^AKSUbuntu-2204gen2containerd-/);

    const prod = clientsFor(emulator, sub("contoso-prod").id).aks;
    const machines = await collect(prod.machines.list("rg-shop-prod-weu", "aks-shop-prod-weu", "system"));
    expect(machines.length).toBe(emulator.estate.pools.find((p) => p.id.endsWith("aks-shop-prod-weu/agentPools/system"))!.nodes.length);
    expect(machines[0].name).toMatch(/^aks-system-\d{8}-vmss[0-9a-z]{6}$/);
    expect(machines[0].properties?.resourceId).toMatch(/\/resourceGroups\/MC_rg-shop-prod-weu_aks-shop-prod-weu_westeurope\/providers\/Microsoft.Compute\/virtualMachineScaleSets\/aks-system-\d{8}-vmss\/virtualMachines\/\d+$/);
    const one = await prod.machines.get("rg-shop-prod-weu", "aks-shop-prod-weu", "system", machines[0].name!);
    expect(one.properties?.network?.ipAddresses?.[0].family).toBe("IPv4");

    const creds = await prod.managedClusters.listClusterUserCredentials("rg-shop-prod-weu", "aks-shop-prod-weu");
    const kubeconfig = Buffer.from(creds.kubeconfigs![0].value!).toString("utf8");
    expect(kubeconfig).toContain(`server: ${emulator.url}/k8s/`);
    const payments = await prod.managedClusters.listClusterUserCredentials("rg-payments-prod", "aks-payments-prod-weu");
    expect(Buffer.from(payments.kubeconfigs![0].value!).toString("utf8")).toContain("server: https://127.0.0.1:1\n");
  });

  it("reports vCPU quota and usage per family through compute usages", async () => {
    const { compute } = clientsFor(emulator, sub("contoso-data-ml").id);
    const usages = await collect(compute.usage.list("eastus"));
    const a100 = usages.find((u) => u.name.value === "standardNCADSA100v4Family")!;
    expect(a100.limit).toBe(48);
    expect(a100.currentValue).toBe(48);
    expect(usages.find((u) => u.name.value === "cores")!.currentValue).toBeGreaterThan(48);
  });

  it("answers unknown resources with ARM error bodies", async () => {
    const { aks } = clientsFor(emulator, sub("contoso-prod").id);
    await expect(aks.managedClusters.get("rg-shop-prod-weu", "nope")).rejects.toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
    await expect(aks.managedClusters.get("rg-missing", "nope")).rejects.toMatchObject({ statusCode: 404, code: "ResourceGroupNotFound" });
  });

  it("shows pool changes made through the in-process API", async () => {
    const { aks } = clientsFor(emulator, sub("contoso-prod").id);
    const pool = emulator.estate.pools.find((p) => p.id.endsWith("aks-shop-prod-eus/agentPools/cache"))!;
    emulator.changePool(pool.id, { nodeLabels: { tier: "gold" }, count: 4 });
    const after = await aks.agentPools.get("rg-shop-prod-eus", "aks-shop-prod-eus", "cache");
    expect(after.nodeLabels).toEqual({ tier: "gold" });
    expect(after.count).toBe(4);
    expect((await collect(aks.machines.list("rg-shop-prod-eus", "aks-shop-prod-eus", "cache"))).length).toBe(4);
  });
});

describe("generated bodies use only properties the SDK knows", () => {
  it("keeps every generated agent pool and cluster property through the SDK", async () => {
    const lost: string[] = [];
    for (const s of emulator.estate.subscriptions) {
      const { aks } = clientsFor(emulator, s.id);
      for (const cluster of emulator.estate.clusters.filter((c) => c.subscriptionId === s.id)) {
        const model = await aks.managedClusters.get(cluster.resourceGroup, cluster.name);
        const wire = await (await fetch(`${emulator.url}${cluster.id}?api-version=2026-06-01`, { headers: { authorization: `Bearer ${(await clientsFor(emulator, s.id).credential.getToken("https://management.azure.com/.default"))!.token}` } })).json();
        lost.push(...lostProperties(wire, model).map((l) => `${cluster.name}: ${l}`));
        for (const pool of await collect(aks.agentPools.list(cluster.resourceGroup, cluster.name))) {
          const wirePool = emulator.estate.pools.find((p) => p.id === pool.id)!.arm;
          lost.push(...lostProperties(wirePool, pool).map((l) => `${cluster.name}/${pool.name}: ${l}`));
        }
      }
    }
    expect(lost).toEqual([]);
  });
});
