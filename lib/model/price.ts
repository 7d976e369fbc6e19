/**
 * Retail prices for VM sizes: which meter is which (Linux or Windows, regular, spot or low priority), and a
 * pool's estimated cost per day where Cost Management has no actuals yet.
 */

export type RetailPriceItem = {
  currencyCode: string;
  retailPrice: number;
  armRegionName: string;
  armSkuName: string;
  meterName: string;
  productName: string;
  skuName?: string | null;
  serviceName?: string | null;
  unitOfMeasure?: string | null;
  type?: string | null;
  effectiveStartDate: string;
};

export type PriceRecord = {
  vmSize: string;
  region: string;
  os: "linux" | "windows";
  priority: "regular" | "spot" | "low";
  currency: string;
  hourlyPrice: number;
  meterName: string | null;
  productName: string | null;
  effectiveDate: Date;
};

/** Consumption prices per hour become records; reservations, dev/test and other units are left out (null). */
export function toPriceRecord(item: RetailPriceItem): PriceRecord | null {
  if (item.type && item.type !== "Consumption") return null;
  if (item.unitOfMeasure && !/^1 Hours?$/i.test(item.unitOfMeasure)) return null;
  if (!item.armSkuName || !item.armRegionName) return null;
  const meter = `${item.meterName} ${item.skuName ?? ""}`;
  const priority = / Spot\b/i.test(meter) ? "spot" : / Low Priority\b/i.test(meter) ? "low" : "regular";
  const effectiveDate = new Date(item.effectiveStartDate);
  if (Number.isNaN(effectiveDate.getTime())) return null;
  return {
    vmSize: item.armSkuName,
    region: item.armRegionName.toLowerCase(),
    os: /Windows/i.test(item.productName) ? "windows" : "linux",
    priority,
    currency: item.currencyCode,
    hourlyPrice: item.retailPrice,
    meterName: item.meterName,
    productName: item.productName,
    effectiveDate,
  };
}

export function priceKey(price: Pick<PriceRecord, "vmSize" | "region" | "os" | "priority" | "currency">): string {
  return `${price.vmSize.toLowerCase()}|${price.region.toLowerCase()}|${price.os}|${price.priority}|${price.currency}`;
}

/** One price per key: the one in effect most recently. */
export function latestPrices(records: PriceRecord[]): PriceRecord[] {
  const byKey = new Map<string, PriceRecord>();
  for (const record of records) {
    const key = priceKey(record);
    const known = byKey.get(key);
    if (!known || known.effectiveDate < record.effectiveDate) byKey.set(key, record);
  }
  return [...byKey.values()];
}

/** The price that applies to a pool, in the given currency. */
export function findPoolPrice(
  prices: Map<string, PriceRecord>,
  pool: { vmSize: string | null; location: string; osType: string | null; scaleSetPriority: string | null },
  currency = "USD",
): PriceRecord | undefined {
  if (!pool.vmSize) return undefined;
  return prices.get(
    priceKey({
      vmSize: pool.vmSize,
      region: pool.location,
      os: pool.osType?.toLowerCase() === "windows" ? "windows" : "linux",
      priority: pool.scaleSetPriority?.toLowerCase() === "spot" ? "spot" : "regular",
      currency,
    }),
  );
}

/** A full day of the pool's current node count at the retail price. */
export function estimateDailyCost(nodeCount: number, hourlyPrice: number): number {
  return Math.round(nodeCount * hourlyPrice * 24 * 1e6) / 1e6;
}
