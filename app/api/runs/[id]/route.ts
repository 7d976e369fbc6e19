import { NextResponse } from "next/server";
import { z } from "zod";
import { parseInput, withErrors } from "@/lib/api/respond";
import { getRun } from "@/lib/queries/run-by-id";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const params = z.object({ id: z.coerce.number().int().positive() });

/** One run with its live progress (what "Collect now" polls). */
export const GET = withErrors(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = parseInput(params, await context.params);
  return NextResponse.json({ run: await getRun(id) }, { headers: { "cache-control": "no-store" } });
});
