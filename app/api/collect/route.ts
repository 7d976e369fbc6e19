import { NextResponse } from "next/server";
import { z } from "zod";
import { parseInput, withErrors } from "@/lib/api/respond";
import { requestCollection } from "@/lib/collect/request-collection";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const query = z.object({ trigger: z.enum(["api", "manual", "cli"]).default("api") });

/** Starts a collection run: 202 with its id, or 409 with the id of the run already going. */
export const POST = withErrors(async (request: Request) => {
  const { trigger } = parseInput(query, Object.fromEntries(new URL(request.url).searchParams));
  const { runId } = await requestCollection(trigger);
  return NextResponse.json({ runId, status: "running" }, { status: 202, headers: { location: `/api/runs/${runId}`, "cache-control": "no-store" } });
});
