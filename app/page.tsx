import { connection } from "next/server";
import { Suspense } from "react";
import { FleetOverviewView } from "@/components/overview/fleet-overview-view";
import { PageSkeleton } from "@/components/skeleton";
import { parseWholeParam } from "@/lib/model/run-param";
import { isChartRange } from "@/lib/model/time-buckets";
import { getFleetOverview } from "@/lib/queries/fleet-overview";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Fleet overview</h1>
          <p>Every AKS node pool the credential can read, across subscriptions: what runs where, and what changed.</p>
        </div>
      </div>
      <Suspense fallback={<PageSkeleton />}>
        <Overview searchParams={searchParams} />
      </Suspense>
    </>
  );
}

async function Overview({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const params = await searchParams;
  const range = typeof params.range === "string" && isChartRange(params.range) ? params.range : "30d";
  return <FleetOverviewView overview={await getFleetOverview({ run: parseWholeParam(params.run), range })} />;
}
