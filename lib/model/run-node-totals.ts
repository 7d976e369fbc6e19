/**
 * A run's nodes split by priority: the roll-up the fleet's nodes-over-time chart reads from CollectionRun, so
 * that a point costs one row instead of a sum over the run's 6,000 pool rows. A pool whose cluster could not be
 * measured counts its ARM `count`.
 */
export type PoolNodeFigures = {
  measured: boolean;
  nodesReady: number;
  nodesNotReady: number;
  count: number | null;
  scaleSetPriority: string | null;
};

export function nodesOfPool(pool: PoolNodeFigures): number {
  return pool.measured ? pool.nodesReady + pool.nodesNotReady : (pool.count ?? 0);
}

export function countRunNodes(pools: Iterable<PoolNodeFigures>): { regularNodeCount: number; spotNodeCount: number } {
  let regularNodeCount = 0;
  let spotNodeCount = 0;
  for (const pool of pools) {
    if (pool.scaleSetPriority === "Spot") spotNodeCount += nodesOfPool(pool);
    else regularNodeCount += nodesOfPool(pool);
  }
  return { regularNodeCount, spotNodeCount };
}
