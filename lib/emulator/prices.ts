/**
 * The Retail Prices API: GET {base}/api/retail/prices?$filter=... (no authentication), answering
 * { BillingCurrency, CustomerEntityId, CustomerEntityType, Items, NextPageLink, Count } 100 items a page. Items are
 * VM meters for every size and region the estates use: Linux and Windows pay-as-you-go, Spot and Low Priority,
 * 1- and 3-year reservations, plus a few managed-disk meters so a filter on serviceName has something to exclude.
 */
import type { EmulatorContext } from "./context";
import { json, type EmulatorRequest, type Reply } from "./http";
import { REGIONS, VM_SIZES, hourlyPrice, meterName } from "./estate/vm-sizes";
import { evaluateFilter, ODataFilterError, parseODataFilter } from "./odata-filter";
import { createRng, stableUuid } from "./estate/random";

type PriceItem = Record<string, string | number | boolean>;

const PAGE = 100;
const EFFECTIVE = "2025-04-01T00:00:00Z";
let catalogue: PriceItem[] | undefined;

function code(...key: string[]): string {
  const rng = createRng("price-code", ...key);
  const alphabet = "0123456789BCDFGHJKLMNPQRSTVWXZ";
  return Array.from({ length: 12 }, () => alphabet[rng.int(0, alphabet.length - 1)]).join("");
}

function buildCatalogue(): PriceItem[] {
  const items: PriceItem[] = [];
  for (const region of REGIONS) {
    for (const size of VM_SIZES) {
      const meter = meterName(size.name);
      const productLinux = size.series;
      const base = { currencyCode: "USD", tierMinimumUnits: 0, armRegionName: region.name, location: region.display, effectiveStartDate: EFFECTIVE, serviceName: "Virtual Machines", serviceId: "DZH313Z7MMC8", serviceFamily: "Compute", unitOfMeasure: "1 Hour", isPrimaryMeterRegion: true, armSkuName: size.name };
      const add = (os: "Linux" | "Windows", kind: "Consumption" | "Spot" | "Low Priority" | "1 Year" | "3 Years", price: number) => {
        const product = os === "Windows" ? `${productLinux} Windows` : productLinux;
        const suffix = kind === "Spot" ? " Spot" : kind === "Low Priority" ? " Low Priority" : "";
        const reservation = kind === "1 Year" || kind === "3 Years";
        const skuCode = code(product, meter + suffix);
        items.push({
          ...base,
          retailPrice: price,
          unitPrice: price,
          meterId: stableUuid("meter", region.name, product, meter + suffix),
          meterName: `${meter}${suffix}`,
          productId: code(product),
          skuId: `${code(product)}/${skuCode.slice(0, 4)}`,
          productName: product,
          skuName: `${meter}${suffix}`,
          type: reservation ? "Reservation" : "Consumption",
          ...(reservation ? { reservationTerm: kind } : {}),
        });
      };
      const linux = hourlyPrice(size.name, region.name, "Linux", "Regular");
      const windows = hourlyPrice(size.name, region.name, "Windows", "Regular");
      add("Linux", "Consumption", linux);
      add("Windows", "Consumption", windows);
      add("Linux", "Spot", hourlyPrice(size.name, region.name, "Linux", "Spot"));
      add("Windows", "Spot", hourlyPrice(size.name, region.name, "Windows", "Spot"));
      add("Linux", "Low Priority", Math.round(linux * 0.2 * 10_000) / 10_000);
      // Reservation items carry the price of the whole term.
      add("Linux", "1 Year", Math.round(linux * 0.62 * 8760 * 100) / 100);
      add("Linux", "3 Years", Math.round(linux * 0.4 * 26280 * 100) / 100);
    }
    for (const [tier, monthly] of [["P10 LRS", 19.71], ["P30 LRS", 135.17], ["E10 LRS", 9.6]] as const) {
      items.push({
        currencyCode: "USD", tierMinimumUnits: 0, retailPrice: monthly * region.priceFactor, unitPrice: monthly * region.priceFactor, armRegionName: region.name, location: region.display,
        effectiveStartDate: EFFECTIVE, meterId: stableUuid("meter", region.name, tier), meterName: `${tier.split(" ")[0]} LRS Disk`, productId: code("disk", tier), skuId: `${code("disk", tier)}/0001`,
        productName: tier.startsWith("P") ? "Premium SSD Managed Disks" : "Standard SSD Managed Disks", skuName: tier, serviceName: "Storage", serviceId: "DZH317F1HKN0", serviceFamily: "Storage",
        unitOfMeasure: "1/Month", type: "Consumption", isPrimaryMeterRegion: true, armSkuName: `Premium_SSD_Managed_Disk_${tier.split(" ")[0]}`,
      });
    }
  }
  return items;
}

export function retailCatalogue(): PriceItem[] {
  return (catalogue ??= buildCatalogue());
}

export function handlePrices(ctx: EmulatorContext, request: EmulatorRequest): Reply {
  if (request.method !== "GET") return json(405, { Message: "The requested resource does not support http method '" + request.method + "'." });
  const params = request.url.searchParams;
  const filterText = params.get("$filter");
  const apiVersion = params.get("api-version") ?? "";
  const caseSensitive = apiVersion >= "2023-01-01-preview";
  let items = retailCatalogue();
  if (filterText) {
    try {
      const tree = parseODataFilter(filterText);
      // The filter field priceType is the items' "type".
      items = items.filter((item) => evaluateFilter(tree, { ...item, priceType: item.type }, caseSensitive));
    } catch (error) {
      if (error instanceof ODataFilterError) return json(400, { Message: `Invalid OData filter: ${error.message}` });
      throw error;
    }
  }
  const skip = Math.max(0, Number(params.get("$skip") ?? 0) || 0);
  const page = items.slice(skip, skip + PAGE);
  let nextPageLink: string | null = null;
  if (skip + PAGE < items.length) {
    const next = new URLSearchParams(params);
    next.set("$skip", String(skip + PAGE));
    nextPageLink = `${ctx.baseUrl()}/api/retail/prices?${next.toString()}`;
  }
  const currency = params.get("currencyCode")?.replace(/'/g, "");
  const rate = currency === "EUR" ? 0.92 : currency === "GBP" ? 0.79 : 1;
  const shown = rate === 1 ? page : page.map((i) => ({ ...i, currencyCode: currency!, retailPrice: Number(i.retailPrice) * rate, unitPrice: Number(i.unitPrice) * rate }));
  return json(200, { BillingCurrency: currency ?? "USD", CustomerEntityId: "Default", CustomerEntityType: "Retail", Items: shown, NextPageLink: nextPageLink, Count: shown.length });
}
