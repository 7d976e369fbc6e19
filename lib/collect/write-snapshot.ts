/**
 * Writes one collection's snapshot: the whole run in one transaction, so a run that stops half way leaves nothing
 * half-written. Identity rows are upserted (first and last seen); a subscription, cluster or pool missing from a
 * scope this run read completely is marked deleted, never removed; every pool property that differs from the
 * pool's previous snapshot becomes a PoolChange row; snapshot rows go in by bulk insert; cost days and prices are
 * upserted. The input is validated before the transaction opens.
 */
import { countRunNodes } from "@/lib/model/run-node-totals";
import type { JsonObject } from "@/lib/model/agent-pool";
import { diffPoolProperties, type PropertyChange } from "@/lib/model/drift";
import type { CollectedPendingPod, CollectedSnapshot } from "@/lib/model/snapshot";
import type { RunStatus, RunTrigger } from "@/lib/store/generated/enums";
import { arrayLiteral } from "@/lib/store/column-text";
import { insertRows, type RowOf } from "@/lib/store/insert-rows";
import type { Store } from "@/lib/store/open-store";
import { deferReferenceChecks } from "@/lib/store/reference-checks";
import type { SqlSession } from "@/lib/store/sql-executor";
import { inKeyOrder } from "./key-order";
import { lockCollections } from "./run-lock";
import { checkRunning, finishRun, openRun } from "./run-row";
import { InvalidSnapshotError, validateSnapshot } from "./snapshot-schema";
import { upsertRows, type UpsertColumn } from "./upsert-rows";
import { writeCostDays } from "./write-cost-days";

export type WriteSnapshotOptions = {
  /** The run (from beginRun) this snapshot completes; without one, the writer records a finished run itself. */
  runId?: number;
  /** The trigger of a run the writer records itself (default `backfill`). */
  trigger?: RunTrigger;
  /** When the snapshot was taken: the wall clock unless given (history backfills pass their own clock). */
  takenAt?: Date;
  /** Stops the write (the transaction rolls back) when aborted between steps. */
  signal?: AbortSignal;
  /** Called after each step inside the transaction (tests use it to stop a write half way). */
  afterStep?: (step: string) => void | Promise<void>;
  /** Extra fields for the run's final progress object. */
  progress?: Record<string, unknown>;
};

export type WriteSnapshotResult = { runId: number; status: RunStatus; rows: Record<string, number>; changes: number; writeMs: number; stepMs: Record<string, number> };

/** The longest a write may wait for a statement or stay idle in its transaction (Prisma's was 300 s for the whole). */
const WRITE_TIMEOUT_S = 300;

/** succeeded with no errors; failed when nothing at all could be read; partial otherwise. */
export function runStatusOf(snapshot: Pick<CollectedSnapshot, "errors" | "subscriptions" | "clusters" | "complete">): RunStatus {
  if (snapshot.errors.length === 0) return "succeeded";
  if (snapshot.subscriptions.length === 0 || (snapshot.clusters.length === 0 && snapshot.complete.clustersOf.length === 0)) return "failed";
  return "partial";
}

function checkReferences(snapshot: CollectedSnapshot): void {
  const subscriptions = new Set(snapshot.subscriptions.map((s) => s.id));
  const clusters = new Set(snapshot.clusters.map((c) => c.id));
  const orphan =
    snapshot.clusters.find((c) => !subscriptions.has(c.subscriptionId))?.id ??
    snapshot.pools.find((p) => !clusters.has(p.clusterId))?.id ??
    snapshot.quotas.find((q) => !subscriptions.has(q.subscriptionId))?.subscriptionId;
  if (orphan) throw new InvalidSnapshotError(`The snapshot cannot be written: ${orphan} belongs to a subscription or cluster the snapshot does not contain`);
}

/** Columns of an identity row: its text columns, then when it was first and last seen. */
function identityColumns(...text: string[]): UpsertColumn[] {
  return [...text.map((name) => ({ name, type: "text" })), { name: "firstSeenAt", type: "timestamptz" }, { name: "lastSeenAt", type: "timestamptz" }];
}

