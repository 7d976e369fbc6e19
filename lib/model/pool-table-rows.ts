import type { PoolColumnKey, PoolRow } from "./pool-columns";

/**
 * The fields of a pool's row that each column's cell reads (poolCell, components/pools/pool-cell.tsx), beyond the pool's id.
 * The pools table is a client component: what it is given is serialized into the page, so a row carries only what
 * the shown columns draw, not the thirty-odd fields of the export.
 */
const cellFields: Record<PoolColumnKey, readonly (keyof PoolRow)[]> = {
  subscription: ["subscription"],
  cluster: ["clusterId", "cluster"],
  resourceGroup: ["resourceGroup"],
  location: ["location"],
  name: ["name"],
  mode: ["mode"],
  os: ["os"],
  osSku: ["osSku"],
  vmSize: ["vmSize"],
  family: ["family"],
  type: ["type"],
  count: ["count"],
  ready: ["ready", "count", "measured"],
  notReady: ["notReady", "measured"],
  autoscaling: ["autoscaling"],
  min: ["min"],
  max: ["max"],
  priority: ["priority"],
  eviction: ["eviction"],
  spotMaxPrice: ["spotMaxPrice"],
  zones: ["zones"],
  k8s: ["k8s"],
  currentK8s: ["currentK8s"],
  nodeImage: ["nodeImage"],
  labels: ["labels"],
  taints: ["taints"],
  power: ["power"],
  provisioning: ["provisioning"],
  maxPods: ["maxPods"],
  osDiskType: ["osDiskType"],
  osDiskSizeGb: ["osDiskSizeGb"],
  cpu: ["cpuMillis", "measured"],
  memory: ["memoryBytes", "measured"],
  pods: ["pods", "measured"],
  pending: ["pending", "measured"],
};

/** A group's header row names the subscription and resource group of a cluster group. */
const groupFields: Partial<Record<string, readonly (keyof PoolRow)[]>> = { cluster: ["subscription", "resourceGroup"] };

/** A row as the pools table gets it: the pool's id, the fields its shown columns read and the group it opens. */
export type ShownPoolRow<Group> = Pick<PoolRow, "id"> & Partial<PoolRow> & { group?: Group };

/** The rows of a page of the pools table cut down to what `columns` (and the grouping's header rows) show. */
export function showPoolRows<Group>(rows: readonly (PoolRow & { group?: Group })[], columns: readonly PoolColumnKey[], group?: string): ShownPoolRow<Group>[] {
  const fields = new Set<keyof PoolRow>([...columns.flatMap((column) => cellFields[column]), ...((group && groupFields[group]) || [])]);
  return rows.map((row) => {
    const shown: Record<string, unknown> = { id: row.id };
    for (const field of fields) shown[field] = row[field];
    if (row.group !== undefined) shown.group = row.group;
    return shown as ShownPoolRow<Group>;
  });
}
