-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('running', 'succeeded', 'partial', 'failed');

-- CreateEnum
CREATE TYPE "RunTrigger" AS ENUM ('schedule', 'manual', 'api', 'cli', 'startup', 'backfill');

-- CreateTable
CREATE TABLE "CollectionRun" (
    "id" SERIAL NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "status" "RunStatus" NOT NULL DEFAULT 'running',
    "trigger" "RunTrigger" NOT NULL,
    "source" TEXT NOT NULL,
    "subscriptionCount" INTEGER NOT NULL DEFAULT 0,
    "clusterCount" INTEGER NOT NULL DEFAULT 0,
    "poolCount" INTEGER NOT NULL DEFAULT 0,
    "nodeCount" INTEGER NOT NULL DEFAULT 0,
    "pendingPodCount" INTEGER NOT NULL DEFAULT 0,
    "callCount" INTEGER NOT NULL DEFAULT 0,
    "retryCount" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "progress" JSONB,

    CONSTRAINT "CollectionRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subscription" (
    "id" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "tenantId" TEXT,
    "state" TEXT,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cluster" (
    "id" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "resourceGroup" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NodePool" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "NodePool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClusterSnapshot" (
    "runId" INTEGER NOT NULL,
    "clusterId" TEXT NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "kubernetesVersion" TEXT,
    "currentKubernetesVersion" TEXT,
    "skuTier" TEXT,
    "nodeResourceGroup" TEXT,
    "networkPlugin" TEXT,
    "networkPolicy" TEXT,
    "powerState" TEXT,
    "provisioningState" TEXT,
    "fqdn" TEXT,
    "privateCluster" BOOLEAN NOT NULL DEFAULT false,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "kubeReachable" BOOLEAN NOT NULL,
    "kubeError" TEXT,
    "autoscalerStatus" JSONB,
    "properties" JSONB NOT NULL,

    CONSTRAINT "ClusterSnapshot_pkey" PRIMARY KEY ("runId","clusterId")
);

-- CreateTable
CREATE TABLE "PoolSnapshot" (
    "runId" INTEGER NOT NULL,
    "poolId" TEXT NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT,
    "mode" TEXT,
    "count" INTEGER,
    "vmSize" TEXT,
    "osType" TEXT,
    "osSku" TEXT,
    "orchestratorVersion" TEXT,
    "currentOrchestratorVersion" TEXT,
    "nodeImageVersion" TEXT,
    "latestNodeImageVersion" TEXT,
    "enableAutoScaling" BOOLEAN NOT NULL DEFAULT false,
    "minCount" INTEGER,
    "maxCount" INTEGER,
    "scaleSetPriority" TEXT,
    "scaleSetEvictionPolicy" TEXT,
    "spotMaxPrice" DOUBLE PRECISION,
    "nodeLabels" JSONB NOT NULL DEFAULT '{}',
    "nodeTaints" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tags" JSONB NOT NULL DEFAULT '{}',
    "availabilityZones" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "osDiskType" TEXT,
    "osDiskSizeGb" INTEGER,
    "kubeletDiskType" TEXT,
    "maxPods" INTEGER,
    "vnetSubnetId" TEXT,
    "podSubnetId" TEXT,
    "upgradeSettings" JSONB,
    "powerState" TEXT,
    "provisioningState" TEXT,
    "properties" JSONB NOT NULL,
    "nodesReady" INTEGER NOT NULL DEFAULT 0,
    "nodesNotReady" INTEGER NOT NULL DEFAULT 0,
    "allocatableCpuMillis" INTEGER NOT NULL DEFAULT 0,
    "allocatableMemoryBytes" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "allocatablePods" INTEGER NOT NULL DEFAULT 0,
    "requestedCpuMillis" INTEGER NOT NULL DEFAULT 0,
    "requestedMemoryBytes" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "runningPods" INTEGER NOT NULL DEFAULT 0,
    "pendingPods" INTEGER NOT NULL DEFAULT 0,
    "measured" BOOLEAN NOT NULL DEFAULT false,
    "autoscaler" JSONB,

    CONSTRAINT "PoolSnapshot_pkey" PRIMARY KEY ("runId","poolId")
);

-- CreateTable
CREATE TABLE "PoolChange" (
    "id" BIGSERIAL NOT NULL,
    "poolId" TEXT NOT NULL,
    "runId" INTEGER NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "field" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "PoolChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NodeSnapshot" (
    "runId" INTEGER NOT NULL,
    "clusterId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "poolId" TEXT,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "vmSize" TEXT,
    "zone" TEXT,
    "ready" BOOLEAN NOT NULL,
    "cordoned" BOOLEAN NOT NULL,
    "allocatableCpuMillis" INTEGER NOT NULL,
    "allocatableMemoryBytes" DOUBLE PRECISION NOT NULL,
    "allocatablePods" INTEGER NOT NULL,
    "requestedCpuMillis" INTEGER NOT NULL,
    "requestedMemoryBytes" DOUBLE PRECISION NOT NULL,
    "podCount" INTEGER NOT NULL,
    "kubeletVersion" TEXT,
    "osImage" TEXT,
    "createdAt" TIMESTAMPTZ(3),

    CONSTRAINT "NodeSnapshot_pkey" PRIMARY KEY ("runId","clusterId","name")
);

-- CreateTable
CREATE TABLE "PendingPod" (
    "runId" INTEGER NOT NULL,
    "clusterId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "ownerKind" TEXT,
    "ownerName" TEXT,
    "cpuMillis" INTEGER NOT NULL,
    "memoryBytes" DOUBLE PRECISION NOT NULL,
    "gpus" INTEGER NOT NULL DEFAULT 0,
    "nodeSelector" JSONB NOT NULL DEFAULT '{}',
    "affinity" JSONB,
    "tolerations" JSONB NOT NULL DEFAULT '[]',
    "schedulerMessage" TEXT,
    "since" TIMESTAMPTZ(3),
    "targetPoolId" TEXT,

    CONSTRAINT "PendingPod_pkey" PRIMARY KEY ("runId","clusterId","namespace","name")
);

-- CreateTable
CREATE TABLE "QuotaUsage" (
    "runId" INTEGER NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "localizedName" TEXT,
    "currentValue" INTEGER NOT NULL,
    "limit" INTEGER NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "QuotaUsage_pkey" PRIMARY KEY ("runId","subscriptionId","region","family")
);

-- CreateTable
CREATE TABLE "CostDaily" (
    "id" BIGSERIAL NOT NULL,
    "day" DATE NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "clusterId" TEXT,
    "poolId" TEXT,
    "scopeId" TEXT NOT NULL,
    "costType" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" DOUBLE PRECISION NOT NULL,
    "source" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CostDaily_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Price" (
    "vmSize" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "os" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "hourlyPrice" DOUBLE PRECISION NOT NULL,
    "meterName" TEXT,
    "productName" TEXT,
    "effectiveDate" TIMESTAMPTZ(3) NOT NULL,
    "fetchedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Price_pkey" PRIMARY KEY ("vmSize","region","os","priority","currency")
);

-- CreateIndex
CREATE INDEX "CollectionRun_status_startedAt_idx" ON "CollectionRun"("status", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "CollectionRun_startedAt_idx" ON "CollectionRun"("startedAt" DESC);

-- CreateIndex
CREATE INDEX "Cluster_subscriptionId_idx" ON "Cluster"("subscriptionId");

-- CreateIndex
CREATE INDEX "NodePool_clusterId_idx" ON "NodePool"("clusterId");

-- CreateIndex
CREATE INDEX "ClusterSnapshot_clusterId_takenAt_idx" ON "ClusterSnapshot"("clusterId", "takenAt" DESC);

-- CreateIndex
CREATE INDEX "PoolSnapshot_poolId_takenAt_idx" ON "PoolSnapshot"("poolId", "takenAt" DESC);

-- CreateIndex
CREATE INDEX "PoolSnapshot_takenAt_idx" ON "PoolSnapshot"("takenAt");

-- CreateIndex
CREATE INDEX "PoolChange_poolId_takenAt_idx" ON "PoolChange"("poolId", "takenAt" DESC);

-- CreateIndex
CREATE INDEX "PoolChange_takenAt_idx" ON "PoolChange"("takenAt" DESC);

-- CreateIndex
CREATE INDEX "PoolChange_runId_idx" ON "PoolChange"("runId");

-- CreateIndex
CREATE INDEX "NodeSnapshot_poolId_takenAt_idx" ON "NodeSnapshot"("poolId", "takenAt" DESC);

-- CreateIndex
CREATE INDEX "NodeSnapshot_takenAt_idx" ON "NodeSnapshot"("takenAt");

-- CreateIndex
CREATE INDEX "PendingPod_clusterId_takenAt_idx" ON "PendingPod"("clusterId", "takenAt" DESC);

-- CreateIndex
CREATE INDEX "QuotaUsage_subscriptionId_region_takenAt_idx" ON "QuotaUsage"("subscriptionId", "region", "takenAt" DESC);

-- CreateIndex
CREATE INDEX "CostDaily_day_idx" ON "CostDaily"("day");

-- CreateIndex
CREATE INDEX "CostDaily_clusterId_day_idx" ON "CostDaily"("clusterId", "day");

-- CreateIndex
CREATE INDEX "CostDaily_poolId_day_idx" ON "CostDaily"("poolId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "CostDaily_scopeId_day_costType_source_key" ON "CostDaily"("scopeId", "day", "costType", "source");

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NodePool" ADD CONSTRAINT "NodePool_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterSnapshot" ADD CONSTRAINT "ClusterSnapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "CollectionRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterSnapshot" ADD CONSTRAINT "ClusterSnapshot_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PoolSnapshot" ADD CONSTRAINT "PoolSnapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "CollectionRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PoolSnapshot" ADD CONSTRAINT "PoolSnapshot_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "NodePool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PoolChange" ADD CONSTRAINT "PoolChange_runId_fkey" FOREIGN KEY ("runId") REFERENCES "CollectionRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PoolChange" ADD CONSTRAINT "PoolChange_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "NodePool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NodeSnapshot" ADD CONSTRAINT "NodeSnapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "CollectionRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingPod" ADD CONSTRAINT "PendingPod_runId_fkey" FOREIGN KEY ("runId") REFERENCES "CollectionRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaUsage" ADD CONSTRAINT "QuotaUsage_runId_fkey" FOREIGN KEY ("runId") REFERENCES "CollectionRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaUsage" ADD CONSTRAINT "QuotaUsage_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
