/** The kubeconfig listClusterUserCredential hands out: the cluster's API under the emulator, a bearer token. */
import type { EstateCluster } from "../estate/types";

/** A closed loopback port: connecting to it is refused at once, as an unreachable private API would be. */
export const UNREACHABLE_SERVER = "https://127.0.0.1:1";

export function kubeServerUrl(baseUrl: string, cluster: EstateCluster): string {
  return cluster.unreachable ? UNREACHABLE_SERVER : `${baseUrl}/k8s/${cluster.key}`;
}

export function buildKubeconfig(baseUrl: string, caPem: string, cluster: EstateCluster): string {
  const user = `clusterUser_${cluster.resourceGroup}_${cluster.name}`;
  return [
    "apiVersion: v1",
    "clusters:",
    "- cluster:",
    `    certificate-authority-data: ${Buffer.from(caPem).toString("base64")}`,
    `    server: ${kubeServerUrl(baseUrl, cluster)}`,
    `  name: ${cluster.name}`,
    "contexts:",
    "- context:",
    `    cluster: ${cluster.name}`,
    `    user: ${user}`,
    `  name: ${cluster.name}`,
    `current-context: ${cluster.name}`,
    "kind: Config",
    "preferences: {}",
    "users:",
    `- name: ${user}`,
    "  user:",
    `    token: ${cluster.kubeToken}`,
    "",
  ].join("\n");
}
