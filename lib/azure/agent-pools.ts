import type { AgentPoolWire } from "@/lib/model/agent-pool";
import { API_VERSIONS } from "./api-versions";
import type { ArmClient } from "./arm-client";
import { collectPages, validateItems, type Items } from "./read-items";
import { agentPoolSchema, upgradeProfileSchema } from "./schemas";

/** The agent pools of one cluster, as served (properties not flattened); `clusterArmId` as ARM spells it. */
export async function listAgentPools(arm: ArmClient, clusterArmId: string): Promise<Items<AgentPoolWire>> {
  const { items, malformed } = await collectPages("agentPool", agentPoolSchema, arm.pages(`${clusterArmId}/agentPools?api-version=${API_VERSIONS.containerService}`));
  // The raw item is kept whole: it was parsed from JSON and matches the schema, so it is an AgentPoolWire.
  return { items: items.map((item) => item.raw as AgentPoolWire), malformed };
}

/** The pool's upgrade profile: the newest node image it could move to. */
export async function getLatestNodeImageVersion(arm: ArmClient, poolArmId: string): Promise<{ latestNodeImageVersion: string | null; malformed: Items<unknown>["malformed"] }> {
  const body = await arm.getJson(`${poolArmId}/upgradeProfiles/default?api-version=${API_VERSIONS.containerService}`);
  const { items, malformed } = validateItems("agentPoolUpgradeProfile", upgradeProfileSchema, [body]);
  return { latestNodeImageVersion: items[0]?.parsed.properties.latestNodeImageVersion ?? null, malformed };
}
