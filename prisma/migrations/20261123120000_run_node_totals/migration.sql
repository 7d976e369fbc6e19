-- AlterTable
ALTER TABLE "CollectionRun" ADD COLUMN     "regularNodeCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "spotNodeCount" INTEGER NOT NULL DEFAULT 0;

-- Backfill the runs already stored (the same rule as lib/model/run-node-totals.ts).
UPDATE "CollectionRun" r
SET "regularNodeCount" = t."regular", "spotNodeCount" = t."spot"
FROM (
  SELECT ps."runId",
    COALESCE(sum(CASE WHEN ps."measured" THEN ps."nodesReady" + ps."nodesNotReady" ELSE COALESCE(ps."count", 0) END) FILTER (WHERE ps."scaleSetPriority" IS DISTINCT FROM 'Spot'), 0)::int AS "regular",
    COALESCE(sum(CASE WHEN ps."measured" THEN ps."nodesReady" + ps."nodesNotReady" ELSE COALESCE(ps."count", 0) END) FILTER (WHERE ps."scaleSetPriority" = 'Spot'), 0)::int AS "spot"
  FROM "PoolSnapshot" ps
  GROUP BY ps."runId"
) t
WHERE t."runId" = r."id";