async function previousProperties(tx: SqlSession, poolIds: string[], takenAt: Date): Promise<Map<string, JsonObject>> {
  if (poolIds.length === 0) return new Map();
  const rows = await tx.query<{ poolId: string; properties: unknown }>(
    `SELECT p.id AS "poolId", s.properties FROM unnest($1::text[]) AS p(id)
     CROSS JOIN LATERAL (SELECT properties FROM "PoolSnapshot" WHERE "poolId" = p.id AND "takenAt" < $2::timestamptz ORDER BY "takenAt" DESC LIMIT 1) s`,
    [arrayLiteral(poolIds), takenAt.toISOString()],
  );
  return new Map(rows.map((row) => [row.poolId, (typeof row.properties === "string" ? JSON.parse(row.properties) : row.properties) as JsonObject]));
}

async function markDeleted(tx: SqlSession, table: "Subscription" | "Cluster" | "NodePool", parentColumn: string | null, parents: string[], seen: string[], takenAt: Date): Promise<string[]> {
  if (parentColumn && parents.length === 0) return [];
  const params: unknown[] = [takenAt.toISOString(), arrayLiteral(seen)];
  let where = `"deletedAt" IS NULL AND NOT ("id" = ANY($2::text[]))`;
  if (parentColumn) {
    params.push(arrayLiteral(parents));
    where += ` AND "${parentColumn}" = ANY($3::text[])`;
  }
  const rows = await tx.query<{ id: string }>(`UPDATE "${table}" SET "deletedAt" = $1::timestamptz WHERE ${where} RETURNING "id"`, params);
  return rows.map((row) => row.id);
}

/**
 * Writes `snapshot` in one transaction on one raw SQL session of `store` (not through Prisma), so that on PGlite
 * the big tables go in by COPY (see insertRows).
 */
