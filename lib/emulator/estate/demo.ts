/**
 * The demo estate: three subscriptions, nine clusters and 31 pools modelled on how AKS fleets are really run,
 * each pool showing one pattern Poolscope must explain (see `note`).
 */
import type { SubscriptionSpec } from "./spec";

const GiB = 1024 ** 3;
const critical = "CriticalAddonsOnly=true:NoSchedule";
const prodTags = (app: string, owner: string, cc: string) => ({ env: "prod", app, owner, "cost-center": cc });

export function demoSpecs(): SubscriptionSpec[] {
  return [
    {
      displayName: "contoso-prod",
      quotaId: "EnterpriseAgreement_2014-09-01",
      tags: { env: "prod" },
      reservationCoverage: 0.35,
      clusters: [
        {
          name: "aks-shop-prod-weu",
          resourceGroup: "rg-shop-prod-weu",
          location: "westeurope",
          version: "1.33.5",
          tier: "Standard",
          tags: prodTags("storefront", "team-storefront", "CC-1042"),
          diskCount: 14,
          pools: [
            { name: "system", mode: "System", vmSize: "Standard_D4s_v5", autoscale: { min: 3, max: 5 }, taints: [critical], tags: prodTags("storefront", "team-platform", "CC-1001"), workload: { pattern: "system" }, note: "protected system pool (CriticalAddonsOnly taint)" },
            { name: "api", mode: "User", vmSize: "Standard_D8s_v5", autoscale: { min: 3, max: 15 }, labels: { workload: "api" }, tags: prodTags("storefront", "team-storefront", "CC-1042"), workload: { pattern: "diurnal", app: "storefront-api", namespace: "storefront", podCpuMillis: 1000, podMemoryBytes: 2 * GiB, minReplicas: 6, maxReplicas: 80, growthPerMonth: 0.06 }, note: "storefront API: diurnal and weekly autoscaling" },
            { name: "web", mode: "User", vmSize: "Standard_D4s_v5", autoscale: { min: 2, max: 8 }, labels: { workload: "web" }, tags: prodTags("storefront", "team-storefront", "CC-1042"), workload: { pattern: "diurnal", app: "storefront-web", namespace: "storefront", podCpuMillis: 250, podMemoryBytes: GiB / 2, minReplicas: 8, maxReplicas: 60 }, note: "storefront web front end" },
            { name: "batch", mode: "User", vmSize: "Standard_D16as_v5", autoscale: { min: 0, max: 20 }, spot: true, labels: { workload: "batch" }, tags: prodTags("storefront", "team-data", "CC-1077"), workload: { pattern: "batch", app: "order-reconcile", namespace: "batch", podCpuMillis: 2000, podMemoryBytes: 8 * GiB, minReplicas: 0, maxReplicas: 90 }, note: "autoscaling spot batch pool (0..20), nightly jobs" },
            { name: "winapp", mode: "User", vmSize: "Standard_D4s_v5", os: "Windows", count: 3, tags: prodTags("storefront", "team-legacy-dotnet", "CC-1042"), workload: { pattern: "steady", app: "invoice-renderer", namespace: "legacy", podCpuMillis: 1000, podMemoryBytes: 2 * GiB, minReplicas: 6, maxReplicas: 11, utcOffsetHours: 1 }, note: "Windows Server 2022 pool beside Linux ones" },
          ],
        },
        {
          name: "aks-shop-prod-eus",
          resourceGroup: "rg-shop-prod-eus",
          location: "eastus",
          version: "1.33.5",
          tier: "Standard",
          tags: prodTags("storefront", "team-storefront", "CC-1042"),
          pools: [
            { name: "system", mode: "System", vmSize: "Standard_D4s_v5", count: 3, taints: [critical], tags: prodTags("storefront", "team-platform", "CC-1001"), workload: { pattern: "system" }, note: "system pool, manual count" },
            { name: "api", mode: "User", vmSize: "Standard_D8s_v5", autoscale: { min: 2, max: 10 }, tags: prodTags("storefront", "team-storefront", "CC-1042"), workload: { pattern: "diurnal", app: "storefront-api", namespace: "storefront", podCpuMillis: 1000, podMemoryBytes: 2 * GiB, minReplicas: 4, maxReplicas: 50, utcOffsetHours: -5 }, note: "second-region API, US business hours" },
            { name: "cache", mode: "User", vmSize: "Standard_E8s_v5", count: 3, labels: { workload: "cache" }, tags: prodTags("storefront", "team-storefront", "CC-1042"), workload: { pattern: "steady", app: "redis-cache", namespace: "cache", podCpuMillis: 2000, podMemoryBytes: 16 * GiB, minReplicas: 9, maxReplicas: 9 }, note: "memory-optimised pool, full and steady" },
            { name: "web", mode: "User", vmSize: "Standard_D4s_v5", autoscale: { min: 2, max: 6 }, tags: { env: "prod", app: "storefront" }, workload: { pattern: "diurnal", app: "storefront-web", namespace: "storefront", podCpuMillis: 250, podMemoryBytes: GiB / 2, minReplicas: 6, maxReplicas: 40, utcOffsetHours: -5 }, note: "pool without owner or cost-center tags" },
          ],
        },
        {
          name: "aks-payments-prod-weu",
          resourceGroup: "rg-payments-prod",
          location: "westeurope",
          version: "1.32.9",
          tier: "Standard",
          privateCluster: true,
          unreachable: true,
          tags: prodTags("payments", "team-payments", "CC-2001"),
          pools: [
            { name: "system", mode: "System", vmSize: "Standard_D4ds_v5", count: 3, osDiskType: "Ephemeral", taints: [critical], tags: prodTags("payments", "team-platform", "CC-1001"), workload: { pattern: "system" } },
            { name: "api", mode: "User", vmSize: "Standard_D8ds_v5", autoscale: { min: 3, max: 9 }, osDiskType: "Ephemeral", tags: prodTags("payments", "team-payments", "CC-2001"), workload: { pattern: "diurnal", app: "payments-api", namespace: "payments", podCpuMillis: 1000, podMemoryBytes: 2 * GiB, minReplicas: 6, maxReplicas: 40 }, note: "private cluster: ARM data only, its API is unreachable" },
          ],
        },
        {
          name: "aks-ingest-prod-weu",
          resourceGroup: "rg-ingest-prod",
          location: "westeurope",
          version: "1.33.5",
          tier: "Standard",
          tags: prodTags("telemetry", "team-ingest", "CC-3100"),
          diskCount: 8,
          pools: [
            { name: "system", mode: "System", vmSize: "Standard_D4s_v5", count: 2, taints: [critical], tags: prodTags("telemetry", "team-platform", "CC-1001"), workload: { pattern: "system" }, note: "system pool with only two nodes" },
            { name: "ingest", mode: "User", vmSize: "Standard_F16s_v2", autoscale: { min: 2, max: 10 }, labels: { workload: "ingest" }, tags: prodTags("telemetry", "team-ingest", "CC-3100"), workload: { pattern: "bursty", app: "event-ingestor", namespace: "ingest", podCpuMillis: 2000, podMemoryBytes: 2 * GiB, minReplicas: 10, maxReplicas: 100, growthPerMonth: 0.1 }, note: "bursty ingestion pool that hits its max (pending pods)" },
            { name: "stream", mode: "User", vmSize: "Standard_E8s_v5", count: 4, tags: prodTags("telemetry", "team-ingest", "CC-3100"), workload: { pattern: "steady", app: "kafka", namespace: "streaming", podCpuMillis: 1000, podMemoryBytes: 8 * GiB, minReplicas: 20, maxReplicas: 24 }, note: "manual pool running stateful streaming" },
            { name: "monitor", mode: "User", vmSize: "Standard_D4ds_v5", count: 2, osDiskType: "Ephemeral", maxSurge: null, workload: { pattern: "steady", app: "prometheus", namespace: "monitoring", podCpuMillis: 500, podMemoryBytes: 4 * GiB, minReplicas: 4, maxReplicas: 8 }, note: "untagged pool, no upgrade settings" },
          ],
        },
      ],
    },
    {
      displayName: "contoso-nonprod",
      quotaId: "MSDNDevTest_2014-09-01",
      tags: { env: "nonprod" },
      clusters: [
        {
          name: "aks-shop-dev-weu",
          resourceGroup: "rg-shop-dev",
          location: "westeurope",
          version: "1.32.9",
          tier: "Free",
          tags: { env: "dev", app: "storefront", owner: "team-storefront", "cost-center": "CC-1042" },
          pools: [
            { name: "system", mode: "System", vmSize: "Standard_B4ms", count: 1, zones: [], workload: { pattern: "system" }, note: "single-node burstable system pool, no zones" },
            { name: "dev", mode: "User", vmSize: "Standard_D4s_v3", count: 3, version: "1.30.14", nodeImage: "AKSUbuntu-2204gen2containerd-202508.20.1", tags: { env: "dev", owner: "team-storefront" }, workload: { pattern: "steady", app: "storefront-dev", namespace: "dev", podCpuMillis: 250, podMemoryBytes: GiB, minReplicas: 10, maxReplicas: 20 }, note: "version skew: 1.30 pool under a 1.32 control plane" },
            { name: "perf", mode: "User", vmSize: "Standard_D8s_v5", count: 0, stopped: true, tags: { env: "dev", owner: "team-perf" }, workload: { pattern: "none" }, note: "stopped pool (powerState Stopped, count 0)" },
            { name: "apiv2", mode: "User", vmSize: "Standard_D4s_v5", autoscale: { min: 1, max: 4 }, version: "1.32.9", upgradingFrom: "1.31.13", tags: { env: "dev", owner: "team-storefront" }, workload: { pattern: "diurnal", app: "storefront-api-v2", namespace: "dev", podCpuMillis: 500, podMemoryBytes: GiB, minReplicas: 2, maxReplicas: 16 }, note: "mid-upgrade pool (Upgrading, 1.31 -> 1.32)" },
          ],
        },
        {
          name: "aks-shop-stage-weu",
          resourceGroup: "rg-shop-stage",
          location: "westeurope",
          version: "1.33.5",
          tier: "Free",
          tags: { env: "staging", app: "storefront", owner: "team-storefront", "cost-center": "CC-1042" },
          pools: [
            { name: "system", mode: "System", vmSize: "Standard_D2s_v5", count: 2, taints: [critical], workload: { pattern: "system" } },
            { name: "api", mode: "User", vmSize: "Standard_D4s_v5", virtualMachines: [{ size: "Standard_D4s_v5", count: 2 }, { size: "Standard_D8s_v5", count: 1 }], tags: { env: "staging", owner: "team-storefront" }, workload: { pattern: "steady", app: "storefront-api", namespace: "staging", podCpuMillis: 500, podMemoryBytes: GiB, minReplicas: 8, maxReplicas: 16 }, note: "VirtualMachines-type pool: two sizes, no single vmSize/count" },
            { name: "arm", mode: "User", vmSize: "Standard_D4ps_v5", osSKU: "AzureLinux", count: 2, labels: { "kubernetes.io/arch-preferred": "arm64" }, tags: { env: "staging", owner: "team-platform" }, workload: { pattern: "steady", app: "arm-canary", namespace: "staging", podCpuMillis: 500, podMemoryBytes: GiB, minReplicas: 4, maxReplicas: 8 }, note: "Arm64 Azure Linux pool" },
          ],
        },
        {
          name: "aks-legacy-ops-neu",
          resourceGroup: "rg-ops-legacy",
          location: "northeurope",
          version: "1.29.15",
          tier: "Free",
          networkPlugin: "kubenet",
          upgradeChannel: "none",
          tags: { env: "ops" },
          pools: [
            { name: "nodepool1", mode: "System", vmSize: "Standard_DS2_v2", count: 1, zones: [], maxSurge: null, nodeImage: "AKSUbuntu-2204gen2containerd-202508.20.1", workload: { pattern: "system" }, note: "out-of-support 1.29 cluster, single-node system pool" },
            { name: "tools", mode: "User", vmSize: "Standard_D2s_v3", autoscale: { min: 1, max: 3 }, zones: [], nodeImage: "AKSUbuntu-2204gen2containerd-202508.20.1", workload: { pattern: "steady", app: "jenkins-agents", namespace: "ci", podCpuMillis: 500, podMemoryBytes: GiB, minReplicas: 2, maxReplicas: 6 }, note: "old cluster-autoscaler status format (text)" },
          ],
        },
      ],
    },
    {
      displayName: "contoso-data-ml",
      quotaId: "EnterpriseAgreement_2014-09-01",
      tags: { env: "prod", domain: "data" },
      quotas: { eastus: { standardNCADSA100v4Family: 48 } },
      clusters: [
        {
          name: "aks-ml-train-eus",
          resourceGroup: "rg-ml-platform",
          location: "eastus",
          version: "1.33.5",
          tier: "Standard",
          tags: { env: "prod", app: "ml-platform", owner: "team-ml", "cost-center": "CC-4200" },
          diskCount: 20,
          stranded: [
            { namespace: "research", app: "llm-finetune-xl", replicas: 1, cpuMillis: 200_000, memoryBytes: 1536 * GiB, gpus: 0 },
            {
              namespace: "research",
              app: "h100-bench",
              replicas: 2,
              cpuMillis: 8000,
              memoryBytes: 64 * GiB,
              gpus: 1,
              nodeSelector: { "node.kubernetes.io/instance-type": "Standard_ND96isr_H100_v5" },
              tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
            },
          ],
          pools: [
            { name: "system", mode: "System", vmSize: "Standard_D4s_v5", count: 3, taints: [critical], tags: { owner: "team-ml", "cost-center": "CC-4200" }, workload: { pattern: "system" } },
            { name: "gpu", mode: "User", vmSize: "Standard_NC24ads_A100_v4", autoscale: { min: 0, max: 4 }, zones: ["1"], taints: ["nvidia.com/gpu=present:NoSchedule"], labels: { accelerator: "nvidia-a100" }, tags: { owner: "team-ml", "cost-center": "CC-4200" }, workload: { pattern: "training", app: "trainer", namespace: "training", podCpuMillis: 20_000, podMemoryBytes: 200 * GiB, podGpus: 1, minReplicas: 0, maxReplicas: 4 }, note: "A100 GPU pool held back by vCPU quota (48 = 2 nodes of 4)" },
            { name: "cpu", mode: "User", vmSize: "Standard_F16s_v2", autoscale: { min: 1, max: 8 }, tags: { owner: "team-ml", "cost-center": "CC-4200" }, workload: { pattern: "batch", app: "feature-etl", namespace: "etl", podCpuMillis: 4000, podMemoryBytes: 4 * GiB, minReplicas: 0, maxReplicas: 24 }, note: "CPU batch pool; stranded pods (200 cores, H100 nodeSelector) fit nowhere" },
            { name: "infer", mode: "User", vmSize: "Standard_NC4as_T4_v3", autoscale: { min: 1, max: 3 }, taints: ["nvidia.com/gpu=present:NoSchedule"], labels: { accelerator: "nvidia-t4" }, tags: { owner: "team-ml", "cost-center": "CC-4200" }, workload: { pattern: "diurnal", app: "model-serving", namespace: "serving", podCpuMillis: 2000, podMemoryBytes: 8 * GiB, podGpus: 1, minReplicas: 1, maxReplicas: 3, utcOffsetHours: -5 }, note: "T4 inference pool" },
          ],
        },
        {
          name: "aks-analytics-weu",
          resourceGroup: "rg-analytics",
          location: "westeurope",
          version: "1.34.2",
          tier: "Standard",
          tags: { env: "prod", app: "analytics", owner: "team-data", "cost-center": "CC-3300" },
          pools: [
            { name: "system", mode: "System", vmSize: "Standard_D4as_v5", osSKU: "AzureLinux", count: 3, taints: [critical], tags: { owner: "team-data", "cost-center": "CC-3300" }, workload: { pattern: "system" } },
            { name: "spark", mode: "User", vmSize: "Standard_E16s_v5", osSKU: "AzureLinux", autoscale: { min: 0, max: 30 }, spot: true, tags: { owner: "team-data", "cost-center": "CC-3300" }, workload: { pattern: "batch", app: "spark-executor", namespace: "spark", podCpuMillis: 4000, podMemoryBytes: 28 * GiB, minReplicas: 0, maxReplicas: 100 }, note: "spot Spark pool (0..30), at its max overnight" },
            { name: "trino", mode: "User", vmSize: "Standard_E32s_v5", osSKU: "AzureLinux", autoscale: { min: 2, max: 6 }, tags: { owner: "team-data", "cost-center": "CC-3300" }, workload: { pattern: "diurnal", app: "trino-worker", namespace: "trino", podCpuMillis: 8000, podMemoryBytes: 60 * GiB, minReplicas: 4, maxReplicas: 20 }, note: "memory-heavy query pool, at max in the afternoon" },
          ],
        },
      ],
    },
  ];
}
