import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { RunsView } from "@/components/runs/runs-view";
import { PageSkeleton } from "@/components/skeleton";
import { listRuns } from "@/lib/queries/runs";

export const metadata: Metadata = { title: "Runs" };

const LIMIT = 50;

export default function RunsPage() {
  return (
    <Suspense fallback={<PageSkeleton rows={10} />}>
      <Runs />
    </Suspense>
  );
}

async function Runs() {
  await connection();
  return <RunsView initialRuns={await listRuns({ limit: LIMIT })} limit={LIMIT} />;
}
