import { describe, expect, it } from "vitest";
import { estimateDailyCost, findPoolPrice, latestPrices, priceKey, toPriceRecord, type RetailPriceItem } from "./price";

const item = (overrides: Partial<RetailPriceItem>): RetailPriceItem => ({
  currencyCode: "USD",
  retailPrice: 0.192,
  armRegionName: "eastus",
  armSkuName: "Standard_D4s_v5",
  meterName: "D4s v5",
  productName: "Virtual Machines Dsv5 Series",
  skuName: "D4s v5",
  serviceName: "Virtual Machines",
  unitOfMeasure: "1 Hour",
  type: "Consumption",
  effectiveStartDate: "2022-01-01T00:00:00Z",
  ...overrides,
});

describe("toPriceRecord", () => {
  it.each<[string, Partial<RetailPriceItem>, { os: string; priority: string } | null]>([
    ["Linux regular", {}, { os: "linux", priority: "regular" }],
    ["Linux spot", { meterName: "D4s v5 Spot", skuName: "D4s v5 Spot", retailPrice: 0.04 }, { os: "linux", priority: "spot" }],
    ["Windows regular", { productName: "Virtual Machines Dsv5 Series Windows" }, { os: "windows", priority: "regular" }],
    ["Low priority", { meterName: "D4s v5 Low Priority" }, { os: "linux", priority: "low" }],
    ["a reservation is not a consumption price", { type: "Reservation", unitOfMeasure: "1 Hour" }, null],
    ["dev/test is left out", { type: "DevTestConsumption" }, null],
  ])("%s", (_name, overrides, expected) => {
    const record = toPriceRecord(item(overrides));
    if (expected === null) expect(record).toBeNull();
    else expect(record).toMatchObject({ ...expected, vmSize: "Standard_D4s_v5", region: "eastus", currency: "USD" });
  });
});

describe("prices for pools", () => {
  const records = latestPrices(
    [
      item({}),
      item({ retailPrice: 0.2, effectiveStartDate: "2024-01-01T00:00:00Z" }),
      item({ meterName: "D4s v5 Spot", retailPrice: 0.04 }),
      item({ productName: "Virtual Machines Dsv5 Series Windows", retailPrice: 0.376 }),
    ].map((entry) => toPriceRecord(entry)!),
  );
  const prices = new Map(records.map((record) => [priceKey(record), record]));
  it.each([
    [{ osType: "Linux", scaleSetPriority: null }, 0.2],
    [{ osType: "Linux", scaleSetPriority: "Spot" }, 0.04],
    [{ osType: "Windows", scaleSetPriority: "Regular" }, 0.376],
  ])("%j costs %d an hour", (pool, hourly) => {
    expect(findPoolPrice(prices, { vmSize: "Standard_D4s_v5", location: "eastus", ...pool })?.hourlyPrice).toBe(hourly);
  });
  it("has no price for an unknown size", () => {
    expect(findPoolPrice(prices, { vmSize: "Standard_X", location: "eastus", osType: "Linux", scaleSetPriority: null })).toBeUndefined();
  });
  it("estimates a day", () => expect(estimateDailyCost(3, 0.2)).toBeCloseTo(14.4));
});
