import Link from "next/link";
import { poolCell, stateTone } from "@/components/pools/pool-cell";
import { PropertyValue } from "@/components/property-value";
import { SkewBadge } from "@/components/skew-badge";
import { SoftLinks } from "@/components/soft-links";
import { Stat } from "@/components/stat";
import { RunContext } from "@/components/time-travel/run-context";
import { formatAge, formatCount, formatDateTime } from "@/lib/format";
import { poolHref, withRun } from "@/lib/hrefs";
import { isSkewFlagged } from "@/lib/model/version-skew";
import { poolColumn, type PoolColumnKey } from "@/lib/model/pool-columns";
import { poolsHref } from "@/lib/model/pool-view";
import type { ClusterDetail } from "@/lib/queries/cluster-detail";

type Ready = Extract<ClusterDetail, { state: "ready" }>;

/** The pools side by side: one row per property, one column per pool, so differences stand out. */
const sideBySide: PoolColumnKey[] = ["mode", "vmSize", "os", "osSku", "count", "ready", "autoscaling", "min", "max", "priority", "zones", "k8s", "nodeImage", "maxPods", "osDiskSizeGb", "labels", "taints", "power", "provisioning"];

/** A cluster as of a run: its properties, its pools side by side with their version skew, its node resource group. */
export function ClusterDetailView({ detail }: { detail: Ready }) {
  const { cluster, subscription, snapshot, pools, run } = detail;
  const past = run.id !== run.latestId ? run.id : undefined;
  const controlPlane = snapshot?.currentKubernetesVersion ?? snapshot?.kubernetesVersion ?? null;
  const flagged = pools.filter((pool) => isSkewFlagged(pool.skew));
  const rows: [string, unknown][] = snapshot
    ? [
        ["kubernetesVersion", snapshot.kubernetesVersion],
        ["currentKubernetesVersion", snapshot.currentKubernetesVersion],
        ["sku.tier", snapshot.skuTier],
        ["nodeResourceGroup", snapshot.nodeResourceGroup],
        ["networkProfile.networkPlugin", snapshot.networkPlugin],
        ["networkProfile.networkPolicy", snapshot.networkPolicy],
        ["fqdn", snapshot.fqdn],
        ["apiServerAccessProfile.enablePrivateCluster", snapshot.privateCluster],
        ["powerState", snapshot.powerState],
        ["provisioningState", snapshot.provisioningState],
        ["tags", snapshot.tags],
      ]
    : [];
  return (
    <>
      <div className="page-head">
        <div>
          <p className="crumbs">
            <Link href={withRun("/clusters", past)}>Clusters</Link> / {subscription.displayName} /
          </p>
          <h1>
            {cluster.name} {cluster.deletedAt ? <span className="badge bad">deleted</span> : null}
          </h1>
          <p>
            {subscription.displayName} · resource group {cluster.resourceGroup} · {cluster.location}
          </p>
          <p className="mono small muted break">{cluster.armId}</p>
        </div>
        <div className="head-links">
          <Link className="button secondary" href={poolsHref({ filters: { cluster: [cluster.id] }, run: past })}>
            Its pools in the pools table
          </Link>
        </div>
      </div>
      <RunContext run={run} />
      {!snapshot ? (
        <p className="notice info">This cluster did not exist yet as of run #{run.id}; Poolscope first saw it {formatDateTime(new Date(cluster.firstSeenAt))}.</p>
      ) : (
        <>
          {snapshot.runId !== run.id ? <p className="notice warn">Run #{run.id} did not read this cluster; shown as run #{snapshot.runId} read it.</p> : null}
          {!snapshot.kubeReachable ? (
            <p className="notice warn">
              The run could not read this cluster&apos;s Kubernetes API{snapshot.kubeError ? `: ${snapshot.kubeError}` : ""}. Node figures are missing.
            </p>
          ) : null}
          <div className="stats">
            <Stat label="Control plane" value={controlPlane ?? "–"} delta={`tier ${snapshot.skuTier ?? "unknown"}`} />
            <Stat label="Node pools" value={formatCount(pools.length)} delta={detail.deletedPools.length ? `${detail.deletedPools.length} deleted` : undefined} />
            <Stat label="Nodes" value={formatCount(pools.reduce((sum, pool) => sum + (pool.count ?? 0), 0))} unit="nodes" delta={`${formatCount(pools.reduce((sum, pool) => sum + pool.ready, 0))} ready`} />
            <Stat label="Version skew" value={flagged.length === 0 ? "none" : formatCount(flagged.length)} unit={flagged.length ? (flagged.length === 1 ? "pool" : "pools") : undefined} delta={flagged.length ? "more than 1 minor behind, or ahead" : "every pool within 1 minor"} deltaTone={flagged.length ? "down" : undefined} />
          </div>
          <div className="grid cols-2-1">
            <section className="panel" aria-label="Cluster properties">
              <h2>Properties</h2>
              <table className="properties">
                <tbody>
                  {rows.map(([name, value]) => (
                    <tr key={name} data-property={name}>
                      <th scope="row" className="mono">
                        {name}
                      </th>
                      <td>{name.endsWith("State") && typeof value === "string" ? <span className={`badge ${stateTone(value)}`}>{value}</span> : <PropertyValue value={value ?? undefined} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <details>
                <summary>Every ARM property as read</summary>
                <pre className="json">{JSON.stringify(snapshot.properties, null, 2)}</pre>
              </details>
            </section>
            <section className="panel" aria-label="Version skew">
              <h2>Pools against the control plane ({controlPlane ?? "unknown"})</h2>
              <SoftLinks>
                <table className="properties">
                  <tbody>
                    {pools.map((pool) => (
                      <tr key={pool.id} data-pool={pool.name}>
                        <th scope="row">
                          <a href={poolHref(pool.id, past)}>{pool.name}</a>
                        </th>
                        <td>
                          <span className="mono">{pool.currentK8s ?? pool.k8s ?? "–"}</span> <SkewBadge skew={pool.skew} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </SoftLinks>
            </section>
          </div>
          <h2 className="section-title">Pools side by side</h2>
          {pools.length === 0 ? (
            <p className="muted">The run read no pools in this cluster.</p>
          ) : (
            <SoftLinks className="table-wrap">
              <table className="data side-by-side">
                <caption className="skip-link">The cluster&apos;s pools, one per column</caption>
                <thead>
                  <tr>
                    <th scope="col">Property</th>
                    {pools.map((pool) => (
                      <th scope="col" key={pool.id}>
                        <a href={poolHref(pool.id, past)}>{pool.name}</a>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">Version skew</th>
                    {pools.map((pool) => (
                      <td key={pool.id}>
                        <SkewBadge skew={pool.skew} />
                      </td>
                    ))}
                  </tr>
                  {sideBySide.map((key) => (
                    <tr key={key}>
                      <th scope="row">{poolColumn(key).label}</th>
                      {pools.map((pool) => {
                        const cell = poolCell(pool, key, past);
                        return (
                          <td key={pool.id} className={cell.className}>
                            {cell.content}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </SoftLinks>
          )}
        </>
      )}
      {detail.deletedPools.length > 0 ? (
        <>
          <h2 className="section-title">Deleted pools</h2>
          <SoftLinks>
            <ul>
              {detail.deletedPools.map((pool) => (
                <li key={pool.id}>
                  <a href={poolHref(pool.id, past)}>{pool.name}</a> <span className="muted">deleted {formatDateTime(new Date(pool.deletedAt))} ({formatAge(new Date(pool.deletedAt))})</span>
                </li>
              ))}
            </ul>
          </SoftLinks>
        </>
      ) : null}
    </>
  );
}
