import "server-only";
import type { PoolRow } from "@/lib/model/pool-columns";
import { poolViewSearch, type PoolView } from "@/lib/model/pool-view";
import { vmFamily } from "@/lib/model/vm-family";
import { getDb } from "@/lib/store/db";
import { Prisma, type PrismaClient } from "@/lib/store/generated/client";
import { familiesOf, runFacets, splitFacets, type Facets, type LongFacets } from "./pool-facets";
import { columnSql, groupSql, orderClause, poolFrom, whereClause, type FamilyBySize } from "./pool-inventory-sql";
import { cachedForRun } from "./run-cache";
import { resolveRunScope, type NoRun, type RunScope } from "./run-scope";

const { sql, raw, empty } = Prisma;

export type { FacetValue, Facets, LongFacets } from "./pool-facets";

export type PoolGroup = { key: string; label: string; pools: number; nodes: number };
export type PoolTableRow = PoolRow & { group?: PoolGroup };

export type PoolInventory =
  | { state: "empty"; lastRun: NoRun }
  | {
      state: "ready";
      run: RunScope;
      /** Pools matching the view's filters, on every page. */
      total: number;
      /** Nodes (ARM count) of those pools. */
      totalNodes: number;
      rows: PoolTableRow[];
      /** The values each facet column takes in the run, for the filter bar (the short lists). */
      facets: Facets;
      /** The facets too long to list, with how many values each has. */
      longFacets: LongFacets;
    };

type RawRow = Omit<PoolRow, "armId" | "family"> & {
  subscriptionGuid: string;
  total: number;
  totalNodes: number;
  groupKey: string | null;
  groupLabel: string | null;
  groupPools: number | null;
  groupNodes: number | null;
  properties?: Record<string, unknown>;
};

const v = columnSql;

/** The columns of a row, named as PoolRow names them. */
const rowSelect = sql`
  p."id" AS "id", s."displayName" AS "subscription", s."id" AS "subscriptionId", s."subscriptionId" AS "subscriptionGuid",
  c."id" AS "clusterId", c."name" AS "cluster", c."resourceGroup" AS "resourceGroup", c."location" AS "location",
  p."name" AS "name", ${v.mode.value} AS "mode", ${v.os.value} AS "os", ${v.osSku.value} AS "osSku", ${v.vmSize.value} AS "vmSize",
  ${v.type.value} AS "type", ${v.count.value} AS "count", ${v.ready.value} AS "ready",
  ${v.notReady.value} AS "notReady", ${v.autoscaling.value} AS "autoscaling", ${v.min.value} AS "min", ${v.max.value} AS "max",
  ${v.priority.value} AS "priority", ${v.eviction.value} AS "eviction", ${v.spotMaxPrice.value} AS "spotMaxPrice",
  ${v.zones.value} AS "zones", ${v.k8s.value} AS "k8s", ${v.currentK8s.value} AS "currentK8s", ${v.nodeImage.value} AS "nodeImage",
  ${v.labels.value} AS "labels", ${v.taints.value} AS "taints", ${v.power.value} AS "power", ${v.provisioning.value} AS "provisioning",
  ${v.maxPods.value} AS "maxPods", ${v.osDiskType.value} AS "osDiskType", ${v.osDiskSizeGb.value} AS "osDiskSizeGb",
  ${v.cpu.value} AS "cpuMillis", ${v.memory.value} AS "memoryBytes", ${v.pods.value} AS "pods", ${v.pending.value} AS "pending",
  ps."measured" AS "measured"`;

/** The agent pool's ARM id with ARM's casing, rebuilt from the names as read (ids are stored lower-cased). */
export function armPoolId(row: { subscriptionGuid: string; resourceGroup: string; cluster: string; name: string }): string {
  return `/subscriptions/${row.subscriptionGuid}/resourceGroups/${row.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${row.cluster}/agentPools/${row.name}`;
}

function toRow(raw: RawRow): PoolTableRow {
  const { subscriptionGuid, total: _total, totalNodes: _totalNodes, groupKey, groupLabel, groupPools, groupNodes, properties: _properties, ...rest } = raw;
  return {
    ...rest,
    armId: armPoolId({ subscriptionGuid, resourceGroup: raw.resourceGroup, cluster: raw.cluster, name: raw.name }),
    family: raw.vmSize === null ? null : vmFamily(raw.vmSize),
    zones: rest.zones ?? [],
    taints: rest.taints ?? [],
    labels: rest.labels ?? {},
    group: groupKey !== null ? { key: groupKey, label: groupLabel ?? "", pools: groupPools ?? 0, nodes: groupNodes ?? 0 } : undefined,
  };
}

type Page = { offset: number; limit: number } | null;

/**
 * One query: the view's rows (one page, or all), with the filtered totals and each row's group totals. The page is
 * chosen over narrow rows (ids and sort keys) and only its rows are then read in full, so sorting 6,000 pools does
 * not drag their labels and raw JSON through the sort.
 */
