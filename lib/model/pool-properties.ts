/**
 * A pool's ARM properties sorted into the groups the pool page shows. Every property ARM returned is shown once:
 * those this table does not name land in "Other", so a property added to the API tomorrow is not lost.
 */
export const propertyGroups = [
  { key: "placement", title: "Placement", properties: ["vmSize", "type", "availabilityZones", "scaleSetPriority", "scaleSetEvictionPolicy", "spotMaxPrice", "proximityPlacementGroupID", "hostGroupID", "capacityReservationGroupID", "virtualMachinesProfile", "virtualMachineNodesStatus"] },
  { key: "scaling", title: "Scaling", properties: ["count", "enableAutoScaling", "minCount", "maxCount", "scaleDownMode", "upgradeSettings", "upgradeStrategy", "upgradeSettingsBlueGreen"] },
  { key: "software", title: "Software", properties: ["osType", "osSKU", "orchestratorVersion", "currentOrchestratorVersion", "nodeImageVersion", "kubeletConfig", "linuxOSConfig", "windowsProfile", "workloadRuntime", "gpuInstanceProfile", "gpuProfile", "enableFIPS", "securityProfile", "artifactStreamingProfile", "messageOfTheDay"] },
  { key: "networking", title: "Networking", properties: ["vnetSubnetID", "podSubnetID", "podIPAllocationMode", "maxPods", "enableNodePublicIP", "nodePublicIPPrefixID", "networkProfile", "gatewayProfile"] },
  { key: "disks", title: "Disks", properties: ["osDiskType", "osDiskSizeGB", "kubeletDiskType", "enableEncryptionAtHost", "enableUltraSSD", "localDNSProfile"] },
  { key: "scheduling", title: "Scheduling", properties: ["mode", "nodeLabels", "nodeTaints", "nodeInitializationTaints"] },
  { key: "state", title: "State and tags", properties: ["powerState", "provisioningState", "status", "creationData", "eTag", "tags"] },
] as const;

export type PropertyGroupKey = (typeof propertyGroups)[number]["key"] | "other";
export type GroupedProperties = { key: PropertyGroupKey; title: string; properties: { name: string; value: unknown; present: boolean }[] }[];

const grouped = new Set<string>(propertyGroups.flatMap((group) => group.properties));

/**
 * The pool's properties by group, in the table's order. Properties the pool does not set are listed (as absent)
 * in the groups that name them only when `showAbsent` is given, so an unset autoscaler still says so.
 */
export function groupPoolProperties(properties: Record<string, unknown>, { showAbsent = [] as readonly string[] } = {}): GroupedProperties {
  const groups: GroupedProperties = propertyGroups.map((group) => ({
    key: group.key,
    title: group.title,
    properties: group.properties
      .filter((name) => Object.hasOwn(properties, name) || showAbsent.includes(name))
      .map((name) => ({ name, value: properties[name], present: Object.hasOwn(properties, name) })),
  }));
  const other = Object.keys(properties)
    .filter((name) => !grouped.has(name))
    .sort()
    .map((name) => ({ name, value: properties[name], present: true }));
  if (other.length > 0) groups.push({ key: "other", title: "Other", properties: other });
  return groups.filter((group) => group.properties.length > 0);
}
