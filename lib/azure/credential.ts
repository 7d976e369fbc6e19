/**
 * The credential every Azure call uses. A client secret or certificate named in the configuration is used as is;
 * otherwise DefaultAzureCredential tries the environment, workload identity, managed identity and the Azure CLI in
 * turn. A custom authority host (a sovereign cloud's or the emulator's) is passed on, with instance discovery off
 * for hosts Entra ID does not know.
 */
import { ClientCertificateCredential, ClientSecretCredential, DefaultAzureCredential, type TokenCredential } from "@azure/identity";
import type { Config } from "@/lib/config";
import { isCustomAuthorityHost } from "./cloud";

export type CredentialSettings = Pick<Config["azure"], "tenantId" | "clientId" | "clientSecret" | "clientCertificatePath" | "authorityHost">;

export type CredentialChoice = { credential: TokenCredential; description: string };

/** Builds the credential the settings call for, and says which one it is (for messages). */
export function createCredential(settings: CredentialSettings): CredentialChoice {
  const authority = settings.authorityHost
    ? { authorityHost: settings.authorityHost, disableInstanceDiscovery: isCustomAuthorityHost(settings.authorityHost) }
    : {};
  if (settings.clientSecret) {
    if (!settings.tenantId || !settings.clientId) {
      throw new Error("AZURE_CLIENT_SECRET is set but AZURE_TENANT_ID or AZURE_CLIENT_ID is not: a client secret needs both");
    }
    return {
      credential: new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret, authority),
      description: `client secret of application ${settings.clientId}`,
    };
  }
  if (settings.clientCertificatePath) {
    if (!settings.tenantId || !settings.clientId) {
      throw new Error("AZURE_CLIENT_CERTIFICATE_PATH is set but AZURE_TENANT_ID or AZURE_CLIENT_ID is not: a certificate needs both");
    }
    return {
      credential: new ClientCertificateCredential(settings.tenantId, settings.clientId, { certificatePath: settings.clientCertificatePath }, authority),
      description: `certificate of application ${settings.clientId}`,
    };
  }
  return {
    credential: new DefaultAzureCredential({ ...authority, tenantId: settings.tenantId, managedIdentityClientId: settings.clientId, workloadIdentityClientId: settings.clientId }),
    description: "DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI)",
  };
}

const cache = new Map<string, CredentialChoice>();

/** One credential per settings for the life of the process, so its token cache is reused across runs. */
export function getCredential(settings: CredentialSettings): CredentialChoice {
  const key = JSON.stringify([settings.tenantId, settings.clientId, settings.clientSecret, settings.clientCertificatePath, settings.authorityHost]);
  let choice = cache.get(key);
  if (!choice) cache.set(key, (choice = createCredential(settings)));
  return choice;
}
