import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { NoRunYet } from "@/components/no-run-yet";
import { BadViewNotice } from "@/components/pools/bad-view-notice";
import { PoolsExplorer } from "@/components/pools/pools-explorer";
import { TableSkeleton } from "@/components/skeleton";
import { RunContext } from "@/components/time-travel/run-context";
import { parsePoolView, PoolViewError } from "@/lib/model/pool-view";
import { showPoolRows } from "@/lib/model/pool-table-rows";
import { getPoolInventory } from "@/lib/queries/pool-inventory";

export const metadata: Metadata = { title: "Pools" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default function PoolsPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Node pools</h1>
          <p>Every pool of the fleet. Filter, sort, group and choose columns; the address keeps the view, so it can be shared.</p>
        </div>
      </div>
      <Suspense fallback={<TableSkeleton />}>
        <Pools searchParams={searchParams} />
      </Suspense>
    </>
  );
}

async function Pools({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  let view;
  try {
    view = parsePoolView(await searchParams);
  } catch (error) {
    if (error instanceof PoolViewError) return <BadViewNotice message={error.message} />;
    throw error;
  }
  const inventory = await getPoolInventory(view);
  if (inventory.state === "empty") return <NoRunYet lastRun={inventory.lastRun} />;
  const { rows, ...rest } = inventory;
  return (
    <>
      <RunContext run={inventory.run} />
      <PoolsExplorer inventory={{ ...rest, rows: showPoolRows(rows, view.columns, view.group) }} view={view} />
    </>
  );
}
