import { describe, expect, it } from "vitest";
import { quotaFamilyOf, selectQuotaUsages } from "./quota-family";

describe("quotaFamilyOf", () => {
  it.each([
    ["Standard_D4s_v3", "standardDSv3Family"],
    ["Standard_D2_v2", "standardDv2Family"],
    ["Standard_DS1_v2", "standardDSv2Family"],
    ["Standard_D4ds_v5", "standardDDSv5Family"],
    ["Standard_D8as_v5", "standardDASv5Family"],
    ["Standard_D4ads_v5", "standardDADSv5Family"],
    ["Standard_E16s_v5", "standardESv5Family"],
    ["Standard_E16-8ds_v5", "standardEDSv5Family"],
    ["Standard_F8s_v2", "standardFSv2Family"],
    ["Standard_B2s", "standardBSFamily"],
    ["Standard_B4ms", "standardBSFamily"],
    ["Standard_B2s_v2", "standardBSv2Family"],
    ["Standard_NC6s_v3", "standardNCSv3Family"],
    ["Standard_NC24ads_A100_v4", "standardNCADSA100v4Family"],
    ["Standard_NC4as_T4_v3", "standardncasv3_t4family"],
    ["Standard_D4pds_v5", "standardDPDSv5Family"],
    ["Standard_L8s_v3", "standardLSv3Family"],
    ["not a size", null],
  ])("%s draws on %s", (size, family) => expect(quotaFamilyOf(size)).toBe(family));
});

describe("selectQuotaUsages", () => {
  const items = [
    { name: "cores", localizedName: "Total Regional vCPUs", currentValue: 40, limit: 100 },
    { name: "lowPriorityCores", localizedName: "Total Regional Low-priority vCPUs", currentValue: 8, limit: 100 },
    { name: "standardDSv3Family", localizedName: "Standard DSv3 Family vCPUs", currentValue: 32, limit: 50 },
    { name: "StandardNCADSA100v4Family", localizedName: "Standard NCADS_A100_v4 Family vCPUs", currentValue: 0, limit: 24 },
    { name: "availabilitySets", localizedName: "Availability Sets", currentValue: 1, limit: 2500 },
  ];
  it("keeps the families in use, the regional total and low priority when spot runs", () => {
    const { kept, unmatchedSizes } = selectQuotaUsages(items, [
      { vmSize: "Standard_D4s_v3", spot: false },
      { vmSize: "Standard_NC24ads_A100_v4", spot: false },
      { vmSize: "Standard_D4s_v3", spot: true },
      { vmSize: "Standard_M128ms", spot: false },
    ]);
    expect(kept.map((item) => item.name).sort()).toEqual(["StandardNCADSA100v4Family", "cores", "lowPriorityCores", "standardDSv3Family"]);
    expect(unmatchedSizes).toEqual(["Standard_M128ms"]);
  });
  it("keeps nothing for a region without pools", () => {
    expect(selectQuotaUsages(items, []).kept).toEqual([]);
  });
});
