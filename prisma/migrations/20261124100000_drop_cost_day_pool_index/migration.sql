-- A pool's cost days are its rows by "scopeId" (a pool row's scopeId is the pool's id), which the unique key
-- ("scopeId", "day", "costType", "source") serves; this index was only kept up to date on every cost row written.
DROP INDEX "CostDaily_poolId_day_idx";
