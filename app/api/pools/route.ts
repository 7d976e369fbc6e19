import type { NextRequest } from "next/server";
import { AppError } from "@/lib/api/errors";
import { withErrors } from "@/lib/api/respond";
import { parsePoolExport, PoolViewError } from "@/lib/model/pool-view";
import { renderPoolExport } from "@/lib/queries/pool-export";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/pools: the pools table's view as JSON (default; ARM's agent pool objects) or CSV (`format=csv`), taking
 * the same parameters as /pools. All matching pools unless `page` or `size` is given. A bad parameter is a 400 that
 * names it.
 */
export const GET = withErrors(async (request: NextRequest) => {
  let parsed;
  try {
    parsed = parsePoolExport(request.nextUrl.searchParams);
  } catch (error) {
    if (error instanceof PoolViewError) throw new AppError("bad_request", error.message, 400, { parameter: error.parameter });
    throw error;
  }
  const result = await renderPoolExport(parsed.view, parsed.format, parsed.paged);
  if (result.status !== 200) throw new AppError("unavailable", result.message);
  return new Response(result.body, {
    headers: {
      "content-type": result.contentType,
      "content-disposition": `${parsed.format === "csv" ? "attachment" : "inline"}; filename="${result.filename}"`,
      "cache-control": "no-store",
    },
  });
});
