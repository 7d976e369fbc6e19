import type { JsonObject } from "@/lib/model/agent-pool";
import type { CollectedCluster } from "@/lib/model/snapshot";
import { API_VERSIONS } from "./api-versions";
import type { ArmClient } from "./arm-client";
import { collectPages, type Items } from "./read-items";
import { managedClusterSchema } from "./schemas";

/** A managed cluster as read from ARM: the cluster row's Azure side (the Kubernetes side is filled in later). */
export type ManagedCluster = Omit<CollectedCluster, "kubeReachable" | "kubeError" | "autoscalerStatus"> & { armId: string };

function resourceGroupOf(id: string): string {
  return /\/resourcegroups\/([^/]+)/i.exec(id)?.[1] ?? "";
}

/** The AKS clusters of one subscription, with the properties the inventory shows and the raw properties kept. */
export async function listManagedClusters(arm: ArmClient, subscriptionGuid: string): Promise<Items<ManagedCluster>> {
  const url = `/subscriptions/${subscriptionGuid}/providers/Microsoft.ContainerService/managedClusters?api-version=${API_VERSIONS.containerService}`;
  const { items, malformed } = await collectPages("managedCluster", managedClusterSchema, arm.pages(url));
  return {
    malformed,
    items: items.map(({ parsed, raw }) => {
      const p = parsed.properties;
      return {
        armId: parsed.id,
        id: parsed.id.toLowerCase(),
        subscriptionId: `/subscriptions/${subscriptionGuid.toLowerCase()}`,
        resourceGroup: resourceGroupOf(parsed.id),
        name: parsed.name,
        location: parsed.location.toLowerCase().replace(/\s+/g, ""),
        kubernetesVersion: p.kubernetesVersion ?? null,
        currentKubernetesVersion: p.currentKubernetesVersion ?? null,
        skuTier: parsed.sku?.tier ?? null,
        nodeResourceGroup: p.nodeResourceGroup ?? null,
        networkPlugin: p.networkProfile?.networkPlugin ?? null,
        networkPolicy: p.networkProfile?.networkPolicy ?? null,
        powerState: p.powerState?.code ?? null,
        provisioningState: p.provisioningState ?? null,
        fqdn: p.fqdn ?? p.privateFQDN ?? null,
        privateCluster: p.apiServerAccessProfile?.enablePrivateCluster === true,
        tags: parsed.tags ?? {},
        // Parsed from JSON and checked above: a JSON object.
        properties: (raw as { properties: JsonObject }).properties,
      };
    }),
  };
}
