import type { ReactNode } from "react";
import { formatCores, formatCount, formatMemory } from "@/lib/format";
import { clusterHref, poolHref } from "@/lib/hrefs";
import type { PoolColumnKey, PoolRow } from "@/lib/model/pool-columns";

/** A cell's class and content: the pools table draws a thousand of them, so the class goes on the cell itself. */
export type PoolCellView = { className?: string; content: ReactNode };

const unknown: PoolCellView = { className: "muted", content: "–" };
const none: PoolCellView = { className: "muted", content: "none" };

function count(value: number | null): PoolCellView {
  return value === null ? unknown : { content: formatCount(value) };
}

export function stateTone(state: string | null): string {
  const value = state?.toLowerCase();
  if (value === "running" || value === "succeeded") return "ok";
  if (value === "stopped" || value === "canceled") return "warn";
  if (value === "failed") return "bad";
  return "info";
}

/** Key=value chips, the first few shown and the rest counted; the title lists them all. */
function chips(items: string[], max = 3): PoolCellView {
  if (items.length === 0) return none;
  return {
    content: (
      <span className="chips" title={items.join("\n")}>
        {items.slice(0, max).map((item) => (
          <span className="chip mono" key={item}>
            {item}
          </span>
        ))}
        {items.length > max ? <span className="muted">+{items.length - max} more</span> : null}
      </span>
    ),
  };
}

/**
 * What a column shows of a pool: every number with its unit (or the header's), plain links into the pool and its
 * cluster (the table navigates them in place, see useSoftLinks).
 */
export function poolCell(row: PoolRow, column: PoolColumnKey, run?: number): PoolCellView {
  switch (column) {
    case "name":
      return {
        content: (
          <a href={poolHref(row.id, run)} className="strong">
            {row.name}
          </a>
        ),
      };
    case "cluster":
      return { content: <a href={clusterHref(row.clusterId, run)}>{row.cluster}</a> };
    case "count":
    case "min":
    case "max":
    case "maxPods":
      return count(row[column]);
    case "ready":
      if (!row.measured) return unknown;
      return { className: row.count !== null && row.ready < row.count ? "warn-text" : undefined, content: formatCount(row.ready) };
    case "notReady":
    case "pods":
    case "pending":
      return row.measured ? { content: formatCount(row[column]) } : unknown;
    case "cpu":
      return row.measured ? { content: formatCores(row.cpuMillis) } : unknown;
    case "memory":
      return row.measured ? { content: formatMemory(row.memoryBytes) } : unknown;
    case "osDiskSizeGb":
      return row.osDiskSizeGb === null ? unknown : { content: `${formatCount(row.osDiskSizeGb)} GB` };
    case "spotMaxPrice":
      if (row.spotMaxPrice === null) return unknown;
      return row.spotMaxPrice < 0 ? { content: <span title="-1: pay up to the on-demand price">on-demand</span> } : { content: `$${row.spotMaxPrice}/h` };
    case "autoscaling":
      return row.autoscaling ? { content: "on" } : { className: "muted", content: "off" };
    case "priority":
      return { content: <span className={`badge ${row.priority === "Spot" ? "warn" : ""}`}>{row.priority}</span> };
    case "power":
    case "provisioning":
      return row[column] ? { content: <span className={`badge ${stateTone(row[column])}`}>{row[column]}</span> } : unknown;
    case "zones":
      return row.zones.length === 0 ? none : { content: row.zones.join(", ") };
    case "labels":
      return chips(Object.entries(row.labels).map(([key, value]) => `${key}=${value}`));
    case "taints":
      return chips(row.taints, 2);
    case "k8s":
    case "currentK8s":
    case "nodeImage":
    case "vmSize":
      return row[column] ? { className: "mono", content: row[column] } : unknown;
    default: {
      const value = row[column];
      return value === null || value === undefined ? unknown : { content: value };
    }
  }
}
