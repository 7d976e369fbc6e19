import { NextResponse } from "next/server";
import { z } from "zod";
import { parseInput, withErrors } from "@/lib/api/respond";
import { listRuns } from "@/lib/queries/runs";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().positive().optional(),
});

/** Collection runs, newest first. */
export const GET = withErrors(async (request: Request) => {
  const input = parseInput(query, Object.fromEntries(new URL(request.url).searchParams));
  return NextResponse.json({ runs: await listRuns(input) }, { headers: { "cache-control": "no-store" } });
});
