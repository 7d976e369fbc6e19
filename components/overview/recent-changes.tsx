"use client";

import { useSoftLinks } from "@/components/hooks/use-soft-links";
import { formatAge, formatCount } from "@/lib/format";
import { poolHref } from "@/lib/hrefs";
import type { FleetOverview } from "@/lib/queries/fleet-overview";

type Changes = Extract<FleetOverview, { state: "ready" }>["changes"];

const fieldNames: Record<string, string> = {
  count: "node count",
  nodeLabels: "labels",
  nodeTaints: "taints",
  orchestratorVersion: "Kubernetes version",
  currentOrchestratorVersion: "current Kubernetes version",
  nodeImageVersion: "node image",
  vmSize: "VM size",
  minCount: "autoscaler min",
  maxCount: "autoscaler max",
  enableAutoScaling: "autoscaler",
  powerState: "power state",
  provisioningState: "provisioning state",
};

/**
 * What changed in the pools during the week up to the run: how much, and the latest changes with links. A client
 * component so that the page's RSC payload carries the changes as data rather than as the list's elements.
 */
export function RecentChanges({ changes, run }: { changes: Changes; run?: number }) {
  const softLinks = useSoftLinks();
  return (
    <section className="panel" aria-label="Changes this week">
      <h2>What changed in the last 7 days</h2>
      {changes.total === 0 ? (
        <p className="muted">No pool property changed in the 7 days up to this run.</p>
      ) : (
        <>
          <p className="muted" style={{ marginTop: 0 }}>
            {formatCount(changes.total)} {changes.total === 1 ? "change" : "changes"} to {formatCount(changes.pools)} {changes.pools === 1 ? "pool" : "pools"}; the latest:
          </p>
          <ul className="change-feed" {...softLinks}>
            {changes.latest.map((change, index) => (
              <li key={`${change.poolId}-${change.field}-${index}`}>
                <a href={poolHref(change.poolId, run)}>
                  {change.cluster} / {change.pool}
                </a>{" "}
                {change.field === "pool" ? (change.deleted ? <span className="badge bad">deleted</span> : <span className="badge ok">appeared</span>) : <span>{fieldNames[change.field] ?? change.field}</span>}
                <span className="muted" suppressHydrationWarning>
                  {" "}
                  · {formatAge(new Date(change.takenAt))}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
