/**
 * What Poolscope expects of each Azure answer, checked before anything is used or stored. Objects are loose:
 * properties not named here are allowed and kept (the raw `properties` object is what the snapshot stores).
 */
import { z } from "zod";

const text = z.string();
const maybeText = z.string().nullish();
const maybeInt = z.number().int().nullish();
const maybeNumber = z.number().nullish();
const maybeBool = z.boolean().nullish();
const stringMap = z.record(z.string(), z.string()).nullish();
const stringList = z.array(z.string()).nullish();
const jsonObject = z.record(z.string(), z.unknown());

export const subscriptionSchema = z.looseObject({
  id: text,
  subscriptionId: text,
  displayName: maybeText,
  tenantId: maybeText,
  state: maybeText,
});

export const managedClusterSchema = z.looseObject({
  id: text,
  name: text,
  location: text,
  tags: stringMap,
  sku: z.looseObject({ name: maybeText, tier: maybeText }).nullish(),
  properties: z.looseObject({
    kubernetesVersion: maybeText,
    currentKubernetesVersion: maybeText,
    nodeResourceGroup: maybeText,
    fqdn: maybeText,
    privateFQDN: maybeText,
    provisioningState: maybeText,
    powerState: z.looseObject({ code: maybeText }).nullish(),
    networkProfile: z.looseObject({ networkPlugin: maybeText, networkPolicy: maybeText, networkPluginMode: maybeText }).nullish(),
    apiServerAccessProfile: z.looseObject({ enablePrivateCluster: maybeBool }).nullish(),
    agentPoolProfiles: z.array(jsonObject).nullish(),
  }),
});

export const agentPoolSchema = z.looseObject({
  id: text,
  name: text,
  properties: z.looseObject({
    type: maybeText,
    mode: maybeText,
    count: maybeInt,
    vmSize: maybeText,
    osType: maybeText,
    osSKU: maybeText,
    orchestratorVersion: maybeText,
    currentOrchestratorVersion: maybeText,
    nodeImageVersion: maybeText,
    enableAutoScaling: maybeBool,
    minCount: maybeInt,
    maxCount: maybeInt,
    scaleSetPriority: maybeText,
    scaleSetEvictionPolicy: maybeText,
    spotMaxPrice: maybeNumber,
    nodeLabels: stringMap,
    nodeTaints: stringList,
    tags: stringMap,
    availabilityZones: stringList,
    osDiskType: maybeText,
    osDiskSizeGB: maybeInt,
    kubeletDiskType: maybeText,
    maxPods: maybeInt,
    vnetSubnetID: maybeText,
    podSubnetID: maybeText,
    upgradeSettings: jsonObject.nullish(),
    powerState: z.looseObject({ code: maybeText }).nullish(),
    provisioningState: maybeText,
    virtualMachinesProfile: z
      .looseObject({
        scale: z
          .looseObject({
            manual: z.array(z.looseObject({ size: maybeText, sizes: stringList, count: maybeInt })).nullish(),
            autoscale: z.array(z.looseObject({ size: maybeText, minCount: maybeInt, maxCount: maybeInt })).nullish(),
          })
          .nullish(),
      })
      .nullish(),
    virtualMachineNodesStatus: z.array(z.looseObject({ size: maybeText, count: maybeInt })).nullish(),
  }),
});

export const upgradeProfileSchema = z.looseObject({
  properties: z.looseObject({ kubernetesVersion: maybeText, latestNodeImageVersion: maybeText, osType: maybeText }),
});

export const machineSchema = z.looseObject({
  id: text,
  name: text,
  zones: stringList,
  properties: z.looseObject({ resourceId: maybeText }).nullish(),
});

export const credentialResultsSchema = z.looseObject({
  kubeconfigs: z.array(z.looseObject({ name: maybeText, value: z.string().min(1) })).min(1),
});

export const usageSchema = z.looseObject({
  name: z.looseObject({ value: text, localizedValue: maybeText }),
  currentValue: z.number(),
  limit: z.number(),
  unit: maybeText,
});

export const costQueryResultSchema = z.looseObject({
  properties: z.looseObject({
    columns: z.array(z.looseObject({ name: text, type: maybeText })),
    rows: z.array(z.array(z.unknown())),
    nextLink: maybeText,
  }),
});

export const retailPricePageSchema = z.looseObject({
  Items: z.array(z.unknown()),
  NextPageLink: maybeText,
});

export const retailPriceItemSchema = z.looseObject({
  currencyCode: text,
  retailPrice: z.number(),
  armRegionName: text,
  armSkuName: text,
  meterName: text,
  productName: text,
  skuName: maybeText,
  serviceName: maybeText,
  unitOfMeasure: maybeText,
  type: maybeText,
  effectiveStartDate: text,
});

/** Zod's first complaint in a line a person can act on: "properties.count: expected number". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "the body"}: ${issue.message.replace(/^Invalid input: /, "")}`)
    .join("; ");
}
