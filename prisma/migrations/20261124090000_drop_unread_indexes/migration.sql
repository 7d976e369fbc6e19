-- Indexes no page reads through, each kept up to date on every row of every run (a large run writes some 200,000
-- rows, most of them node, pending-pod and cost rows).
-- The pool detail reads its nodes by ("runId", "clusterId", "poolId"), which the primary key ("runId", "clusterId",
-- "name") serves; retention of node rows deletes by run, the primary key's first column.
DROP INDEX "NodeSnapshot_poolId_takenAt_idx";
DROP INDEX "NodeSnapshot_takenAt_idx";
-- Pending pods are read by run (and cluster), the primary key's first columns.
DROP INDEX "PendingPod_clusterId_takenAt_idx";
-- A pool's cost days are its rows by "scopeId" (a pool row's scopeId is the pool's id), which the unique key
-- ("scopeId", "day", "costType", "source") serves.
DROP INDEX "CostDaily_poolId_day_idx";
