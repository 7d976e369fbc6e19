import { NextResponse } from "next/server";
import { checkStoreHealth } from "@/lib/store/health";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** 200 when the store answers and is fully migrated, 503 otherwise; never cached. */
export async function GET() {
  const health = await checkStoreHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
