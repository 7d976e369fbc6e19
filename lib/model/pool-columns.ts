/**
 * The columns of the pools table: one registry shared by the page (headers, chooser, filters), the CSV export
 * (header names with units, cell values) and the read model (which keys it may filter and sort on). The SQL behind
 * each key lives in lib/queries/pool-inventory-sql.ts, keyed by the same names.
 */

/** One pool of one run, as the pools table and its exports see it. */
export type PoolRow = {
  /** Lower-cased ARM id: Poolscope's key for the pool. */
  id: string;
  /** The ARM id with ARM's casing, for exports. */
  armId: string;
  subscription: string;
  subscriptionId: string;
  clusterId: string;
  cluster: string;
  resourceGroup: string;
  location: string;
  name: string;
  mode: string | null;
  os: string | null;
  osSku: string | null;
  vmSize: string | null;
  family: string | null;
  type: string | null;
  count: number | null;
  ready: number;
  notReady: number;
  autoscaling: boolean;
  min: number | null;
  max: number | null;
  priority: string;
  eviction: string | null;
  spotMaxPrice: number | null;
  zones: string[];
  k8s: string | null;
  currentK8s: string | null;
  nodeImage: string | null;
  labels: Record<string, string>;
  taints: string[];
  power: string | null;
  provisioning: string | null;
  maxPods: number | null;
  osDiskType: string | null;
  osDiskSizeGb: number | null;
  cpuMillis: number;
  memoryBytes: number;
  pods: number;
  pending: number;
  measured: boolean;
};

/**
 * How a column is filtered from the URL: `exact` (one of the values, case-insensitive), `number` (3, >3, >=3, <3,
 * <=3, 3..10), `zones` (a zone, or `none`), `labels` (`key` present or `key=value`), `contains` (a substring,
 * case-insensitive) and `bool` (true or false).
 */
export type FilterKind = "exact" | "number" | "zones" | "labels" | "contains" | "bool";

export type PoolColumn = {
  key: string;
  /** Header on the page. */
  label: string;
  /** Header in the CSV: the unit in the name where the value has one. */
  csv: string;
  filter: FilterKind;
  /** Offered as a list of the run's values in the filter bar. */
  facet?: boolean;
  /** Shown when the URL names no columns. */
  default?: boolean;
  numeric?: boolean;
  /** What the column means, for the header's title. */
  description?: string;
};

