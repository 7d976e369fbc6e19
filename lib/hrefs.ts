/**
 * Addresses of Poolscope's pages. A pool or cluster page lives at its ARM id (`/pools/subscriptions/…/agentpools/x`),
 * so an address can be read, typed and shared; `run` keeps time travel on as one follows links.
 */

function encodeId(id: string): string {
  return id
    .toLowerCase()
    .split("/")
    .filter(Boolean)
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

/** The ARM id a catch-all route's segments spell, lower-cased as the store keys it. */
export function idFromSegments(segments: readonly string[]): string {
  const decode = (segment: string) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  };
  return `/${segments.map(decode).join("/")}`.toLowerCase();
}

/** Adds `run` to an address (time travel), or leaves it as it is. */
export function withRun(href: string, run: number | undefined | null): string {
  if (!run) return href;
  return `${href}${href.includes("?") ? "&" : "?"}run=${run}`;
}

export function poolHref(poolId: string, run?: number | null): string {
  return withRun(`/pools/${encodeId(poolId)}`, run);
}

export function clusterHref(clusterId: string, run?: number | null): string {
  return withRun(`/clusters/${encodeId(clusterId)}`, run);
}
