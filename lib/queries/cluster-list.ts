import "server-only";
import { isSkewFlagged, versionSkew } from "@/lib/model/version-skew";
import { getDb } from "@/lib/store/db";
import { Prisma, type PrismaClient } from "@/lib/store/generated/client";
import { resolveRunScope, type NoRun, type RunScope } from "./run-scope";

export type ClusterListRow = {
  id: string;
  name: string;
  subscription: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  kubernetesVersion: string | null;
  skuTier: string | null;
  powerState: string | null;
  provisioningState: string | null;
  kubeReachable: boolean;
  pools: number;
  nodes: number;
  readyNodes: number;
  /** Pools more than one minor behind the control plane, or ahead of it. */
  skewedPools: number;
  poolVersions: string[];
};

export type ClusterListQuery = { run?: number; q?: string; skewedOnly?: boolean; page?: number; size?: number };

export type ClusterList =
  | { state: "empty"; lastRun: NoRun }
  | {
      state: "ready";
      run: RunScope;
      /** One page of the clusters that match. */
      clusters: ClusterListRow[];
      /** Over every matching cluster, not just this page. */
      totals: { clusters: number; subscriptions: number; skewedClusters: number; allClusters: number };
      page: number;
      size: number;
    };

export const CLUSTER_PAGE_SIZE = 100;

type Raw = Omit<ClusterListRow, "skewedPools" | "poolVersions"> & { versions: string[] };

/**
 * The clusters a run read, with their pools and nodes counted (one query over the run's rows), filtered by free
 * text and skew, one page of them. A fleet has far fewer clusters than pools (1,200 for 6,000 pools): they are
 * counted and filtered here, and only the page goes to the browser.
 */
export async function getClusterList(options: ClusterListQuery, db?: PrismaClient): Promise<ClusterList> {
  db ??= await getDb();
  const resolved = await resolveRunScope(db, options.run);
  if (!resolved.scope) return { state: "empty", lastRun: resolved.lastRun };
  const run = resolved.scope;
  const rows = await db.$queryRaw<Raw[]>(Prisma.sql`
    SELECT c."id", c."name", s."displayName" AS "subscription", s."id" AS "subscriptionId", c."resourceGroup", c."location",
      COALESCE(cs."currentKubernetesVersion", cs."kubernetesVersion") AS "kubernetesVersion", cs."skuTier", cs."powerState",
      cs."provisioningState", cs."kubeReachable",
      count(ps."poolId")::int AS "pools", COALESCE(sum(ps."count"), 0)::int AS "nodes", COALESCE(sum(ps."nodesReady"), 0)::int AS "readyNodes",
      array_remove(array_agg(COALESCE(ps."currentOrchestratorVersion", ps."orchestratorVersion")), NULL) AS "versions"
    FROM "ClusterSnapshot" cs
    JOIN "Cluster" c ON c."id" = cs."clusterId"
    JOIN "Subscription" s ON s."id" = c."subscriptionId"
    LEFT JOIN "NodePool" p ON p."clusterId" = c."id"
    LEFT JOIN "PoolSnapshot" ps ON ps."runId" = cs."runId" AND ps."poolId" = p."id"
    WHERE cs."runId" = ${run.id}
    GROUP BY c."id", s."id", cs."runId", cs."clusterId"
    ORDER BY s."displayName", c."name"`);
  const all = rows.map(({ versions, ...row }) => ({
    ...row,
    skewedPools: versions.filter((version) => isSkewFlagged(versionSkew(row.kubernetesVersion, version))).length,
    poolVersions: [...new Set(versions)].sort((a, b) => a.localeCompare(b, "en", { numeric: true })),
  }));
  const words = options.q?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
  const matching = all.filter(
    (cluster) =>
      (!options.skewedOnly || cluster.skewedPools > 0) &&
      words.every((word) => [cluster.name, cluster.subscription, cluster.resourceGroup, cluster.location, cluster.kubernetesVersion ?? ""].some((text) => text.toLowerCase().includes(word))),
  );
  const size = options.size ?? CLUSTER_PAGE_SIZE;
  const page = Math.max(1, options.page ?? 1);
  return {
    state: "ready",
    run,
    clusters: matching.slice((page - 1) * size, page * size),
    totals: {
      clusters: matching.length,
      subscriptions: new Set(matching.map((cluster) => cluster.subscriptionId)).size,
      skewedClusters: matching.filter((cluster) => cluster.skewedPools > 0).length,
      allClusters: all.length,
    },
    page,
    size,
  };
}
