/**
 * Specs for an estate of any size (medium, large, custom): clusters spread over subscriptions and regions,
 * a system pool per cluster and user pools drawn from the same operating patterns as the demo, sized so the
 * fleet has about the requested number of nodes.
 */
import type { ClusterSpec, PoolSpec, SubscriptionSpec } from "./spec";
import type { EstateSize } from "./types";
import { createRng, type Rng } from "./random";
import { KUBERNETES_VERSIONS } from "./versions";

const GiB = 1024 ** 3;
const teams = ["storefront", "payments", "search", "identity", "ingest", "data", "ml", "mobile", "partner", "billing", "media", "logistics"];
const envs = ["prod", "prod", "staging", "dev"];
const regions = ["westeurope", "northeurope", "eastus", "eastus2", "westus2", "uksouth", "swedencentral", "southeastasia"];
const regionShort: Record<string, string> = { westeurope: "weu", northeurope: "neu", eastus: "eus", eastus2: "eus2", westus2: "wus2", uksouth: "uks", swedencentral: "sec", southeastasia: "sea" };

type Archetype = { weight: number; make: (rng: Rng, avgNodes: number, index: number) => PoolSpec };

const scaled = (avg: number, factor: number, floor = 1) => Math.max(floor, Math.round(avg * factor));

const archetypes: Archetype[] = [
  {
    weight: 30,
    make: (rng, avg, i) => {
      const max = scaled(avg, 1.8, 3);
      return { name: `api${i}`, mode: "User", vmSize: rng.pick(["Standard_D8s_v5", "Standard_D8as_v5", "Standard_D4s_v5"]), autoscale: { min: scaled(avg, 0.4), max }, workload: { pattern: "diurnal", app: `api-${i}`, podCpuMillis: 1000, podMemoryBytes: 2 * GiB, minReplicas: max, maxReplicas: max * 6 } };
    },
  },
  {
    weight: 20,
    make: (rng, avg, i) => {
      const count = scaled(avg, rng.pick([0.8, 1, 1.2]));
      return { name: `svc${i}`, mode: "User", vmSize: rng.pick(["Standard_D4s_v5", "Standard_D8s_v5", "Standard_D4ds_v5", "Standard_D8s_v3"]), count, workload: { pattern: "steady", app: `svc-${i}`, podCpuMillis: 500, podMemoryBytes: GiB, minReplicas: count * 4, maxReplicas: count * 8 } };
    },
  },
  {
    weight: 14,
    make: (rng, avg, i) => {
      const count = scaled(avg, 0.9);
      return { name: `mem${i}`, mode: "User", vmSize: rng.pick(["Standard_E8s_v5", "Standard_E16s_v5"]), count, workload: { pattern: "steady", app: `store-${i}`, podCpuMillis: 1000, podMemoryBytes: 8 * GiB, minReplicas: count * 3, maxReplicas: count * 5 } };
    },
  },
  {
    weight: 12,
    make: (rng, avg, i) => {
      const max = scaled(avg, 2.5, 4);
      return { name: `batch${i}`, mode: "User", vmSize: rng.pick(["Standard_D16as_v5", "Standard_F16s_v2"]), spot: true, autoscale: { min: 0, max }, workload: { pattern: "batch", app: `jobs-${i}`, podCpuMillis: 2000, podMemoryBytes: 4 * GiB, minReplicas: 0, maxReplicas: max * 6 } };
    },
  },
  {
    weight: 8,
    make: (rng, avg, i) => {
      const max = scaled(avg, 1.5, 3);
      return { name: `ingest${i}`, mode: "User", vmSize: "Standard_F16s_v2", autoscale: { min: scaled(avg, 0.3), max }, workload: { pattern: "bursty", app: `ingest-${i}`, podCpuMillis: 2000, podMemoryBytes: 2 * GiB, minReplicas: max, maxReplicas: max * 9 } };
    },
  },
  {
    weight: 5,
    make: (rng, avg, i) => {
      const count = scaled(avg, 0.5);
      return { name: `win${i}`.slice(0, 6), mode: "User", vmSize: "Standard_D4s_v5", os: "Windows", count, workload: { pattern: "steady", app: `win-${i}`, podCpuMillis: 1000, podMemoryBytes: 2 * GiB, minReplicas: count * 2, maxReplicas: count * 3 } };
    },
  },
  {
    weight: 3,
    make: (rng, avg, i) => ({ name: `gpu${i}`, mode: "User", vmSize: rng.pick(["Standard_NC24ads_A100_v4", "Standard_NC4as_T4_v3"]), autoscale: { min: 0, max: scaled(avg, 0.4, 2) }, taints: ["nvidia.com/gpu=present:NoSchedule"], workload: { pattern: "training", app: `train-${i}`, podCpuMillis: 2000, podMemoryBytes: 8 * GiB, podGpus: 1, minReplicas: 0, maxReplicas: scaled(avg, 0.4, 2) } }),
  },
  { weight: 2, make: (rng, avg, i) => ({ name: `idle${i}`, mode: "User", vmSize: "Standard_D8s_v5", count: 0, stopped: true, workload: { pattern: "none" } }) },
  {
    weight: 2,
    make: (rng, avg, i) => {
      const a = scaled(avg, 0.6);
      return { name: `vms${i}`, mode: "User", vmSize: "Standard_D4s_v5", virtualMachines: [{ size: "Standard_D4s_v5", count: a }, { size: "Standard_D8s_v5", count: scaled(avg, 0.3) }], workload: { pattern: "steady", app: `vms-${i}`, podCpuMillis: 500, podMemoryBytes: GiB, minReplicas: a * 3, maxReplicas: a * 5 } };
    },
  },
];
const totalWeight = archetypes.reduce((n, a) => n + a.weight, 0);

