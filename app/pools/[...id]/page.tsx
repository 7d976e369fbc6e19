import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import { NoRunYet } from "@/components/no-run-yet";
import { PoolDetailView } from "@/components/pool/pool-detail-view";
import { PageSkeleton } from "@/components/skeleton";
import { idFromSegments } from "@/lib/hrefs";
import { parseWholeParam } from "@/lib/model/run-param";
import { DEFAULT_CHART_RANGE, isChartRange } from "@/lib/model/time-buckets";
import { getPoolDetail } from "@/lib/queries/pool-detail";

type Params = Promise<{ id: string[] }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Pool ${decodeURIComponent(id.at(-1) ?? "")}` };
}

export default function PoolPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  return (
    <Suspense fallback={<PageSkeleton rows={10} />}>
      <Pool params={params} searchParams={searchParams} />
    </Suspense>
  );
}

async function Pool({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  await connection();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const range = typeof query.range === "string" && isChartRange(query.range) ? query.range : DEFAULT_CHART_RANGE;
  const detail = await getPoolDetail(idFromSegments(id), { run: parseWholeParam(query.run), range, changesPage: parseWholeParam(query.changes) });
  if (detail.state === "not-found") notFound();
  if (detail.state === "empty") return <NoRunYet lastRun={detail.lastRun} />;
  return <PoolDetailView detail={detail} />;
}
