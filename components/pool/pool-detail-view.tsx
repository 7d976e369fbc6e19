import Link from "next/link";
import { PoolCountChart } from "@/components/charts/pool-count-chart";
import { SkewBadge } from "@/components/skew-badge";
import { Stat } from "@/components/stat";
import { RunContext } from "@/components/time-travel/run-context";
import { formatAge, formatCores, formatCount, formatDateTime, formatMemory } from "@/lib/format";
import { clusterHref, poolHref, withRun } from "@/lib/hrefs";
import { poolsHref } from "@/lib/model/pool-view";
import { chartRanges, type ChartRange } from "@/lib/model/time-buckets";
import type { PoolDetail } from "@/lib/queries/pool-detail";
import { ChangeLog } from "./change-log";
import { PoolNodes } from "./pool-nodes";
import { PoolProperties } from "./pool-properties";

type Ready = Extract<PoolDetail, { state: "ready" }>;

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
function num(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/** A pool as of a run: what it is, where, its nodes, its node count over time and every change to it. */
export function PoolDetailView({ detail }: { detail: Ready }) {
  const { pool, cluster, subscription, snapshot, run } = detail;
  const past = run.id !== run.latestId ? run.id : undefined;
  const p = snapshot?.properties ?? {};
  const autoscaling = p.enableAutoScaling === true;
  const spot = str(p.scaleSetPriority) === "Spot";
  return (
    <>
      <div className="page-head">
        <div>
          <p className="crumbs">
            <Link href={withRun("/pools", past)}>Pools</Link> / <Link href={clusterHref(cluster.id, past)}>{cluster.name}</Link> /
          </p>
          <h1>
            {pool.name}{" "}
            {str(p.mode) ? <span className="badge info">{str(p.mode)}</span> : null} {spot ? <span className="badge warn">Spot</span> : null}{" "}
            {pool.deletedAt ? <span className="badge bad">deleted</span> : null}
          </h1>
          <p>
            <span className="mono">{str(p.vmSize) ?? "unknown size"}</span> · {[str(p.osType), str(p.osSKU)].filter(Boolean).join(" ")} · {subscription.displayName} · resource group{" "}
            {cluster.resourceGroup} · {cluster.location}
            {cluster.nodeResourceGroup ? ` · node resource group ${cluster.nodeResourceGroup}` : ""}
          </p>
          <p className="mono small muted break">{pool.armId}</p>
        </div>
        <div className="head-links">
          <Link className="button secondary" href={poolsHref({ filters: { cluster: [cluster.id] }, run: past })}>
            Pools of {cluster.name}
          </Link>
        </div>
      </div>
      <RunContext run={run} />
      {pool.deletedAt ? (
        <p className="notice bad" role="status">
          This pool was deleted: it was gone from Azure at {formatDateTime(new Date(pool.deletedAt))} ({formatAge(new Date(pool.deletedAt))}).
          {snapshot ? ` Shown as run #${snapshot.runId} last read it, ${formatDateTime(new Date(snapshot.takenAt))}.` : ""}
        </p>
      ) : null}
      {!snapshot ? (
        <p className="notice info" role="status">
          This pool did not exist yet as of run #{run.id}; Poolscope first saw it {formatDateTime(new Date(pool.firstSeenAt))}.{" "}
          <Link href={poolHref(pool.id)}>See it now</Link>.
        </p>
      ) : snapshot.runId !== run.id && !pool.deletedAt ? (
        <p className="notice warn" role="status">
          Run #{run.id} did not read this pool (its cluster or subscription could not be read); shown as run #{snapshot.runId} read it.
        </p>
      ) : null}
      {snapshot ? (
        <>
          <div className="stats">
            <Stat label="Node count" value={formatCount(num(p.count) ?? 0)} unit="nodes" delta={snapshot.measured ? `${formatCount(snapshot.nodesReady)} ready, ${formatCount(snapshot.nodesNotReady)} not ready` : "cluster not read"} />
            <Stat label="Autoscaler" value={autoscaling ? `${num(p.minCount) ?? "?"}–${num(p.maxCount) ?? "?"}` : "off"} unit={autoscaling ? "nodes" : undefined} delta={autoscaling ? "min–max" : "fixed count"} />
            <Stat label="Allocatable CPU" value={snapshot.measured ? formatCores(snapshot.allocatableCpuMillis) : "–"} delta={snapshot.measured ? `${formatCores(snapshot.requestedCpuMillis)} requested` : undefined} />
            <Stat label="Allocatable memory" value={snapshot.measured ? formatMemory(snapshot.allocatableMemoryBytes) : "–"} delta={snapshot.measured ? `${formatMemory(snapshot.requestedMemoryBytes)} requested` : undefined} />
            <Stat label="Pods" value={formatCount(snapshot.runningPods)} unit="running" delta={`${formatCount(snapshot.pendingPods)} pending`} />
            <Stat label="Max pods" value={formatCount(num(p.maxPods) ?? 0)} unit="per node" delta={`${formatCount((num(p.maxPods) ?? 0) * (num(p.count) ?? 0))} in the pool`} />
          </div>
          <div className="grid cols-2-1">
            <section className="panel" aria-label="Node count over time">
              <div className="panel-head">
                <h2>Node count over time</h2>
                <nav className="segmented" aria-label="Range">
                  {(Object.keys(chartRanges) as ChartRange[]).map((option) => (
                    <Link key={option} href={withRun(`${poolHref(pool.id)}?range=${option}`, past)} aria-current={option === detail.history.range ? "true" : undefined} scroll={false}>
                      {option}
                    </Link>
                  ))}
                </nav>
              </div>
              <PoolCountChart points={detail.history.points} />
            </section>
            <section className="panel" aria-label="Versions">
              <h2>Versions</h2>
              <table className="properties">
                <tbody>
                  <tr>
                    <th scope="row">Control plane</th>
                    <td className="mono">{cluster.controlPlaneVersion ?? "–"}</td>
                  </tr>
                  <tr>
                    <th scope="row">This pool</th>
                    <td>
                      <span className="mono">{str(p.currentOrchestratorVersion) ?? str(p.orchestratorVersion) ?? "–"}</span> <SkewBadge skew={detail.skew} />
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">Node image</th>
                    <td className="mono break">{str(p.nodeImageVersion) ?? "–"}</td>
                  </tr>
                  <tr>
                    <th scope="row">Latest node image</th>
                    <td className="mono break">
                      {snapshot.latestNodeImageVersion ?? <span className="muted">not read</span>}{" "}
                      {snapshot.latestNodeImageVersion && snapshot.latestNodeImageVersion !== str(p.nodeImageVersion) ? <span className="badge warn">upgrade available</span> : null}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">First seen</th>
                    <td>{formatDateTime(new Date(pool.firstSeenAt))}</td>
                  </tr>
                </tbody>
              </table>
            </section>
          </div>
          <h2 className="section-title">Properties</h2>
          <PoolProperties properties={p} />
          <h2 className="section-title">
            Nodes <span className="muted small">as run #{snapshot.runId} read them</span>
          </h2>
          {detail.nodes.length > 0 ? (
            <PoolNodes nodes={detail.nodes} takenAt={snapshot.takenAt} />
          ) : (
            <p className="muted">
              {!snapshot.measured ? "The run could not read the cluster's nodes." : num(p.count) === 0 ? "The pool has no nodes." : "Node rows of this run are no longer kept (they are kept for a short window)."}
            </p>
          )}
        </>
      ) : null}
      <h2 className="section-title" id="changes">
        Change log
      </h2>
      <ChangeLog changes={detail.changes} pageHref={`${poolHref(pool.id)}?range=${detail.history.range}`} run={past} />
    </>
  );
}
