/**
 * Retail VM prices from the Azure Retail Prices API: a plain, unauthenticated GET (so no ARM token goes with it),
 * paged by NextPageLink. Its base URL is configurable like the ARM endpoint. Filter values are case sensitive.
 */
import { latestPrices, toPriceRecord, type PriceRecord, type RetailPriceItem } from "@/lib/model/price";
import type { CallRunner } from "@/lib/net/call-runner";
import { API_VERSIONS } from "./api-versions";
import { ArmHttpError, MalformedResponseError } from "./arm-client";
import { validateItems, type MalformedItem } from "./read-items";
import { describeIssues, retailPricePageSchema, retailPriceItemSchema } from "./schemas";

const SIZES_PER_QUERY = 15;

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The $filter for VM prices of some sizes in one region (reservations are left out when read: the field that tells them apart is `type`, which the API does not document as filterable). */
export function retailPriceFilter(region: string, vmSizes: string[]): string {
  return `serviceName eq 'Virtual Machines' and armRegionName eq ${quote(region)} and (${vmSizes.map((size) => `armSkuName eq ${quote(size)}`).join(" or ")})`;
}

async function getJson(runner: CallRunner, url: string): Promise<unknown> {
  const response = await runner.run(
    "retailPrices",
    "retail-prices",
    async (signal) => {
      const answer = await fetch(url, { signal, headers: { accept: "application/json" } });
      // Read the body inside the attempt so that its timeout covers it.
      return { status: answer.status, headers: answer.headers, text: await answer.text() };
    },
    (answer) => ({ status: answer.status, header: (name) => answer.headers.get(name) }),
  );
  if (response.status < 200 || response.status >= 300) throw new ArmHttpError(response.status, undefined, response.text.slice(0, 200), url, "retailPrices");
  try {
    return JSON.parse(response.text);
  } catch {
    throw new MalformedResponseError("retailPrices", "the answer is not valid JSON");
  }
}

/** Prices for the given sizes in one region: one record per size, OS and priority (the newest in effect). */
export async function listRetailPrices(runner: CallRunner, endpoint: string, region: string, vmSizes: string[]): Promise<{ prices: PriceRecord[]; malformed: MalformedItem[] }> {
  const records: PriceRecord[] = [];
  const malformed: MalformedItem[] = [];
  const sizes = [...new Set(vmSizes)].sort();
  for (let start = 0; start < sizes.length; start += SIZES_PER_QUERY) {
    const filter = retailPriceFilter(region, sizes.slice(start, start + SIZES_PER_QUERY));
    let url: string | undefined = `${endpoint}/api/retail/prices?api-version=${API_VERSIONS.retailPrices}&$filter=${encodeURIComponent(filter)}`;
    const seen = new Set<string>();
    while (url) {
      const page = retailPricePageSchema.safeParse(await getJson(runner, url));
      if (!page.success) throw new MalformedResponseError("retailPrices", describeIssues(page.error));
      const items = validateItems("retailPrice", retailPriceItemSchema, page.data.Items);
      malformed.push(...items.malformed);
      for (const item of items.items) {
        const record = toPriceRecord(item.parsed as RetailPriceItem);
        if (record) records.push(record);
      }
      const next: string | undefined = page.data.NextPageLink ?? undefined;
      if (next && seen.has(next)) throw new MalformedResponseError("retailPrices", "NextPageLink points back at a page already read");
      if (next) seen.add(next);
      url = next;
    }
  }
  return { prices: latestPrices(records), malformed };
}
