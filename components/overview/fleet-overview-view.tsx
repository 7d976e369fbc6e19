import Link from "next/link";
import { FleetNodesChart } from "@/components/charts/fleet-nodes-chart";
import { NoRunYet } from "@/components/no-run-yet";
import { Stat } from "@/components/stat";
import { RunContext } from "@/components/time-travel/run-context";
import { formatCores, formatCount, formatDateTime, formatDelta, formatMemory } from "@/lib/format";
import { withRun } from "@/lib/hrefs";
import { poolsHref } from "@/lib/model/pool-view";
import { chartRanges, type ChartRange } from "@/lib/model/time-buckets";
import type { FleetOverview, FleetTotals } from "@/lib/queries/fleet-overview";
import { BreakdownBars } from "./breakdown-bars";
import { RecentChanges } from "./recent-changes";

function delta(now: FleetTotals, then: FleetTotals | null, key: keyof FleetTotals, format?: (value: number) => string) {
  if (!then) return undefined;
  const change = now[key] - then[key];
  return { text: `${formatDelta(change, format)} in 7 days`, tone: change > 0 ? ("up" as const) : change < 0 ? ("down" as const) : undefined };
}

export function FleetOverviewView({ overview }: { overview: FleetOverview }) {
  if (overview.state === "empty") return <NoRunYet lastRun={overview.lastRun} />;
  const { totals, weekAgo, run } = overview;
  const past = run.id !== run.latestId ? run.id : undefined;
  const stats = [
    { label: "Subscriptions", value: formatCount(totals.subscriptions), d: delta(totals, weekAgo, "subscriptions"), href: withRun("/clusters", past) },
    { label: "Clusters", value: formatCount(totals.clusters), d: delta(totals, weekAgo, "clusters"), href: withRun("/clusters", past) },
    { label: "Node pools", value: formatCount(totals.pools), d: delta(totals, weekAgo, "pools"), href: poolsHref({ run: past }) },
    { label: "Nodes", value: formatCount(totals.nodes), d: delta(totals, weekAgo, "nodes"), href: poolsHref({ sort: "count", dir: "desc", run: past }) },
    { label: "Allocatable CPU", value: formatCores(totals.cpuMillis), d: delta(totals, weekAgo, "cpuMillis", formatCores), href: poolsHref({ sort: "cpu", dir: "desc", run: past }) },
    { label: "Allocatable memory", value: formatMemory(totals.memoryBytes), d: delta(totals, weekAgo, "memoryBytes", formatMemory), href: poolsHref({ sort: "memory", dir: "desc", run: past }) },
  ];
  const range = overview.nodeTrend.range;
  return (
    <>
      <RunContext run={run} />
      <div className="stats">
        {stats.map((stat) => (
          <Stat key={stat.label} label={stat.label} value={stat.value} href={stat.href} delta={stat.d?.text} deltaTone={stat.d?.tone} />
        ))}
      </div>
      <p className="muted small" style={{ marginTop: -8 }}>
        {weekAgo ? `Changes compare with run #${weekAgo.runId} of ${formatDateTime(new Date(weekAgo.startedAt))}.` : "No run a week older than this one yet: the changes in 7 days will show once there is."}
      </p>
      <div className="grid cols-2-1">
        <section className="panel" aria-label="Nodes over time">
          <div className="panel-head">
            <h2>Nodes over time</h2>
            <nav className="segmented" aria-label="Range">
              {(Object.keys(chartRanges) as ChartRange[]).map((option) => (
                <Link key={option} href={withRun(`/?range=${option}`, past)} aria-current={option === range ? "true" : undefined} scroll={false}>
                  {option}
                </Link>
              ))}
            </nav>
          </div>
          <FleetNodesChart points={overview.nodeTrend.points} />
        </section>
        <RecentChanges changes={overview.changes} run={past} />
      </div>
      <div className="grid cols-3">
        <BreakdownBars title="Pools by mode" rows={overview.byMode} column="mode" run={past} />
        <BreakdownBars title="Pools by OS" rows={overview.byOs} column="os" run={past} />
        <BreakdownBars title="Pools by priority" rows={overview.byPriority} column="priority" run={past} />
        <BreakdownBars title="Pools by VM family" rows={overview.byFamily} column="family" run={past} />
        <BreakdownBars title="Pools by Kubernetes version" rows={overview.byVersion} column="k8s" run={past} />
      </div>
    </>
  );
}