async function selectPools(db: PrismaClient, runId: number, view: PoolView, families: FamilyBySize, page: Page, withProperties: boolean): Promise<RawRow[]> {
  const group = view.group ? groupSql[view.group] : undefined;
  const groupColumns = group
    ? sql`, ${group.key} AS "groupKey", ${group.label} AS "groupLabel", count(*) OVER (PARTITION BY ${group.key})::int AS "groupPools",
         COALESCE(sum(ps."count") OVER (PARTITION BY ${group.key}), 0)::int AS "groupNodes"`
    : raw(`, NULL::text AS "groupKey", NULL::text AS "groupLabel", NULL::int AS "groupPools", NULL::int AS "groupNodes"`);
  return db.$queryRaw<RawRow[]>(sql`
    WITH chosen AS (
      SELECT ps."poolId", count(*) OVER ()::int AS "total", COALESCE(sum(ps."count") OVER (), 0)::int AS "totalNodes" ${groupColumns}
      ${poolFrom}
      ${whereClause(runId, view, families)}
      ${orderClause(view, families)}
      ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : empty}
    )
    SELECT ${rowSelect}${withProperties ? raw(`, ps."properties" AS "properties"`) : empty},
      chosen."total", chosen."totalNodes", chosen."groupKey", chosen."groupLabel", chosen."groupPools", chosen."groupNodes"
    FROM chosen
    JOIN "PoolSnapshot" ps ON ps."runId" = ${runId} AND ps."poolId" = chosen."poolId"
    JOIN "NodePool" p ON p."id" = ps."poolId"
    JOIN "Cluster" c ON c."id" = p."clusterId"
    JOIN "Subscription" s ON s."id" = c."subscriptionId"
    ${orderClause(view, families)}`);
}

/** How many pools and nodes match, for a page past the end (where the windowed totals have no row to ride on). */
async function countPools(db: PrismaClient, runId: number, view: PoolView, families: FamilyBySize): Promise<{ total: number; totalNodes: number }> {
  const [row] = await db.$queryRaw<{ total: number; totalNodes: number }[]>(sql`
    SELECT count(*)::int AS "total", COALESCE(sum(ps."count"), 0)::int AS "totalNodes" ${poolFrom} ${whereClause(runId, view, families)}`);
  return row;
}

/** The pools table: one page of the view over the run it asks for (the newest by default), and the facets. */
export async function getPoolInventory(view: PoolView, db?: PrismaClient): Promise<PoolInventory> {
  db ??= await getDb();
  const resolved = await resolveRunScope(db, view.run);
  if (!resolved.scope) return { state: "empty", lastRun: resolved.lastRun };
  const run = resolved.scope;
  // The chosen columns only change what the page shows of each row: one entry serves every choice of them.
  const key = `pool-inventory:${poolViewSearch({ ...view, columns: undefined, run: undefined })}`;
  const page = await cachedForRun(db, run.id, key, () => selectPage(db, run.id, view));
  return { state: "ready", run, ...page };
}

async function selectPage(db: PrismaClient, runId: number, view: PoolView) {
  const facets = await runFacets(db, runId);
  const families = familiesOf(facets);
  const rows = await selectPools(db, runId, view, families, { offset: (view.page - 1) * view.size, limit: view.size }, false);
  const totals = rows.length > 0 ? { total: rows[0].total, totalNodes: rows[0].totalNodes } : view.page > 1 ? await countPools(db, runId, view, families) : { total: 0, totalNodes: 0 };
  return { ...totals, rows: rows.map(toRow), ...splitFacets(facets) };
}

/** An agent pool as ARM returns it: what the JSON export holds, one per pool of the view. */
export type ArmAgentPool = {
  id: string;
  name: string;
  type: "Microsoft.ContainerService/managedClusters/agentPools";
  properties: Record<string, unknown>;
};

export type PoolExport =
  | { state: "empty"; lastRun: NoRun }
  | { state: "ready"; run: RunScope; total: number; rows: PoolRow[]; value: ArmAgentPool[] };

/**
 * The view's pools for an export: all of them in the view's order (or one page when `paged`), each as a table row
 * for CSV and as the stored ARM object for JSON.
 */
export async function exportPools(view: PoolView, options: { paged: boolean }, db?: PrismaClient): Promise<PoolExport> {
  db ??= await getDb();
  const resolved = await resolveRunScope(db, view.run);
  if (!resolved.scope) return { state: "empty", lastRun: resolved.lastRun };
  const run = resolved.scope;
  const page = options.paged ? { offset: (view.page - 1) * view.size, limit: view.size } : null;
  const families = familiesOf(await runFacets(db, run.id));
  const raws = await selectPools(db, run.id, view, families, page, true);
  const total = raws.length > 0 ? raws[0].total : page && view.page > 1 ? (await countPools(db, run.id, view, families)).total : 0;
  const rows = raws.map(toRow);
  return {
    state: "ready",
    run,
    total,
    rows: rows.map(({ group: _group, ...row }) => row),
    value: raws.map((raw, index) => ({
      id: rows[index].armId,
      name: raw.name,
      type: "Microsoft.ContainerService/managedClusters/agentPools",
      properties: raw.properties ?? {},
    })),
  };
}

/** Every pool of a run that a view selects, in its order (the cluster page's pools side by side). */
export async function listPoolRows(db: PrismaClient, runId: number, view: PoolView): Promise<PoolRow[]> {
  const families = familiesOf(await runFacets(db, runId));
  const raws = await selectPools(db, runId, view, families, null, false);
  return raws.map((raw) => {
    const { group: _group, ...row } = toRow(raw);
    return row;
  });
}
