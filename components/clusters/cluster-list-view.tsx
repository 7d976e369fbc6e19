import Link from "next/link";
import { LinkPager } from "@/components/link-pager";
import { stateTone } from "@/components/pools/pool-cell";
import { RunContext } from "@/components/time-travel/run-context";
import { formatCount } from "@/lib/format";
import { clusterHref } from "@/lib/hrefs";
import { poolsHref } from "@/lib/model/pool-view";
import type { ClusterList } from "@/lib/queries/cluster-list";

/** Every cluster of the run: version, pools and nodes, and pools whose version is too far from the control plane. */
export function ClusterListView({ list, q, skewedOnly }: { list: Extract<ClusterList, { state: "ready" }>; q?: string; skewedOnly: boolean }) {
  const { run, clusters, totals } = list;
  const past = run.id !== run.latestId ? run.id : undefined;
  const hrefFor = (page: number, skewed = skewedOnly) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (skewed) params.set("skew", "only");
    if (page > 1) params.set("page", String(page));
    if (past) params.set("run", String(past));
    return params.size ? `/clusters?${params}` : "/clusters";
  };
  return (
    <>
      <RunContext run={run} />
      {/* A plain GET form: the filter lives in the URL like every other view. */}
      <form className="filter-bar cluster-filters" method="get" action="/clusters">
        <label className="field search" htmlFor="cluster-search">
          <span>Search</span>
          <input id="cluster-search" className="input" type="search" name="q" defaultValue={q} placeholder="Cluster, subscription, resource group, location, version" />
        </label>
        <label className="check">
          <input type="checkbox" name="skew" value="only" defaultChecked={skewedOnly} /> Only clusters with skewed pools
        </label>
        {past ? <input type="hidden" name="run" value={past} /> : null}
        <button type="submit" className="button secondary">
          Apply
        </button>
      </form>
      <p className="summary" style={{ marginBottom: 10 }}>
        <strong>{formatCount(totals.clusters)}</strong> {totals.clusters === 1 ? "cluster" : "clusters"} in <strong>{formatCount(totals.subscriptions)}</strong>{" "}
        {totals.subscriptions === 1 ? "subscription" : "subscriptions"}
        {totals.clusters !== totals.allClusters ? <span className="muted"> (of {formatCount(totals.allClusters)})</span> : null}
        {totals.skewedClusters > 0 ? (
          <>
            {" "}
            · <Link href={hrefFor(1, true)}><span className="badge bad">{formatCount(totals.skewedClusters)}</span> with pools more than one minor behind or ahead</Link>
          </>
        ) : null}
      </p>
      <div className="table-wrap">
        <table className="data nowrap-cells">
          <caption className="skip-link">Clusters, by subscription</caption>
          <thead>
            <tr>
              <th scope="col">Subscription</th>
              <th scope="col">Cluster</th>
              <th scope="col">Resource group</th>
              <th scope="col">Location</th>
              <th scope="col">Kubernetes</th>
              <th scope="col">Pool versions</th>
              <th scope="col" className="num">
                Pools
              </th>
              <th scope="col" className="num">
                Nodes
              </th>
              <th scope="col" className="num">
                Ready nodes
              </th>
              <th scope="col">Tier</th>
              <th scope="col">Power</th>
              <th scope="col">Provisioning</th>
              <th scope="col">Kubernetes API</th>
            </tr>
          </thead>
          <tbody>
            {clusters.map((cluster) => (
              <tr key={cluster.id} data-cluster-id={cluster.id}>
                <td>{cluster.subscription}</td>
                <td>
                  <Link className="strong" href={clusterHref(cluster.id, past)}>
                    {cluster.name}
                  </Link>
                </td>
                <td>{cluster.resourceGroup}</td>
                <td>{cluster.location}</td>
                <td className="mono">{cluster.kubernetesVersion ?? "–"}</td>
                <td>
                  <span className="mono">{cluster.poolVersions.join(", ") || "–"}</span>{" "}
                  {cluster.skewedPools > 0 ? (
                    <span className="badge bad" title="Pools more than one minor behind the control plane, or ahead of it">
                      {cluster.skewedPools} skewed
                    </span>
                  ) : null}
                </td>
                <td className="num">
                  <Link href={poolsHref({ filters: { cluster: [cluster.id] }, run: past })}>{formatCount(cluster.pools)}</Link>
                </td>
                <td className="num">{formatCount(cluster.nodes)}</td>
                <td className="num">{cluster.kubeReachable ? formatCount(cluster.readyNodes) : <span className="muted">–</span>}</td>
                <td>{cluster.skuTier ?? "–"}</td>
                <td>{cluster.powerState ? <span className={`badge ${stateTone(cluster.powerState)}`}>{cluster.powerState}</span> : "–"}</td>
                <td>{cluster.provisioningState ? <span className={`badge ${stateTone(cluster.provisioningState)}`}>{cluster.provisioningState}</span> : "–"}</td>
                <td>{cluster.kubeReachable ? <span className="badge ok">read</span> : <span className="badge warn">not reachable</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LinkPager page={list.page} size={list.size} total={totals.clusters} noun="clusters" hrefFor={(page) => hrefFor(page)} />
    </>
  );
}
