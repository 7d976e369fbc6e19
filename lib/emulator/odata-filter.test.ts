import { describe, expect, it } from "vitest";
import { evaluateFilter, parseODataFilter } from "./odata-filter";

const item = { armRegionName: "westeurope", armSkuName: "Standard_D4s_v5", productName: "Virtual Machines Dsv5 Series Windows", retailPrice: 0.25, type: "Consumption" };

describe("OData $filter", () => {
  it.each([
    ["armRegionName eq 'westeurope'", true],
    ["armRegionName eq 'WestEurope'", false],
    ["armRegionName ne 'eastus' and armSkuName eq 'Standard_D4s_v5'", true],
    ["armRegionName eq 'eastus' or armSkuName eq 'Standard_D4s_v5'", true],
    ["not (armRegionName eq 'westeurope')", false],
    ["contains(productName, 'Windows')", true],
    ["contains(productName, 'Windows') eq false", false],
    ["startswith(armSkuName, 'Standard_D') and endswith(productName, 'Windows')", true],
    ["retailPrice gt 0.2 and retailPrice le 0.25", true],
    ["tolower(armRegionName) eq 'westeurope'", true],
    ["productName eq 'it''s'", false],
  ])("%s -> %s", (filter, expected) => {
    expect(evaluateFilter(parseODataFilter(filter), item, true)).toBe(expected);
  });

  it("compares strings without case when asked (older api-versions)", () => {
    expect(evaluateFilter(parseODataFilter("armRegionName eq 'WestEurope'"), item, false)).toBe(true);
  });

  it("rejects what it cannot parse", () => {
    expect(() => parseODataFilter("armRegionName eq")).toThrow();
    expect(() => parseODataFilter("armRegionName is 'x'")).toThrow(/operator/);
    expect(() => parseODataFilter("armRegionName eq 'open")).toThrow(/unterminated/);
  });
});
