import Link from "next/link";
import { LinkPager } from "@/components/link-pager";
import { RunContext } from "@/components/time-travel/run-context";
import { formatCount } from "@/lib/format";
import type { ClusterList } from "@/lib/queries/cluster-list";
import { ClusterTable } from "./cluster-table";

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
      <ClusterTable clusters={clusters} run={past} />
      <LinkPager page={list.page} size={list.size} total={totals.clusters} noun="clusters" hrefFor={(page) => hrefFor(page)} />
    </>
  );
}
