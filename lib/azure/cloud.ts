/**
 * Azure clouds: which token scope goes with a Resource Manager endpoint, and whether an authority host is one
 * Entra ID knows (for any other, e.g. Azure Stack or a local emulator, MSAL's instance discovery must be off).
 */

const knownArmScopes: Record<string, string> = {
  "https://management.azure.com": "https://management.azure.com/.default",
  "https://management.usgovcloudapi.net": "https://management.usgovcloudapi.net/.default",
  "https://management.chinacloudapi.cn": "https://management.chinacloudapi.cn/.default",
};

const knownAuthorityHosts = new Set([
  "https://login.microsoftonline.com",
  "https://login.microsoftonline.us",
  "https://login.chinacloudapi.cn",
  "https://login.partner.microsoftonline.cn",
]);

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "").toLowerCase();
}

/** The scope a token for `armEndpoint` is requested with; `override` wins (POOLSCOPE_ARM_SCOPE). */
export function armTokenScope(armEndpoint: string, override?: string): string {
  if (override) return override;
  return knownArmScopes[trimSlash(armEndpoint)] ?? `${armEndpoint.replace(/\/+$/, "")}/.default`;
}

/** True for an authority host Entra ID's instance discovery does not know. */
export function isCustomAuthorityHost(authorityHost: string | undefined): boolean {
  return authorityHost !== undefined && !knownAuthorityHosts.has(trimSlash(authorityHost));
}

/**
 * The kind of an ARM call, from its URL: the name calls are counted under in a run's progress and the bench.
 */
export function classifyArmCall(url: string): string {
  const path = url.replace(/^https?:\/\/[^/]+/, "").split("?")[0].toLowerCase();
  if (path.includes("/providers/microsoft.costmanagement/query")) return "costQuery";
  if (path.endsWith("/listclusterusercredential")) return "listClusterUserCredential";
  if (/\/agentpools\/[^/]+\/machines(\/[^/]+)?$/.test(path)) return "machines";
  if (/\/agentpools\/[^/]+\/upgradeprofiles\/[^/]+$/.test(path)) return "agentPoolUpgradeProfile";
  if (/\/agentpools(\/[^/]+)?$/.test(path)) return "agentPools";
  if (/\/providers\/microsoft.containerservice\/managedclusters(\/[^/]+)?$/.test(path)) return "managedClusters";
  if (/\/providers\/microsoft.compute\/locations\/[^/]+\/usages$/.test(path)) return "computeUsages";
  if (/^\/subscriptions(\/[^/]+)?$/.test(path)) return "subscriptions";
  return "arm";
}

/** The subscription an ARM URL is about (lower case), the unit ARM throttles by. */
export function subscriptionOfUrl(url: string): string | undefined {
  return /\/subscriptions\/([^/?]+)/i.exec(url)?.[1]?.toLowerCase();
}
