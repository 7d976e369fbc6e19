import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { ClusterListView } from "@/components/clusters/cluster-list-view";
import { NoRunYet } from "@/components/no-run-yet";
import { TableSkeleton } from "@/components/skeleton";
import { parseWholeParam } from "@/lib/model/run-param";
import { getClusterList } from "@/lib/queries/cluster-list";

export const metadata: Metadata = { title: "Clusters" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default function ClustersPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Clusters</h1>
          <p>Every AKS cluster, its control plane&apos;s version against its pools&apos;, and its pools and nodes.</p>
        </div>
      </div>
      <Suspense fallback={<TableSkeleton />}>
        <Clusters searchParams={searchParams} />
      </Suspense>
    </>
  );
}

async function Clusters({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const params = await searchParams;
  const q = typeof params.q === "string" && params.q.trim() ? params.q.trim() : undefined;
  const skewedOnly = params.skew === "only";
  const list = await getClusterList({ run: parseWholeParam(params.run), q, skewedOnly, page: parseWholeParam(params.page) });
  if (list.state === "empty") return <NoRunYet lastRun={list.lastRun} />;
  return <ClusterListView list={list} q={q} skewedOnly={skewedOnly} />;
}
