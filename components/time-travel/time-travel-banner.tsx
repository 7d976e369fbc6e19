"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { formatAge, formatDateTime } from "@/lib/format";

/** Says the page shows the past, and links to the same page (same filters) as of now. */
export function TimeTravelBanner({ runId, startedAt, status, requestedId }: { runId: number; startedAt: string; status: string; requestedId: number | null }) {
  const pathname = usePathname();
  const params = new URLSearchParams(useSearchParams().toString());
  params.delete("run");
  params.delete("page");
  const now = params.size > 0 ? `${pathname}?${params}` : pathname;
  return (
    <div className="notice time-travel" role="status">
      <span suppressHydrationWarning>
        <strong>You are looking at the past:</strong> run #{runId} ({status}), {formatDateTime(new Date(startedAt))}, {formatAge(new Date(startedAt))}.
        {status === "partial" ? " Some scopes could not be read by that run." : ""}
        {requestedId ? ` (Run #${requestedId} has no readable data; #${runId} is the newest readable run before it.)` : ""}
      </span>
      <Link className="button secondary" href={now}>
        Back to now
      </Link>
    </div>
  );
}
