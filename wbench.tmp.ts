import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openStore } from "@/lib/store/open-store";
import { writeSnapshot } from "@/lib/collect/write-snapshot";
import { fixturePool, fixtureSnapshot, clusterIdOf } from "@/lib/collect/testing/snapshot-fixture";

const clusters: Record<string, ReturnType<typeof fixturePool>[]> = {};
for (let c = 0; c < 1000; c++) clusters[`c${c}`] = Array.from({ length: 6 }, (_, p) => fixturePool(`c${c}`, `p${p}`, { nodeLabels: { team: `t${c % 12}` }, tags: { env: "prod", owner: `o${c}` }, upgradeSettings: { maxSurge: "10%" }, availabilityZones: ["1", "2", "3"], nodeTaints: ["a=b:NoSchedule"], orchestratorVersion: "1.30.5", currentOrchestratorVersion: "1.30.5", nodeImageVersion: "AKSUbuntu-2204gen2containerd-202411.12.0", enableAutoScaling: true, minCount: 1, maxCount: 10, osDiskSizeGB: 128, osDiskType: "Ephemeral", maxPods: 110, provisioningState: "Succeeded", powerState: { code: "Running" }, type: "VirtualMachineScaleSets", mode: "User", osSKU: "Ubuntu", eTag: "x", scaleDownMode: "Delete", enableFIPS: false, enableNodePublicIP: false, enableEncryptionAtHost: false, securityProfile: { enableSecureBoot: false, enableVTPM: false } }));
const snap = fixtureSnapshot(clusters);
const base = snap.nodes;
snap.nodes = [];
for (const n of base) for (let i = 0; i < 10; i++) snap.nodes.push({ ...n, name: `${n.name}-${i}` });
snap.pendingPods = Array.from({ length: 35000 }, (_, i) => ({ clusterId: clusterIdOf(`c${i % 1000}`), namespace: "ns", name: `pod-${i}`, ownerKind: "ReplicaSet", ownerName: "rs", cpuMillis: 500, memoryBytes: 1e9, gpus: 0, nodeSelector: { agentpool: "p1" }, affinity: null, tolerations: [{ key: "a", operator: "Exists" }], schedulerMessage: "0/6 nodes are available: 6 Insufficient cpu.", since: new Date(), targetPoolId: null }));
const days = Array.from({ length: 3 }, (_, d) => `2026-01-0${d + 1}`);
snap.costs = snap.pools.flatMap((p) => days.map((day) => ({ day, subscriptionId: snap.subscriptions[0].id, clusterId: p.clusterId, poolId: p.id, scopeId: p.id, costType: "ActualCost", currency: "USD", amount: 3, source: "cost-management" as const })));
console.log("pools", snap.pools.length, "nodes", snap.nodes.length, "pending", snap.pendingPods.length, "costs", snap.costs.length);
const store = await openStore(process.env.DB ? { databaseUrl: process.env.DB } : { dataDir: mkdtempSync(path.join(tmpdir(), "wb-")) });
for (let run = 0; run < 2; run++) {
  const t = Date.now();
  const r = await writeSnapshot(store.db, snap, { takenAt: new Date(Date.now() + run * 1000) });
  console.log("run", run, "ms", Date.now() - t, r.stepMs, "rss MiB", Math.round(process.memoryUsage.rss() / 2 ** 20));
}
await store.close();
