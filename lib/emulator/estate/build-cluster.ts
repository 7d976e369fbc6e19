/** A managed cluster's ARM body, as `az aks show` returns it (without agentPoolProfiles, added when served). */
import { createHmac } from "node:crypto";
import type { ClusterSpec } from "./spec";
import type { ArmManagedCluster, Estate, EstateCluster } from "./types";
import { hash32, stableUuid, type Rng } from "./random";
import { findRegion } from "./vm-sizes";

export function buildCluster(estate: Estate, spec: ClusterSpec, subscriptionId: string, rng: Rng): EstateCluster {
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${spec.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${spec.name}`;
  const nodeResourceGroup = `MC_${spec.resourceGroup}_${spec.name}_${spec.location}`;
  const dnsPrefix = `${spec.name}-dns`;
  const fqdnSuffix = rng.hex(8);
  const key = `${spec.name}-${(hash32(id.toLowerCase()) % 0xffffff).toString(16).padStart(6, "0")}`;
  const region = findRegion(spec.location);
  const properties: ArmManagedCluster["properties"] = {
    provisioningState: "Succeeded",
    powerState: { code: "Running" },
    kubernetesVersion: spec.version,
    currentKubernetesVersion: spec.version,
    dnsPrefix,
    ...(spec.privateCluster
      ? { privateFQDN: `${dnsPrefix}-${fqdnSuffix}.privatelink.${spec.location}.azmk8s.io`, fqdnSubdomain: undefined }
      : { fqdn: `${dnsPrefix}-${fqdnSuffix}.hcp.${spec.location}.azmk8s.io` }),
    azurePortalFQDN: `${dnsPrefix}-${fqdnSuffix}.portal.hcp.${spec.location}.azmk8s.io`,
    nodeResourceGroup,
    enableRBAC: true,
    supportPlan: "KubernetesOfficial",
    networkProfile: {
      networkPlugin: spec.networkPlugin ?? "azure",
      ...(spec.networkPlugin === "kubenet" ? {} : { networkPluginMode: "overlay", networkDataplane: "azure" }),
      networkPolicy: "none",
      podCidr: "10.244.0.0/16",
      serviceCidr: "10.0.0.0/16",
      dnsServiceIP: "10.0.0.10",
      outboundType: "loadBalancer",
      loadBalancerSku: "standard",
      loadBalancerProfile: { managedOutboundIPs: { count: 1 }, backendPoolType: "nodeIPConfiguration" },
      ipFamilies: ["IPv4"],
    },
    maxAgentPools: 100,
    autoScalerProfile: {
      "balance-similar-node-groups": "false",
      expander: "random",
      "max-empty-bulk-delete": "10",
      "max-graceful-termination-sec": "600",
      "max-node-provision-time": "15m",
      "max-total-unready-percentage": "45",
      "new-pod-scale-up-delay": "0s",
      "ok-total-unready-count": "3",
      "scale-down-delay-after-add": "10m",
      "scale-down-delay-after-delete": "10s",
      "scale-down-delay-after-failure": "3m",
      "scale-down-unneeded-time": "10m",
      "scale-down-unready-time": "20m",
      "scale-down-utilization-threshold": "0.5",
      "scan-interval": "10s",
      "skip-nodes-with-local-storage": "false",
      "skip-nodes-with-system-pods": "true",
    },
    aadProfile: { managed: true, enableAzureRBAC: true, tenantID: estate.tenantId },
    apiServerAccessProfile: { enablePrivateCluster: Boolean(spec.privateCluster) },
    autoUpgradeProfile: { upgradeChannel: spec.upgradeChannel ?? "patch", nodeOSUpgradeChannel: "NodeImage" },
    oidcIssuerProfile: { enabled: true, issuerURL: `https://${region.name}.oic.prod-aks.azure.com/${estate.tenantId}/${stableUuid(estate.seed, "oidc", spec.name)}/` },
    securityProfile: { workloadIdentity: { enabled: true } },
    storageProfile: { diskCSIDriver: { enabled: true }, fileCSIDriver: { enabled: true }, snapshotController: { enabled: true } },
    identityProfile: {
      kubeletidentity: {
        resourceId: `/subscriptions/${subscriptionId}/resourcegroups/${nodeResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${spec.name}-agentpool`,
        clientId: rng.uuid(),
        objectId: rng.uuid(),
      },
    },
    servicePrincipalProfile: { clientId: "msi" },
    windowsProfile: spec.pools.some((p) => p.os === "Windows") ? { adminUsername: "azureuser", enableCSIProxy: true } : undefined,
  };
  for (const k of Object.keys(properties)) if (properties[k] === undefined) delete properties[k];
  const arm: ArmManagedCluster = {
    id,
    location: spec.location,
    name: spec.name,
    tags: spec.tags,
    type: "Microsoft.ContainerService/ManagedClusters",
    eTag: rng.hex(8),
    sku: { name: "Base", tier: spec.tier },
    identity: { type: "SystemAssigned", principalId: rng.uuid(), tenantId: estate.tenantId },
    properties,
  };
  return {
    id,
    key,
    subscriptionId,
    resourceGroup: spec.resourceGroup,
    name: spec.name,
    location: spec.location,
    nodeResourceGroup,
    resourceNameSuffix: rng.digits(8),
    arm,
    kubeToken: kubeToken(estate.seed, id),
    unreachable: Boolean(spec.unreachable),
    poolIds: [],
    stranded: spec.stranded ?? [],
    diskCount: spec.diskCount ?? rng.int(2, 12),
  };
}

/** The bearer token a cluster's Kubernetes API takes: a pure function of the seed and the cluster's ARM id. */
export function kubeToken(seed: number, clusterId: string): string {
  return createHmac("sha256", `poolscope-emulator-${seed}`).update(clusterId.toLowerCase()).digest("hex");
}
