import { describe, expect, it } from "vitest";
import { armTokenScope, classifyArmCall, isCustomAuthorityHost, subscriptionOfUrl } from "./cloud";

describe("clouds", () => {
  it.each([
    ["https://management.azure.com", undefined, "https://management.azure.com/.default"],
    ["https://management.usgovcloudapi.net/", undefined, "https://management.usgovcloudapi.net/.default"],
    ["https://127.0.0.1:8443", undefined, "https://127.0.0.1:8443/.default"],
    ["https://management.local.azurestack.external", "https://management.adfs.azurestack.local/abc", "https://management.adfs.azurestack.local/abc"],
  ])("armTokenScope(%s, %s) = %s", (endpoint, override, scope) => expect(armTokenScope(endpoint, override)).toBe(scope));

  it.each([
    [undefined, false],
    ["https://login.microsoftonline.com", false],
    ["https://login.microsoftonline.us/", false],
    ["https://127.0.0.1:8443", true],
  ])("isCustomAuthorityHost(%s) = %s", (host, custom) => expect(isCustomAuthorityHost(host)).toBe(custom));

  const c = "https://arm.test/subscriptions/AbC/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1";
  it.each([
    ["https://arm.test/subscriptions?api-version=2022-12-01", "subscriptions"],
    ["https://arm.test/subscriptions/abc/providers/Microsoft.ContainerService/managedClusters?api-version=1", "managedClusters"],
    [`${c}/agentPools?api-version=1`, "agentPools"],
    [`${c}/agentPools/p1/machines?api-version=1&$skiptoken=x`, "machines"],
    [`${c}/agentPools/p1/upgradeProfiles/default?api-version=1`, "agentPoolUpgradeProfile"],
    [`${c}/listClusterUserCredential?api-version=1`, "listClusterUserCredential"],
    ["https://arm.test/subscriptions/abc/providers/Microsoft.Compute/locations/eastus/usages?api-version=1", "computeUsages"],
    ["https://arm.test/subscriptions/abc/providers/Microsoft.CostManagement/query?api-version=1", "costQuery"],
    ["https://arm.test/providers/Microsoft.Other/x", "arm"],
  ])("classifyArmCall(%s) = %s", (url, kind) => expect(classifyArmCall(url)).toBe(kind));

  it("finds the subscription in a URL", () => {
    expect(subscriptionOfUrl(c)).toBe("abc");
    expect(subscriptionOfUrl("https://arm.test/subscriptions?api-version=1")).toBeUndefined();
  });
});
