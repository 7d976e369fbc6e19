-- Indexes no page reads through, each kept up to date on every row of every run (the node and pending-pod rows are
-- most of a run's write). The pool detail's nodes are read by ("runId", "clusterId", "poolId"), which the primary
-- key ("runId", "clusterId", "name") serves; retention of node rows deletes by run, the primary key's first column;
-- pending pods are read by run (and cluster), the primary key's first columns.
DROP INDEX "NodeSnapshot_poolId_takenAt_idx";
DROP INDEX "NodeSnapshot_takenAt_idx";
DROP INDEX "PendingPod_clusterId_takenAt_idx";