export async function writeSnapshot(store: Pick<Store, "withSql">, snapshot: CollectedSnapshot, options: WriteSnapshotOptions = {}): Promise<WriteSnapshotResult> {
  validateSnapshot(snapshot);
  checkReferences(snapshot);
  const started = Date.now();
  const takenAt = options.takenAt ?? new Date();
  const status = runStatusOf(snapshot);
  // Every table's rows go in sorted by its key, each key once (see key-order.ts).
  const pools = inKeyOrder(snapshot.pools, ["id"]);
  const clusters = inKeyOrder(snapshot.clusters, ["id"]);
  const stepMs: Record<string, number> = {};
  let stepStarted = Date.now();
  let tablesMs = 0;
  // Each table's write is timed on its own (the bench prints them); a step keeps what is left of its time.
  const timed = async (table: string, write: Promise<number>): Promise<number> => {
    const tableStarted = Date.now();
    const written = await write;
    stepMs[table] = Date.now() - tableStarted;
    tablesMs += stepMs[table];
    return written;
  };
  const step = async (name: string) => {
    const rest = Date.now() - stepStarted - tablesMs;
    if (rest > 0) stepMs[name] = rest;
    stepStarted = Date.now();
    tablesMs = 0;
    if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error("the write was stopped");
    await options.afterStep?.(name);
  };

  const result = await store.withSql((sql) => sql.transaction(async (tx) => {
    stepStarted = Date.now();
    // Prisma's transaction timeout (open-store.ts) does not bound a raw session's: a write that waits or hangs this
    // long is ended by the server, and its lock released.
    await tx.exec(`SET LOCAL statement_timeout = '${WRITE_TIMEOUT_S}s'; SET LOCAL idle_in_transaction_session_timeout = '${WRITE_TIMEOUT_S}s'`);
    await lockCollections(tx);
    const runId = options.runId === undefined ? await openRun(tx, { trigger: options.trigger ?? "backfill", source: snapshot.source, startedAt: takenAt }) : await checkRunning(tx, options.runId);
    const rows: Record<string, number> = {};
    const at = { firstSeenAt: takenAt, lastSeenAt: takenAt };
    const seen = { lastSeenAt: `GREATEST(t."lastSeenAt", EXCLUDED."lastSeenAt")`, deletedAt: "NULL" };

    rows.Subscription = await timed("Subscription", upsertRows(
      tx,
      "Subscription",
      identityColumns("id", "subscriptionId", "displayName", "tenantId", "state"),
      ["id"],
      { displayName: "EXCLUDED.\"displayName\"", tenantId: "EXCLUDED.\"tenantId\"", state: "EXCLUDED.\"state\"", ...seen },
      inKeyOrder(snapshot.subscriptions, ["id"]).map((s) => ({ ...s, ...at })),
    ));
    rows.Cluster = await timed("Cluster", upsertRows(
      tx,
      "Cluster",
      identityColumns("id", "subscriptionId", "resourceGroup", "name", "location"),
      ["id"],
      { resourceGroup: 'EXCLUDED."resourceGroup"', name: "EXCLUDED.name", location: "EXCLUDED.location", ...seen },
      clusters.map((c) => ({ id: c.id, subscriptionId: c.subscriptionId, resourceGroup: c.resourceGroup, name: c.name, location: c.location, ...at })),
    ));
    rows.NodePool = await timed("NodePool", upsertRows(
      tx,
      "NodePool",
      identityColumns("id", "clusterId", "name"),
      ["id"],
      { name: "EXCLUDED.name", ...seen },
      pools.map((p) => ({ id: p.id, clusterId: p.clusterId, name: p.name, ...at })),
    ));
    await step("identities");

    // Deleted: only below scopes this run read completely, so a scope that failed deletes nothing.
    const goneSubscriptions = snapshot.complete.subscriptionList ? await markDeleted(tx, "Subscription", null, [], snapshot.subscriptions.map((s) => s.id), takenAt) : [];
    const goneClusters = await markDeleted(tx, "Cluster", "subscriptionId", [...snapshot.complete.clustersOf, ...goneSubscriptions], snapshot.clusters.map((c) => c.id), takenAt);
    const gonePools = await markDeleted(tx, "NodePool", "clusterId", [...snapshot.complete.poolsOf, ...goneClusters], pools.map((p) => p.id), takenAt);
    await step("deletions");

    const previous = await previousProperties(tx, pools.map((p) => p.id), takenAt);
    const changes: RowOf<"PoolChange">[] = [];
    const addChanges = (poolId: string, list: PropertyChange[]) => {
      for (const change of list) changes.push({ poolId, runId, takenAt, field: change.field, before: (change.before ?? undefined) as never, after: (change.after ?? undefined) as never });
    };
    for (const pool of pools) addChanges(pool.id, diffPoolProperties(previous.get(pool.id) ?? null, pool.properties));
    for (const poolId of gonePools) addChanges(poolId, diffPoolProperties({}, null));
    await step("drift");

    // On PGlite the run's snapshot rows have their foreign keys checked once per table, not row by row.
    const references = await deferReferenceChecks(tx);
    rows.ClusterSnapshot = await timed("ClusterSnapshot", insertRows(
      tx,
      "ClusterSnapshot",
      clusters.map((c) => ({
        runId,
        clusterId: c.id,
        takenAt,
        kubernetesVersion: c.kubernetesVersion,
        currentKubernetesVersion: c.currentKubernetesVersion,
        skuTier: c.skuTier,
        nodeResourceGroup: c.nodeResourceGroup,
        networkPlugin: c.networkPlugin,
        networkPolicy: c.networkPolicy,
        powerState: c.powerState,
        provisioningState: c.provisioningState,
        fqdn: c.fqdn,
        privateCluster: c.privateCluster,
        tags: c.tags,
        kubeReachable: c.kubeReachable,
        kubeError: c.kubeError,
        autoscalerStatus: (c.autoscalerStatus ?? undefined) as never,
        properties: c.properties,
      })),
    ));
    rows.PoolSnapshot = await timed("PoolSnapshot", insertRows(
      tx,
      "PoolSnapshot",
      pools.map(({ id, clusterId: _cluster, name: _name, upgradeSettings, autoscaler, ...pool }) => ({
        ...pool,
        runId,
        poolId: id,
        takenAt,
        upgradeSettings: (upgradeSettings ?? undefined) as never,
        autoscaler: (autoscaler ?? undefined) as never,
      })),
    ));
    await step("pool snapshots");
    // The run's id and time are shared values of the big tables' rows: their rows go in as collected, not copied.
    const ofRun = { shared: { runId, takenAt } };
    rows.NodeSnapshot = await timed("NodeSnapshot", insertRows(tx, "NodeSnapshot", inKeyOrder(snapshot.nodes, ["clusterId", "name"]), { ...ofRun, ignore: ["poolName"] }));
    await step("node snapshots");
    // A pod's affinity is JSON as it is; only its wire type (no index signature) is not Prisma's JSON input type.
    const pods = inKeyOrder(snapshot.pendingPods, ["clusterId", "namespace", "name"]) as (Omit<CollectedPendingPod, "affinity"> & { affinity: RowOf<"PendingPod">["affinity"] | null })[];
    rows.PendingPod = await timed("PendingPod", insertRows(tx, "PendingPod", pods, ofRun));
    rows.QuotaUsage = await timed("QuotaUsage", insertRows(tx, "QuotaUsage", inKeyOrder(snapshot.quotas, ["subscriptionId", "region", "family"]), ofRun));
    rows.PoolChange = await timed("PoolChange", insertRows(tx, "PoolChange", changes));
    await references.check(["ClusterSnapshot", "PoolSnapshot", "NodeSnapshot", "PendingPod", "QuotaUsage", "PoolChange"], "runId", runId);
    await step("pending pods, quotas, changes");

    rows.CostDaily = await timed("CostDaily", writeCostDays(tx, snapshot.costs, takenAt));
    rows.Price = await timed("Price", upsertRows(
      tx,
      "Price",
      [
        { name: "vmSize", type: "text" },
        { name: "region", type: "text" },
        { name: "os", type: "text" },
        { name: "priority", type: "text" },
        { name: "currency", type: "text" },
        { name: "hourlyPrice", type: "double precision" },
        { name: "meterName", type: "text" },
        { name: "productName", type: "text" },
        { name: "effectiveDate", type: "timestamptz" },
        { name: "fetchedAt", type: "timestamptz" },
      ],
      ["vmSize", "region", "os", "priority", "currency"],
      { hourlyPrice: 'EXCLUDED."hourlyPrice"', meterName: 'EXCLUDED."meterName"', productName: 'EXCLUDED."productName"', effectiveDate: 'EXCLUDED."effectiveDate"', fetchedAt: 'EXCLUDED."fetchedAt"' },
      inKeyOrder(snapshot.prices, ["vmSize", "region", "os", "priority", "currency"]).map((price) => ({ ...price, fetchedAt: takenAt })),
    ));
    await step("cost");

    await finishRun(tx, runId, {
      status,
      finishedAt: options.runId === undefined ? takenAt : new Date(),
      subscriptionCount: snapshot.subscriptions.length,
      clusterCount: snapshot.clusters.length,
      poolCount: pools.length,
      nodeCount: rows.NodeSnapshot,
      ...countRunNodes(pools),
      pendingPodCount: rows.PendingPod,
      callCount: snapshot.stats.calls,
      retryCount: snapshot.stats.retries,
      errors: snapshot.errors,
      progress: { phase: "done", calls: snapshot.stats.calls, retries: snapshot.stats.retries, callsByKind: snapshot.stats.callsByKind, ...options.progress },
    });
    await step("run");
    return { runId, rows, changes: changes.length };
  }));
  return { ...result, status, writeMs: Date.now() - started, stepMs };
}
