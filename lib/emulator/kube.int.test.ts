import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { startEmulator, type Emulator } from "./index";
import { clientsFor } from "./testing/clients";

let emulator: Emulator;
// A Wednesday afternoon in Europe: storefront busy, ingestion bursting.
const startTime = new Date("2026-11-18T14:00:00Z");

beforeAll(async () => {
  emulator = await startEmulator({ seed: 1, startTime, throttling: false });
});
afterAll(() => emulator?.stop());

async function kubeFor(displayName: string, resourceGroup: string, cluster: string): Promise<CoreV1Api> {
  const sub = emulator.estate.subscriptions.find((s) => s.arm.displayName === displayName)!;
  const creds = await clientsFor(emulator, sub.id).aks.managedClusters.listClusterUserCredentials(resourceGroup, cluster);
  const kc = new KubeConfig();
  kc.loadFromString(Buffer.from(creds.kubeconfigs![0].value!).toString("utf8"));
  return kc.makeApiClient(CoreV1Api);
}

describe("Kubernetes API per cluster, through @kubernetes/client-node", () => {
  it("lists nodes with AKS labels, taints and allocatable below capacity", async () => {
    const api = await kubeFor("contoso-prod", "rg-shop-prod-weu", "aks-shop-prod-weu");
    const nodes = await api.listNode();
    const pool = emulator.estate.pools.filter((p) => p.clusterId.endsWith("/aks-shop-prod-weu"));
    expect(nodes.items.length).toBe(pool.reduce((n, p) => n + p.nodes.length, 0));
    const system = nodes.items.find((n) => n.metadata?.labels?.agentpool === "system")!;
    expect(system.metadata?.name).toMatch(/^aks-system-\d{8}-vmss[0-9a-z]{6}$/);
    expect(system.metadata?.labels).toMatchObject({
      "kubernetes.azure.com/agentpool": "system",
      "kubernetes.azure.com/mode": "system",
      "node.kubernetes.io/instance-type": "Standard_D4s_v5",
      "kubernetes.io/os": "linux",
    });
    expect(system.metadata?.labels?.["topology.kubernetes.io/zone"]).toMatch(/^westeurope-[123]$/);
    expect(system.spec?.taints).toContainEqual({ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" });
    expect(system.status?.capacity?.cpu).toBe("4");
    expect(system.status?.allocatable?.cpu).toBe("3860m");
    expect(system.status?.nodeInfo?.kubeletVersion).toBe("v1.33.5");
    const spot = nodes.items.filter((n) => n.metadata?.labels?.agentpool === "batch");
    for (const n of spot) {
      expect(n.metadata?.labels?.["kubernetes.azure.com/scalesetpriority"]).toBe("spot");
      expect(n.spec?.taints).toContainEqual({ key: "kubernetes.azure.com/scalesetpriority", value: "spot", effect: "NoSchedule" });
    }
    const win = nodes.items.find((n) => n.metadata?.labels?.agentpool === "winapp")!;
    expect(win.metadata?.name).toMatch(/^akswinapp[0-9a-z]{6}$/);
    expect(win.status?.nodeInfo?.operatingSystem).toBe("windows");
  });

  it("filters pods by fieldSelector and labelSelector as the client sends them, and pages with limit/continue", async () => {
    const api = await kubeFor("contoso-prod", "rg-shop-prod-weu", "aks-shop-prod-weu");
    const all = await api.listPodForAllNamespaces();
    const nodeName = all.items.find((p) => p.spec?.nodeName)!.spec!.nodeName!;
    const onNode = await api.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${nodeName}` });
    expect(onNode.items.length).toBeGreaterThan(0);
    expect(onNode.items.every((p) => p.spec?.nodeName === nodeName)).toBe(true);
    const proxies = await api.listPodForAllNamespaces({ labelSelector: "app in (kube-proxy)" });
    expect(proxies.items.length).toBe((await api.listNode()).items.filter((n) => n.status?.nodeInfo?.operatingSystem === "linux").length);

    const pages: number[] = [];
    let token: string | undefined;
    const names = new Set<string>();
    do {
      const page = await api.listPodForAllNamespaces({ limit: 25, _continue: token });
      pages.push(page.items.length);
      page.items.forEach((p) => names.add(`${p.metadata?.namespace}/${p.metadata?.name}`));
      token = page.metadata?._continue || undefined;
    } while (token);
    expect(pages.length).toBeGreaterThan(1);
    expect(names.size).toBe(all.items.length);
  });

  it("shows pods no pool can take, with scheduler and autoscaler events", async () => {
    const api = await kubeFor("contoso-data-ml", "rg-ml-platform", "aks-ml-train-eus");
    const pending = await api.listPodForAllNamespaces({ fieldSelector: "status.phase=Pending" });
    const names = pending.items.map((p) => p.metadata?.name ?? "");
    expect(names.some((n) => n.startsWith("llm-finetune-xl-"))).toBe(true);
    expect(names.filter((n) => n.startsWith("h100-bench-")).length).toBe(2);
    // The A100 pool wants 4 nodes but quota holds it at 2: two trainers wait.
    expect(pending.items.filter((p) => p.metadata?.namespace === "training").length).toBe(2);
    const big = pending.items.find((p) => p.metadata?.name?.startsWith("llm-finetune-xl-"))!;
    expect(big.spec?.containers[0].resources?.requests?.cpu).toBe("200");
    expect(big.status?.conditions?.[0]).toMatchObject({ type: "PodScheduled", status: "False", reason: "Unschedulable" });

    const events = await api.listEventForAllNamespaces({ fieldSelector: "reason=FailedScheduling" });
    const forBig = events.items.find((e) => e.involvedObject.name === big.metadata?.name)!;
    expect(forBig.message).toMatch(/^0\/\d+ nodes are available: .*Insufficient cpu.*\. preemption: 0\/\d+ nodes are available: .*Preemption is not helpful for scheduling\.$/);
    expect(forBig.reportingComponent).toBe("default-scheduler");
    const h100 = events.items.find((e) => e.involvedObject.name?.startsWith("h100-bench-"))!;
    expect(h100.message).toContain("didn't match Pod's node affinity/selector");
    const ca = await api.listEventForAllNamespaces({ fieldSelector: "reason=NotTriggerScaleUp" });
    const trainer = ca.items.find((e) => e.involvedObject.namespace === "training")!;
    expect(trainer.message).toContain("in backoff after failed scale-up");
    expect(trainer.source?.component).toBe("cluster-autoscaler");
  });

  it("serves the cluster-autoscaler status ConfigMap in its real YAML format", async () => {
    const api = await kubeFor("contoso-data-ml", "rg-ml-platform", "aks-ml-train-eus");
    const cm = await api.readNamespacedConfigMap({ name: "cluster-autoscaler-status", namespace: "kube-system" });
    const status = cm.data?.status ?? "";
    expect(status).toMatch(/^time: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{9} \+0000 UTC\nautoscalerStatus: Running\nclusterWide:\n  health:\n    status: Healthy\n/);
    expect(status).toMatch(/- name: aks-gpu-\d{8}-vmss\n  health:\n    status: Healthy\n    nodeCounts:\n      registered:\n        total: 2\n/);
    expect(status).toContain("    cloudProviderTarget: 2\n    minSize: 0\n    maxSize: 4\n");
    expect(status).toContain("    status: Backoff\n    backoffInfo:\n      errorCode: QuotaExceeded\n");
  });

  it("serves the older text status format on a 1.29 cluster", async () => {
    const api = await kubeFor("contoso-nonprod", "rg-ops-legacy", "aks-legacy-ops-neu");
    const cm = await api.readNamespacedConfigMap({ name: "cluster-autoscaler-status", namespace: "kube-system" });
    expect(cm.data?.status).toMatch(/^Cluster-autoscaler status at .* \+0000 UTC:\nCluster-wide:\n  Health:      Healthy \(ready=\d+ /);
    expect(cm.data?.status).toMatch(/NodeGroups:\n  Name:        aks-tools-\d{8}-vmss\n/);
  });

  it("shows an ingestion pool at its max with pending pods at some point of the day", async () => {
    const api = await kubeFor("contoso-prod", "rg-ingest-prod", "aks-ingest-prod-weu");
    let seen = false;
    for (let i = 0; i < 12 && !seen; i++) {
      const pending = await api.listNamespacedPod({ namespace: "ingest", fieldSelector: "status.phase=Pending" });
      if (pending.items.length > 0) {
        const events = await api.listNamespacedEvent({ namespace: "ingest", fieldSelector: "reason=NotTriggerScaleUp" });
        expect(events.items.some((e) => e.message?.includes("max node group size reached"))).toBe(true);
        seen = true;
      }
      emulator.clock.advance(20 * 60_000);
    }
    expect(seen).toBe(true);
  });

  it("rejects a wrong token and refuses connections to an unreachable cluster", async () => {
    const api = await kubeFor("contoso-prod", "rg-payments-prod", "aks-payments-prod-weu");
    await expect(api.listNode()).rejects.toThrow(/ECONNREFUSED/);
    const shop = emulator.estate.clusters.find((c) => c.name === "aks-shop-prod-weu")!;
    const res = await fetch(`${emulator.url}/k8s/${shop.key}/api/v1/nodes`, { headers: { authorization: "Bearer nope" } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
  });

  it("writes list pages as the JSON of their objects, and lets body faults alter them", async () => {
    const shop = emulator.estate.clusters.find((c) => c.name === "aks-shop-prod-weu")!;
    const get = (path: string) => fetch(`${emulator.url}/k8s/${shop.key}/api/v1/${path}`, { headers: { authorization: `Bearer ${shop.kubeToken}` } });
    for (const path of ["pods?limit=40", "pods", "nodes", "events", "namespaces"]) {
      const text = await (await get(path)).text();
      expect(JSON.stringify(JSON.parse(text))).toBe(text);
    }
    const whole = await (await get("pods?limit=40")).text();
    emulator.faults.add({ kind: "kube", path: "/pods", times: 1, effect: "malformed" });
    expect(await (await get("pods?limit=40")).text()).toBe(whole.slice(0, Math.ceil(whole.length / 2)));
    emulator.faults.add({ kind: "kube", path: "/pods", times: 1, effect: "truncate" });
    await expect(get("pods?limit=40").then((res) => res.text())).rejects.toThrow();
    emulator.faults.add({ kind: "kube", path: "/pods", times: 1, effect: { type: "omit", fields: ["labels"] } });
    const omitted = (await (await get("pods?limit=40")).json()) as { items: Array<{ metadata: { name: string; labels?: unknown } }> };
    expect(omitted.items.map((p) => p.metadata.name)).toEqual((JSON.parse(whole) as typeof omitted).items.map((p) => p.metadata.name));
    expect(omitted.items.every((p) => p.metadata.labels === undefined)).toBe(true);
  });
});
