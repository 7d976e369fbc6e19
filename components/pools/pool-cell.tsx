import Link from "next/link";
import { formatCores, formatCount, formatMemory } from "@/lib/format";
import { clusterHref, poolHref } from "@/lib/hrefs";
import type { PoolColumnKey, PoolRow } from "@/lib/model/pool-columns";

const none = <span className="muted">none</span>;
const unknown = <span className="muted">–</span>;

function count(value: number | null) {
  return value === null ? unknown : formatCount(value);
}

export function stateTone(state: string | null): string {
  const value = state?.toLowerCase();
  if (value === "running" || value === "succeeded") return "ok";
  if (value === "stopped" || value === "canceled") return "warn";
  if (value === "failed") return "bad";
  return "info";
}

/** Key=value chips, the first few shown and the rest counted; the title lists them all. */
function Chips({ items, max = 3 }: { items: string[]; max?: number }) {
  if (items.length === 0) return none;
  return (
    <span className="chips" title={items.join("\n")}>
      {items.slice(0, max).map((item) => (
        <span className="chip mono" key={item}>
          {item}
        </span>
      ))}
      {items.length > max ? <span className="muted">+{items.length - max} more</span> : null}
    </span>
  );
}

/** One cell of the pools table: every number with its unit (or the header's), links into the pool and cluster. */
export function PoolCell({ row, column, run }: { row: PoolRow; column: PoolColumnKey; run?: number }) {
  switch (column) {
    case "name":
      return (
        <Link href={poolHref(row.id, run)} className="strong">
          {row.name}
        </Link>
      );
    case "cluster":
      return <Link href={clusterHref(row.clusterId, run)}>{row.cluster}</Link>;
    case "count":
    case "min":
    case "max":
    case "maxPods":
      return count(row[column]);
    case "ready":
      return row.measured ? <span className={row.count !== null && row.ready < row.count ? "warn-text" : undefined}>{formatCount(row.ready)}</span> : unknown;
    case "notReady":
    case "pods":
    case "pending":
      return row.measured ? formatCount(row[column]) : unknown;
    case "cpu":
      return row.measured ? formatCores(row.cpuMillis) : unknown;
    case "memory":
      return row.measured ? formatMemory(row.memoryBytes) : unknown;
    case "osDiskSizeGb":
      return row.osDiskSizeGb === null ? unknown : `${formatCount(row.osDiskSizeGb)} GB`;
    case "spotMaxPrice":
      if (row.spotMaxPrice === null) return unknown;
      return row.spotMaxPrice < 0 ? <span title="-1: pay up to the on-demand price">on-demand</span> : `$${row.spotMaxPrice}/h`;
    case "autoscaling":
      return row.autoscaling ? "on" : <span className="muted">off</span>;
    case "priority":
      return <span className={`badge ${row.priority === "Spot" ? "warn" : ""}`}>{row.priority}</span>;
    case "power":
    case "provisioning":
      return row[column] ? <span className={`badge ${stateTone(row[column])}`}>{row[column]}</span> : unknown;
    case "zones":
      return row.zones.length === 0 ? none : row.zones.join(", ");
    case "labels":
      return <Chips items={Object.entries(row.labels).map(([key, value]) => `${key}=${value}`)} />;
    case "taints":
      return <Chips items={row.taints} max={2} />;
    case "k8s":
    case "currentK8s":
    case "nodeImage":
    case "vmSize":
      return row[column] ? <span className="mono">{row[column]}</span> : unknown;
    default:
      return row[column] ?? unknown;
  }
}
