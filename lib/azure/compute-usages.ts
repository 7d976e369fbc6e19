import type { QuotaUsageItem } from "@/lib/model/quota-family";
import { API_VERSIONS } from "./api-versions";
import type { ArmClient } from "./arm-client";
import { collectPages, type Items } from "./read-items";
import { usageSchema } from "./schemas";

/** The regional compute quotas (vCPUs per family, the regional total, low priority) of one subscription. */
export async function listComputeUsages(arm: ArmClient, subscriptionGuid: string, location: string): Promise<Items<QuotaUsageItem>> {
  const url = `/subscriptions/${subscriptionGuid}/providers/Microsoft.Compute/locations/${encodeURIComponent(location)}/usages?api-version=${API_VERSIONS.computeUsages}`;
  const { items, malformed } = await collectPages("computeUsage", usageSchema, arm.pages(url));
  return {
    items: items.map(({ parsed }) => ({ name: parsed.name.value, localizedName: parsed.name.localizedValue ?? null, currentValue: parsed.currentValue, limit: parsed.limit })),
    malformed,
  };
}
