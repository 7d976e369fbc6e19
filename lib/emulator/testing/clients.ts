/** The real SDK clients and credential, pointed at an emulator (for integration tests). */
import { ClientSecretCredential } from "@azure/identity";
import { SubscriptionClient } from "@azure/arm-resources-subscriptions";
import { ContainerServiceClient } from "@azure/arm-containerservice";
import { ComputeManagementClient } from "@azure/arm-compute";
import { CostManagementClient } from "@azure/arm-costmanagement";
import type { Emulator } from "../index";

export function credentialFor(emulator: Pick<Emulator, "url" | "tenantId" | "clientId" | "clientSecret">): ClientSecretCredential {
  return new ClientSecretCredential(emulator.tenantId, emulator.clientId, emulator.clientSecret, { authorityHost: emulator.url, disableInstanceDiscovery: true });
}

/** Clients with the SDK's own retries off, so a test sees each answer as Azure sent it. */
export function clientsFor(emulator: Emulator, subscriptionId: string, options: { retries?: number } = {}) {
  const credential = credentialFor(emulator);
  const retryOptions = { maxRetries: options.retries ?? 0 };
  return {
    credential,
    subscriptions: new SubscriptionClient(credential, { endpoint: emulator.url, retryOptions }),
    aks: new ContainerServiceClient(credential, subscriptionId, { endpoint: emulator.url, retryOptions }),
    compute: new ComputeManagementClient(credential, subscriptionId, { endpoint: emulator.url, retryOptions }),
    // The beta cost client builds URLs from $host, not endpoint: both must point at the emulator.
    cost: new CostManagementClient(credential, { endpoint: emulator.url, $host: emulator.url, retryOptions }),
  };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