function pickArchetype(rng: Rng): Archetype {
  let r = rng.next() * totalWeight;
  for (const a of archetypes) if ((r -= a.weight) < 0) return a;
  return archetypes[0];
}

export function sizedSpecs(seed: number, size: EstateSize): SubscriptionSpec[] {
  const rng = createRng(seed, "sized");
  // System pools hold about 2.5 nodes; the user pool archetypes land at about 0.9x the average they are given.
  const userPoolCount = Math.max(1, size.pools - size.clusters);
  const avgNodes = Math.max(1, ((size.nodes - 2.5 * size.clusters) / userPoolCount) * 1.12);
  const subs: SubscriptionSpec[] = Array.from({ length: size.subscriptions }, (_, s) => ({
    displayName: `${teams[s % teams.length]}-${envs[s % envs.length]}-${String(s + 1).padStart(3, "0")}`,
    quotaId: s % 4 === 3 ? "MSDNDevTest_2014-09-01" : "EnterpriseAgreement_2014-09-01",
    reservationCoverage: s % 3 === 0 ? 0.3 : 0,
    clusters: [],
  }));
  const userPools = Math.max(0, size.pools - size.clusters);
  for (let c = 0; c < size.clusters; c++) {
    const sub = subs[c % subs.length];
    const team = teams[c % teams.length];
    const env = envs[Math.floor(c / teams.length) % envs.length];
    const location = regions[rng.int(0, regions.length - 1)];
    const version = KUBERNETES_VERSIONS[Math.min(KUBERNETES_VERSIONS.length - 1, rng.pick([2, 3, 4, 4, 4, 5, 5]))];
    const poolCount = Math.floor(userPools / size.clusters) + (c < userPools % size.clusters ? 1 : 0);
    const owner = rng.chance(0.85) ? `team-${team}` : undefined;
    const tags: Record<string, string> = { env, app: team, ...(owner ? { owner, "cost-center": `CC-${1000 + (c % 97)}` } : {}) };
    const pools: PoolSpec[] = [
      { name: "system", mode: "System", vmSize: rng.pick(["Standard_D4s_v5", "Standard_D4ds_v5", "Standard_D4as_v5"]), count: env === "prod" ? 3 : rng.pick([1, 2, 3]), taints: rng.chance(0.7) ? ["CriticalAddonsOnly=true:NoSchedule"] : undefined, tags, workload: { pattern: "system" } },
    ];
    for (let p = 0; p < poolCount; p++) {
      const spec = pickArchetype(rng).make(rng, avgNodes, p + 1);
      spec.tags = rng.chance(0.9) ? { ...tags } : undefined;
      spec.workload.namespace ??= `${team}-${spec.name}`;
      spec.workload.utcOffsetHours = location.startsWith("east") || location.startsWith("west") && location !== "westeurope" ? -5 : 1;
      if (rng.chance(0.05) && version !== KUBERNETES_VERSIONS[0]) spec.version = KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.indexOf(version as (typeof KUBERNETES_VERSIONS)[number]) - 1];
      pools.push(spec);
    }
    sub.clusters.push({
      name: `aks-${team}-${env}-${regionShort[location]}-${String(c + 1).padStart(4, "0")}`,
      resourceGroup: `rg-${team}-${env}-${String(c + 1).padStart(4, "0")}`,
      location,
      version,
      tier: env === "prod" ? "Standard" : "Free",
      tags,
      pools,
    } satisfies ClusterSpec);
  }
  return subs;
}
