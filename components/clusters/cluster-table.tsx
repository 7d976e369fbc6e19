"use client";

import { useSoftLinks } from "@/components/hooks/use-soft-links";
import { stateTone } from "@/components/pools/pool-cell";
import { formatCount } from "@/lib/format";
import { clusterHref } from "@/lib/hrefs";
import { poolsHref } from "@/lib/model/pool-view";
import type { ClusterListRow } from "@/lib/queries/cluster-list";

function stateBadge(state: string | null) {
  return state ? <span className={`badge ${stateTone(state)}`}>{state}</span> : "–";
}

/**
 * One page of clusters. A client component fed with the rows, so that the page's RSC payload carries them as data
 * rather than as a hundred rows of elements, with plain links followed in place (useSoftLinks).
 */
export function ClusterTable({ clusters, run }: { clusters: ClusterListRow[]; run?: number }) {
  const softLinks = useSoftLinks();
  return (
    <div className="table-wrap" {...softLinks}>
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
                <a className="strong" href={clusterHref(cluster.id, run)}>
                  {cluster.name}
                </a>
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
                <a href={poolsHref({ filters: { cluster: [cluster.id] }, run })}>{formatCount(cluster.pools)}</a>
              </td>
              <td className="num">{formatCount(cluster.nodes)}</td>
              <td className="num">{cluster.kubeReachable ? formatCount(cluster.readyNodes) : <span className="muted">–</span>}</td>
              <td>{cluster.skuTier ?? "–"}</td>
              <td>{stateBadge(cluster.powerState)}</td>
              <td>{stateBadge(cluster.provisioningState)}</td>
              <td>{cluster.kubeReachable ? <span className="badge ok">read</span> : <span className="badge warn">not reachable</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
