-- Every run upserts every subscription, cluster and pool it sees (lastSeenAt) and the cost days it reads. Pages
-- filled to the brim leave no room for a row's new version, so each update went to another page and added an
-- entry to every index of the table. Half-full pages let Postgres put the new version beside the old (a HOT
-- update: no index entry, the old version pruned when the page is next read; no key column changes). Existing
-- pages are not rewritten: a row moves to a half-full page at its first update after this migration.
ALTER TABLE "Subscription" SET (fillfactor = 50);
ALTER TABLE "Cluster" SET (fillfactor = 50);
ALTER TABLE "NodePool" SET (fillfactor = 50);
ALTER TABLE "CostDaily" SET (fillfactor = 50);

-- No query reads cost days by day or by cluster and day (the collector reads the latest day per subscription, a
-- scan either way; a pool's days are read by "scopeId", the unique key's first column): these indexes were only
-- kept up to date on every cost day written.
DROP INDEX "CostDaily_day_idx";
DROP INDEX "CostDaily_clusterId_day_idx";
