import { connection } from "next/server";
import { Suspense } from "react";
import { FleetOverviewView } from "@/components/overview/fleet-overview-view";
import { PageSkeleton } from "@/components/skeleton";
import { getFleetOverview } from "@/lib/queries/fleet-overview";

export default function OverviewPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Fleet overview</h1>
          <p>Every AKS node pool the credential can read, across subscriptions.</p>
        </div>
      </div>
      <Suspense fallback={<PageSkeleton />}>
        <Overview />
      </Suspense>
    </>
  );
}

async function Overview() {
  await connection();
  return <FleetOverviewView overview={await getFleetOverview()} />;
}
