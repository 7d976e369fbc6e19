import { describe, expect, test } from "vitest";
import { clusterHref, idFromSegments, poolHref, withRun } from "./hrefs";

const poolId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/rg-a (legacy)/providers/microsoft.containerservice/managedclusters/aks-1/agentpools/spot";

describe("hrefs", () => {
  test.each([
    ["a pool", poolHref(poolId), "/pools/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/rg-a%20(legacy)/providers/microsoft.containerservice/managedclusters/aks-1/agentpools/spot"],
    ["a pool in the past", poolHref("/Subscriptions/X/agentPools/A", 7), "/pools/subscriptions/x/agentpools/a?run=7"],
    ["a cluster", clusterHref("/subscriptions/x/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/c"), "/clusters/subscriptions/x/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/c"],
    ["run on an address with a query", withRun("/pools?priority=Spot", 3), "/pools?priority=Spot&run=3"],
    ["no run", withRun("/pools", undefined), "/pools"],
  ])("%s", (_name, href, expected) => {
    expect(href).toBe(expected);
  });

  test("segments back to the id, encoded or not", () => {
    const segments = poolHref(poolId).split("/").slice(2);
    expect(idFromSegments(segments)).toBe(poolId);
    expect(idFromSegments(["Subscriptions", "X", "rg%2"])).toBe("/subscriptions/x/rg%2");
  });
});
