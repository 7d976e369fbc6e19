import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { parseInput, withErrors } from "@/lib/api/respond";
import { facetColumnKeys, type PoolColumnKey } from "@/lib/model/pool-columns";
import { getPoolFacetValues } from "@/lib/queries/pool-facets";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const query = z.object({
  column: z.enum(facetColumnKeys as [PoolColumnKey, ...PoolColumnKey[]]),
  run: z.coerce.number().int().positive().optional(),
});

/** GET /api/pools/facets?column=cluster[&run=N]: the values one filter column takes in a run, with their pool counts. */
export const GET = withErrors(async (request: Request) => {
  const input = parseInput(query, Object.fromEntries(new URL(request.url).searchParams));
  const result = await getPoolFacetValues(input.column, input.run);
  if (result.state === "empty") throw new AppError("unavailable", "No collection has finished yet: there are no pools");
  // A run's values never change: the browser may keep them as long as it likes when the run is named.
  const cacheControl = input.run === result.runId ? "private, max-age=86400, immutable" : "no-store";
  return NextResponse.json({ run: result.runId, column: input.column, values: result.values }, { headers: { "cache-control": cacheControl } });
});