export const poolColumns = [
  { key: "subscription", label: "Subscription", csv: "Subscription", filter: "exact", facet: true, default: true },
  { key: "cluster", label: "Cluster", csv: "Cluster", filter: "exact", facet: true, default: true },
  { key: "resourceGroup", label: "Resource group", csv: "Resource group", filter: "exact", facet: true },
  { key: "location", label: "Location", csv: "Location", filter: "exact", facet: true },
  { key: "name", label: "Pool", csv: "Pool", filter: "exact", default: true },
  { key: "mode", label: "Mode", csv: "Mode", filter: "exact", facet: true, default: true },
  { key: "os", label: "OS", csv: "OS type", filter: "exact", facet: true, default: true },
  { key: "osSku", label: "OS SKU", csv: "OS SKU", filter: "exact", facet: true },
  { key: "vmSize", label: "VM size", csv: "VM size", filter: "exact", facet: true, default: true },
  { key: "family", label: "VM family", csv: "VM family", filter: "exact", facet: true, description: "The VM series and version, e.g. Dsv5" },
  { key: "type", label: "Pool type", csv: "Pool type", filter: "exact", facet: true },
  { key: "count", label: "Nodes", csv: "Nodes (count)", filter: "number", numeric: true, default: true, description: "Node count the pool is set to (ARM count)" },
  { key: "ready", label: "Ready nodes", csv: "Ready nodes (count)", filter: "number", numeric: true, default: true, description: "Nodes Ready in the cluster when the run read it" },
  { key: "notReady", label: "Not ready nodes", csv: "Not ready nodes (count)", filter: "number", numeric: true },
  { key: "autoscaling", label: "Autoscaler", csv: "Autoscaler enabled", filter: "bool" },
  { key: "min", label: "Min nodes", csv: "Autoscaler min (nodes)", filter: "number", numeric: true, default: true, description: "Autoscaler minimum node count" },
  { key: "max", label: "Max nodes", csv: "Autoscaler max (nodes)", filter: "number", numeric: true, default: true, description: "Autoscaler maximum node count" },
  { key: "priority", label: "Priority", csv: "Priority", filter: "exact", facet: true, default: true },
  { key: "eviction", label: "Eviction", csv: "Spot eviction policy", filter: "exact", facet: true },
  { key: "spotMaxPrice", label: "Spot max price", csv: "Spot max price (USD per hour; -1 = on-demand price)", filter: "number", numeric: true },
  { key: "zones", label: "Zones", csv: "Availability zones", filter: "zones", facet: true, default: true },
  { key: "k8s", label: "Kubernetes", csv: "Kubernetes version", filter: "exact", facet: true, default: true },
  { key: "currentK8s", label: "Current Kubernetes", csv: "Current Kubernetes version", filter: "exact", facet: true },
  { key: "nodeImage", label: "Node image", csv: "Node image version", filter: "exact", facet: true },
  { key: "labels", label: "Labels", csv: "Node labels", filter: "labels" },
  { key: "taints", label: "Taints", csv: "Node taints", filter: "contains" },
  { key: "power", label: "Power", csv: "Power state", filter: "exact", facet: true, default: true },
  { key: "provisioning", label: "Provisioning", csv: "Provisioning state", filter: "exact", facet: true, default: true },
  { key: "maxPods", label: "Max pods/node", csv: "Max pods (per node)", filter: "number", numeric: true },
  { key: "osDiskType", label: "OS disk type", csv: "OS disk type", filter: "exact", facet: true },
  { key: "osDiskSizeGb", label: "OS disk", csv: "OS disk size (GB)", filter: "number", numeric: true },
  { key: "cpu", label: "Allocatable CPU", csv: "Allocatable CPU (vCPU)", filter: "number", numeric: true, description: "Allocatable CPU of the pool's nodes" },
  { key: "memory", label: "Allocatable memory", csv: "Allocatable memory (GiB)", filter: "number", numeric: true, description: "Allocatable memory of the pool's nodes" },
  { key: "pods", label: "Running pods", csv: "Running pods (count)", filter: "number", numeric: true },
  { key: "pending", label: "Pending pods", csv: "Pending pods (count)", filter: "number", numeric: true, description: "Pending pods whose selectors point at this pool" },
] as const satisfies readonly PoolColumn[];

export type PoolColumnKey = (typeof poolColumns)[number]["key"];

export const poolColumnKeys = poolColumns.map((column) => column.key) as PoolColumnKey[];

export const defaultPoolColumns = poolColumns.filter((column) => "default" in column && column.default).map((column) => column.key) as PoolColumnKey[];

const byKey = new Map<string, PoolColumn>(poolColumns.map((column) => [column.key, column]));

export function poolColumn(key: PoolColumnKey): PoolColumn {
  return byKey.get(key)!;
}

export function isPoolColumnKey(key: string): key is PoolColumnKey {
  return byKey.has(key);
}

/** The columns offered as value lists in the filter bar. */
export const facetColumnKeys = poolColumns.filter((column) => "facet" in column && column.facet).map((column) => column.key) as PoolColumnKey[];

const GIB = 1024 ** 3;

/** A cell of the CSV export: plain values in the unit its header names, lists joined with "; ". */
export function csvCell(row: PoolRow, key: PoolColumnKey): string | number | boolean | null {
  switch (key) {
    case "labels":
      return Object.entries(row.labels)
        .map(([label, value]) => `${label}=${value}`)
        .join("; ");
    case "taints":
      return row.taints.join("; ");
    case "zones":
      return row.zones.join("; ");
    case "cpu":
      return row.cpuMillis / 1000;
    case "memory":
      return Math.round((row.memoryBytes / GIB) * 100) / 100;
    default:
      return row[key];
  }
}
