import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import { ClusterDetailView } from "@/components/clusters/cluster-detail-view";
import { NoRunYet } from "@/components/no-run-yet";
import { PageSkeleton } from "@/components/skeleton";
import { idFromSegments } from "@/lib/hrefs";
import { parseWholeParam } from "@/lib/model/run-param";
import { getClusterDetail } from "@/lib/queries/cluster-detail";

type Params = Promise<{ id: string[] }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Cluster ${decodeURIComponent(id.at(-1) ?? "")}` };
}

export default function ClusterPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  return (
    <Suspense fallback={<PageSkeleton rows={10} />}>
      <Cluster params={params} searchParams={searchParams} />
    </Suspense>
  );
}

async function Cluster({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  await connection();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const detail = await getClusterDetail(idFromSegments(id), { run: parseWholeParam(query.run) });
  if (detail.state === "not-found") notFound();
  if (detail.state === "empty") return <NoRunYet lastRun={detail.lastRun} />;
  return <ClusterDetailView detail={detail} />;
}
