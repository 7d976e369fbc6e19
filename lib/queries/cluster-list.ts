import "server-only";
import { isSkewFlagged, versionSkew } from "@/lib/model/version-skew";
import { getDb } from "@/lib/store/db";
import { Prisma, type PrismaClient } from "@/lib/store/generated/client";
import { cachedForRun } from "./run-cache";
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

type Raw = Omit<ClusterListRow, "skewedPools" | "poolVersions"> & { versions: string[] | null; versionPools: number[] | null };

const byVersion = new Intl.Collator("en", { numeric: true }).compare;

/**
 * The clusters a run read, with their pools and nodes counted (one query over the run's rows), filtered by free
 * text and skew, one page of them. A fleet has far fewer clusters than pools (1,000 for 6,000 pools): they are
 * counted and filtered here, and only the page goes to the browser.
 */
export async function getClusterList(options: ClusterListQuery, db?: PrismaClient): Promise<ClusterList> {
  db ??= await getDb();
  const resolved = await resolveRunScope(db, options.run);
  if (!resolved.scope) return { state: "empty", lastRun: resolved.lastRun };
  const run = resolved.scope;
  const all = await cachedForRun(db, run.id, "cluster-list", () => selectClusters(db, run.id));
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

/**
 * Every cluster of a run, in order. The run's pools are summed per cluster and version before they meet the
 * clusters, so that the join and its sort carry 1,000 narrow rows rather than 6,000 wide ones, and the skew is
 * worked out once per distinct pair of versions rather than once per pool.
 */
async function selectClusters(db: PrismaClient, runId: number): Promise<ClusterListRow[]> {
  const rows = await db.$queryRaw<Raw[]>(Prisma.sql`
    WITH by_version AS (
      SELECT p."clusterId", COALESCE(ps."currentOrchestratorVersion", ps."orchestratorVersion") AS "version",
        count(*)::int AS "pools", COALESCE(sum(ps."count"), 0)::int AS "nodes", COALESCE(sum(ps."nodesReady"), 0)::int AS "readyNodes"
      FROM "PoolSnapshot" ps JOIN "NodePool" p ON p."id" = ps."poolId"
      WHERE ps."runId" = ${runId}
      GROUP BY 1, 2
    ), by_cluster AS (
      SELECT "clusterId", sum("pools")::int AS "pools", sum("nodes")::int AS "nodes", sum("readyNodes")::int AS "readyNodes",
        array_agg("version") FILTER (WHERE "version" IS NOT NULL) AS "versions",
        array_agg("pools") FILTER (WHERE "version" IS NOT NULL) AS "versionPools"
      FROM by_version GROUP BY 1
    )
    SELECT c."id", c."name", s."displayName" AS "subscription", s."id" AS "subscriptionId", c."resourceGroup", c."location",
      COALESCE(cs."currentKubernetesVersion", cs."kubernetesVersion") AS "kubernetesVersion", cs."skuTier", cs."powerState",
      cs."provisioningState", cs."kubeReachable",
      COALESCE(b."pools", 0) AS "pools", COALESCE(b."nodes", 0) AS "nodes", COALESCE(b."readyNodes", 0) AS "readyNodes", b."versions", b."versionPools"
    FROM "ClusterSnapshot" cs
    JOIN "Cluster" c ON c."id" = cs."clusterId"
    JOIN "Subscription" s ON s."id" = c."subscriptionId"
    LEFT JOIN by_cluster b ON b."clusterId" = cs."clusterId"
    WHERE cs."runId" = ${runId}
    ORDER BY s."displayName", c."name"`);
  // A fleet runs a handful of versions: each pair of control-plane and pool version is judged once.
  const flagged = new Map<string, boolean>();
  const isFlagged = (controlPlane: string | null, version: string) => {
    const key = `${controlPlane}\n${version}`;
    let value = flagged.get(key);
    if (value === undefined) flagged.set(key, (value = isSkewFlagged(versionSkew(controlPlane, version))));
    return value;
  };
  return rows.map(({ versions, versionPools, ...row }) => {
    const skewedPools = versions?.reduce((sum, version, i) => (isFlagged(row.kubernetesVersion, version) ? sum + versionPools![i] : sum), 0) ?? 0;
    return { ...row, skewedPools, poolVersions: versions?.sort(byVersion) ?? [] };
  });
}
