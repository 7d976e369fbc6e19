import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { Stat } from "@/components/stat";
import { formatAge, formatCores, formatCount, formatDelta, formatMemory } from "@/lib/format";
import type { FleetOverview, FleetTotals } from "@/lib/queries/fleet-overview";
import { BreakdownBars } from "./breakdown-bars";

function delta(now: FleetTotals, then: FleetTotals | null, key: keyof FleetTotals, format?: (value: number) => string) {
  if (!then) return undefined;
  const change = now[key] - then[key];
  return { text: `${formatDelta(change, format)} in 7 days`, tone: change > 0 ? ("up" as const) : change < 0 ? ("down" as const) : undefined };
}

export function FleetOverviewView({ overview }: { overview: FleetOverview }) {
  if (overview.state === "empty") {
    return (
      <EmptyState title="No collection has finished yet">
        <p>
          Poolscope shows what its collections have read. {overview.lastRun ? `Run #${overview.lastRun.id} is ${overview.lastRun.status}.` : "None has run yet."}{" "}
          Start one from the <Link href="/runs">Runs page</Link>, with <code>npm run collect</code>, or wait for the schedule.
        </p>
        <p>
          Against Azure, set <code>POOLSCOPE_SOURCE=azure</code> and a credential (see the README); with no configuration, <code>npm start</code> serves the
          emulator&apos;s demo estate.
        </p>
      </EmptyState>
    );
  }
  const { totals, weekAgo, run } = overview;
  const stats = [
    { label: "Subscriptions", value: formatCount(totals.subscriptions), d: delta(totals, weekAgo, "subscriptions") },
    { label: "Clusters", value: formatCount(totals.clusters), d: delta(totals, weekAgo, "clusters") },
    { label: "Node pools", value: formatCount(totals.pools), d: delta(totals, weekAgo, "pools") },
    { label: "Nodes", value: formatCount(totals.nodes), d: delta(totals, weekAgo, "nodes") },
    { label: "Allocatable CPU", value: formatCores(totals.cpuMillis), d: delta(totals, weekAgo, "cpuMillis", formatCores) },
    { label: "Allocatable memory", value: formatMemory(totals.memoryBytes), d: delta(totals, weekAgo, "memoryBytes", formatMemory) },
  ];
  return (
    <>
      {run.status === "partial" ? (
        <p className="notice warn" role="status">
          The latest run (#{run.id}) was partial: {run.errorCount} {run.errorCount === 1 ? "scope" : "scopes"} could not be read. See{" "}
          <Link href="/runs">Runs</Link>.
        </p>
      ) : null}
      <p className="muted" style={{ marginTop: 0 }}>
        As of run <Link href="/runs">#{run.id}</Link>, {formatAge(run.startedAt)} ({run.status}).
      </p>
      <div className="stats">
        {stats.map((stat) => (
          <Stat key={stat.label} label={stat.label} value={stat.value} delta={stat.d?.text ?? "no week-old run to compare"} deltaTone={stat.d?.tone} />
        ))}
      </div>
      <div className="grid cols-2">
        <BreakdownBars title="Pools by mode" rows={overview.byMode} />
        <BreakdownBars title="Pools by OS" rows={overview.byOs} />
        <BreakdownBars title="Pools by priority" rows={overview.byPriority} />
        <BreakdownBars title="Pools by Kubernetes version" rows={overview.byVersion} />
      </div>
    </>
  );
}
