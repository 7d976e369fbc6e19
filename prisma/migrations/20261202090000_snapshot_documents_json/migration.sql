-- The snapshot rows' documents (ARM properties, tags, autoscaler status, a pending pod's selectors) are stored as
-- the text they were written as (json) instead of parsed into jsonb: every run writes thousands of them and no query
-- looks inside them, so jsonb's parse and conversion on every insert (and back to text on every read) bought
-- nothing. "nodeLabels" stays jsonb: the pools table filters on its keys (->>) and sorts and searches its text.
-- Each table is rewritten once (one ALTER TABLE per table); a default is set again so that it is json, not jsonb.
ALTER TABLE "ClusterSnapshot"
  ALTER COLUMN "tags" TYPE JSON USING "tags"::json,
  ALTER COLUMN "tags" SET DEFAULT '{}',
  ALTER COLUMN "autoscalerStatus" TYPE JSON USING "autoscalerStatus"::json,
  ALTER COLUMN "properties" TYPE JSON USING "properties"::json;

ALTER TABLE "PoolSnapshot"
  ALTER COLUMN "tags" TYPE JSON USING "tags"::json,
  ALTER COLUMN "tags" SET DEFAULT '{}',
  ALTER COLUMN "upgradeSettings" TYPE JSON USING "upgradeSettings"::json,
  ALTER COLUMN "properties" TYPE JSON USING "properties"::json,
  ALTER COLUMN "autoscaler" TYPE JSON USING "autoscaler"::json;

ALTER TABLE "PendingPod"
  ALTER COLUMN "nodeSelector" TYPE JSON USING "nodeSelector"::json,
  ALTER COLUMN "nodeSelector" SET DEFAULT '{}',
  ALTER COLUMN "affinity" TYPE JSON USING "affinity"::json,
  ALTER COLUMN "tolerations" TYPE JSON USING "tolerations"::json,
  ALTER COLUMN "tolerations" SET DEFAULT '[]';
