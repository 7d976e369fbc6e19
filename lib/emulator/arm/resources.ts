/** ARM bodies built at request time from the estate: clusters with their pool profiles, upgrade profiles, machines. */
import type { EstateCluster, EstateNode, EstatePool } from "../estate/types";
import { hash32 } from "../estate/random";
import { controlPlaneUpgrades, latestImage, upgradesFor } from "../estate/versions";
import type { EstateLookup } from "../estate/lookup";

export function clusterBody(cluster: EstateCluster, pools: EstatePool[]): Record<string, unknown> {
  const { properties, ...rest } = cluster.arm;
  const { kubernetesVersion, currentKubernetesVersion, ...others } = properties;
  return {
    ...rest,
    properties: {
      provisioningState: others.provisioningState,
      powerState: others.powerState,
      kubernetesVersion,
      currentKubernetesVersion,
      ...others,
      agentPoolProfiles: pools.map((pool) => ({ name: pool.name, ...pool.arm.properties })),
    },
  };
}

export function poolUpgradeProfile(pool: EstatePool, cluster: EstateCluster): Record<string, unknown> {
  const p = pool.arm.properties;
  const current = p.currentOrchestratorVersion ?? p.orchestratorVersion ?? cluster.arm.properties.kubernetesVersion;
  const image = p.nodeImageVersion ?? "";
  const latest = image.startsWith("AKSWindows") ? latestImage("windows") : image.startsWith("AKSAzureLinux") ? latestImage("azureLinux") : image.includes("arm64") ? latestImage("ubuntuArm") : latestImage("ubuntu");
  return {
    id: `${pool.id}/upgradeProfiles/default`,
    name: "default",
    type: "Microsoft.ContainerService/managedClusters/agentPools/upgradeProfiles",
    properties: {
      kubernetesVersion: current,
      osType: p.osType ?? "Linux",
      upgrades: upgradesFor(current, cluster.arm.properties.kubernetesVersion).map((v) => ({ kubernetesVersion: v })),
      latestNodeImageVersion: latest,
    },
  };
}

export function clusterUpgradeProfile(cluster: EstateCluster, pools: EstatePool[]): Record<string, unknown> {
  const version = cluster.arm.properties.kubernetesVersion;
  const upgrades = controlPlaneUpgrades(version).map((v) => ({ kubernetesVersion: v }));
  return {
    id: `${cluster.id}/upgradeprofiles/default`,
    name: "default",
    type: "Microsoft.ContainerService/managedClusters/upgradeprofiles",
    properties: {
      controlPlaneProfile: { kubernetesVersion: version, name: "", osType: "Linux", upgrades },
      agentPoolProfiles: pools.map((pool) => ({
        kubernetesVersion: pool.arm.properties.currentOrchestratorVersion ?? version,
        name: pool.name,
        osType: pool.arm.properties.osType ?? "Linux",
        upgrades,
      })),
    },
  };
}

export function nodeIp(node: Pick<EstateNode, "name">): string {
  const h = hash32(node.name);
  return `10.224.${(h >>> 8) & 255}.${4 + ((h & 255) % 250)}`;
}

export function machineBody(pool: EstatePool, cluster: EstateCluster, node: EstateNode): Record<string, unknown> {
  const vm = pool.arm.properties.type === "VirtualMachines";
  const resourceId = vm
    ? `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.nodeResourceGroup}/providers/Microsoft.Compute/virtualMachines/${node.name}`
    : `${pool.scaleSetId}/virtualMachines/${node.instanceId}`;
  return {
    name: node.name,
    type: "Microsoft.ContainerService/managedClusters/agentPools/machines",
    id: `${pool.id}/machines/${node.name}`,
    properties: { network: { ipAddresses: [{ family: "IPv4", ip: nodeIp(node) }] }, resourceId },
    ...(node.zone !== "0" ? { zones: [node.zone] } : {}),
  };
}

export function scaleSetBody(pool: EstatePool, cluster: EstateCluster): Record<string, unknown> {
  return {
    id: pool.scaleSetId,
    name: pool.scaleSetName,
    type: "Microsoft.Compute/virtualMachineScaleSets",
    location: cluster.location,
    tags: pool.scaleSetTags,
    sku: { name: pool.arm.properties.vmSize, tier: "Standard", capacity: pool.nodes.length },
    ...(pool.arm.properties.availabilityZones?.length ? { zones: pool.arm.properties.availabilityZones } : {}),
    properties: { orchestrationMode: "Uniform", provisioningState: "Succeeded", overprovision: false, singlePlacementGroup: false },
  };
}

export function clusterOfPool(lookup: EstateLookup, pool: EstatePool): EstateCluster {
  return lookup.clusterById(pool.clusterId)!;
}
