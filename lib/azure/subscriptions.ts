import type { CollectedSubscription } from "@/lib/model/snapshot";
import { API_VERSIONS } from "./api-versions";
import type { ArmClient } from "./arm-client";
import { collectPages, validateItems, type Items } from "./read-items";
import { subscriptionSchema } from "./schemas";

function toSubscription(parsed: { subscriptionId: string; displayName?: string | null; tenantId?: string | null; state?: string | null }): CollectedSubscription {
  const guid = parsed.subscriptionId.toLowerCase();
  return { id: `/subscriptions/${guid}`, subscriptionId: guid, displayName: parsed.displayName ?? guid, tenantId: parsed.tenantId ?? null, state: parsed.state ?? null };
}

/** Every subscription the credential can list. */
export async function listSubscriptions(arm: ArmClient): Promise<Items<CollectedSubscription>> {
  const { items, malformed } = await collectPages("subscription", subscriptionSchema, arm.pages(`/subscriptions?api-version=${API_VERSIONS.subscriptions}`));
  return { items: items.map((item) => toSubscription(item.parsed)), malformed };
}

/** One configured subscription: proves the credential can read it (403 without Reader) and gets its name. */
export async function getSubscription(arm: ArmClient, guid: string): Promise<Items<CollectedSubscription>> {
  const body = await arm.getJson(`/subscriptions/${guid}?api-version=${API_VERSIONS.subscriptions}`);
  const { items, malformed } = validateItems("subscription", subscriptionSchema, [body]);
  return { items: items.map((item) => toSubscription(item.parsed)), malformed };
}
