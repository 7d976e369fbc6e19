import { API_VERSIONS } from "./api-versions";
import { MalformedResponseError, type ArmClient } from "./arm-client";
import { validateItems } from "./read-items";
import { credentialResultsSchema } from "./schemas";

/**
 * The cluster user's kubeconfig (YAML) from listClusterUserCredential, a read-only POST. For Entra ID clusters
 * it names kubelogin; lib/kube turns that into a token from the same credential.
 */
export async function getClusterUserKubeconfig(arm: ArmClient, clusterArmId: string): Promise<string> {
  const body = await arm.postJson(`${clusterArmId}/listClusterUserCredential?api-version=${API_VERSIONS.containerService}`);
  const { items, malformed } = validateItems("listClusterUserCredential", credentialResultsSchema, [body]);
  if (items.length === 0) throw new MalformedResponseError("listClusterUserCredential", malformed[0]?.reason ?? "no kubeconfig");
  const yaml = Buffer.from(items[0].parsed.kubeconfigs[0].value, "base64").toString("utf8");
  if (!/\bclusters\s*:/.test(yaml)) throw new MalformedResponseError("listClusterUserCredential", "the kubeconfig is not base64 YAML with clusters");
  return yaml;
}
