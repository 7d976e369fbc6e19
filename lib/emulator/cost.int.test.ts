import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "./index";
import { clientsFor } from "./testing/clients";

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 1, throttling: false, costPageSize: 500 });
});
afterAll(() => emulator?.stop());

const prod = () => emulator.estate.subscriptions.find((s) => s.arm.displayName === "contoso-prod")!;
const day = (d: Date) => Number(d.toISOString().slice(0, 10).replace(/-/g, ""));

type Query = Parameters<ReturnType<typeof clientsFor>["cost"]["query"]["usage"]>[1];

function lastDays(days: number, type: "ActualCost" | "AmortizedCost", grouping: Query["dataset"]["grouping"], filter?: Query["dataset"]["filter"]): Query {
  const to = new Date();
  const from = new Date(to.getTime() - (days - 1) * 86_400_000);
  return { type, timeframe: "Custom", timePeriod: { from, to }, dataset: { granularity: "Daily", aggregation: { totalCost: { name: "Cost", function: "Sum" } }, grouping, filter } };
}

describe("Cost Management query through the SDK", () => {
  it("returns 62 days of daily cost per resource, never a day in the future, and pages with properties.nextLink", async () => {
    const { cost } = clientsFor(emulator, prod().id);
    const result = await cost.query.usage(`subscriptions/${prod().id}`, lastDays(62, "ActualCost", [{ type: "Dimension", name: "ResourceId" }]));
    expect(result.columns?.map((c) => c.name)).toEqual(["Cost", "UsageDate", "ResourceId", "Currency"]);
    expect(result.rows?.length).toBe(500);
    expect(result.nextLink).toMatch(new RegExp(`^${emulator.url}/subscriptions/${prod().id}/providers/Microsoft.CostManagement/query\\?api-version=2022-10-01&%24skiptoken=`));
    const days = new Set(result.rows!.map((r) => r[1] as number));
    expect(Math.min(...days)).toBe(day(new Date(Date.now() - 61 * 86_400_000)));
    expect(Math.max(...days)).toBeLessThanOrEqual(day(new Date()));

    // The SDK does not follow properties.nextLink: POST the same query to it.
    const next = await fetch(result.nextLink!, {
      method: "POST",
      headers: { authorization: `Bearer ${(await clientsFor(emulator, prod().id).credential.getToken("https://management.azure.com/.default"))!.token}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "ActualCost", timeframe: "Custom", timePeriod: { from: new Date(Date.now() - 61 * 86_400_000).toISOString(), to: new Date().toISOString() }, dataset: { granularity: "Daily", aggregation: { totalCost: { name: "Cost", function: "Sum" } }, grouping: [{ type: "Dimension", name: "ResourceId" }] } }),
    });
    const page2 = (await next.json()) as { properties: { rows: unknown[][] } };
    expect(page2.properties.rows.length).toBeGreaterThan(0);

    const scaleSets = result.rows!.filter((r) => String(r[2]).includes("/providers/microsoft.compute/virtualmachinescalesets/"));
    expect(scaleSets.length).toBeGreaterThan(0);
    expect(String(scaleSets[0][2])).toMatch(/^\/subscriptions\/[0-9a-f-]+\/resourcegroups\/mc_rg-[a-z-]+_aks-[a-z-]+_[a-z]+\/providers\/microsoft.compute\/virtualmachinescalesets\/aks-?[a-z0-9]+/);
  });

  it("groups by the pool tag AKS puts on scale sets, and filters", async () => {
    const { cost } = clientsFor(emulator, prod().id);
    const byPool = await cost.query.usage(
      `subscriptions/${prod().id}`,
      lastDays(7, "AmortizedCost", [{ type: "TagKey", name: "aks-managed-poolName" }], { dimensions: { name: "ResourceType", operator: "In", values: ["Microsoft.Compute/virtualMachineScaleSets"] } }),
    );
    expect(byPool.columns?.map((c) => c.name)).toEqual(["Cost", "UsageDate", "TagKey", "TagValue", "Currency"]);
    expect(new Set(byPool.rows!.map((r) => r[3]))).toEqual(new Set(["system", "api", "web", "batch", "winapp", "cache", "ingest", "stream", "monitor"]));
  });

  it("tells actual from amortized cost where a reservation covers part of the fleet", async () => {
    const { cost } = clientsFor(emulator, prod().id);
    const total = async (type: "ActualCost" | "AmortizedCost") => {
      const r = await cost.query.usage(`subscriptions/${prod().id}`, { type, timeframe: "TheLastMonth", dataset: { granularity: "None", aggregation: { totalCost: { name: "Cost", function: "Sum" } }, grouping: [{ type: "Dimension", name: "ChargeType" }] } });
      return Object.fromEntries(r.rows!.map((row) => [row[1], row[0] as number]));
    };
    const actual = await total("ActualCost");
    const amortized = await total("AmortizedCost");
    expect(actual.Purchase).toBeGreaterThan(0);
    expect(amortized.Purchase).toBeUndefined();
    expect(amortized.Usage).toBeGreaterThan(actual.Usage);
  });

  it("answers a bad query with an ARM error", async () => {
    const { cost } = clientsFor(emulator, prod().id);
    await expect(cost.query.usage(`subscriptions/${prod().id}`, lastDays(5, "ActualCost", [{ type: "Dimension", name: "Nope" }]))).rejects.toMatchObject({ statusCode: 400, code: "BadRequest" });
  });
});

describe("Retail Prices", () => {
  type Page = { Items: Array<Record<string, string | number>>; NextPageLink: string | null; Count: number; BillingCurrency: string };
  const prices = async (url: string) => (await (await fetch(url)).json()) as Page;

  it("filters on region, SKU and price type like the public API", async () => {
    const filter = "serviceName eq 'Virtual Machines' and armRegionName eq 'westeurope' and armSkuName eq 'Standard_D8s_v5' and priceType eq 'Consumption'";
    const page = await prices(`${emulator.url}/api/retail/prices?api-version=2023-01-01-preview&$filter=${encodeURIComponent(filter)}`);
    expect(page.Count).toBe(page.Items.length);
    const names = page.Items.map((i) => `${i.productName} | ${i.meterName}`).sort();
    expect(new Set(names)).toEqual(new Set([
      "Virtual Machines Dsv5 Series | D8s v5",
      "Virtual Machines Dsv5 Series | D8s v5 Low Priority",
      "Virtual Machines Dsv5 Series | D8s v5 Spot",
      "Virtual Machines Dsv5 Series Windows | D8s v5",
      "Virtual Machines Dsv5 Series Windows | D8s v5 Spot",
    ]));
    const linux = page.Items.find((i) => i.meterName === "D8s v5" && !String(i.productName).endsWith("Windows"))!;
    expect(linux).toMatchObject({ currencyCode: "USD", unitOfMeasure: "1 Hour", type: "Consumption", armRegionName: "westeurope", location: "EU West" });
    expect(linux.retailPrice).toBeCloseTo(0.384 * 1.1, 3);
  });

  it("is case sensitive from api-version 2023-01-01-preview, supports contains, and pages with NextPageLink", async () => {
    const lower = "armRegionName eq 'WestEurope'";
    expect((await prices(`${emulator.url}/api/retail/prices?api-version=2023-01-01-preview&$filter=${encodeURIComponent(lower)}`)).Count).toBe(0);
    expect((await prices(`${emulator.url}/api/retail/prices?$filter=${encodeURIComponent(lower)}`)).Count).toBe(100);
    const windows = await prices(`${emulator.url}/api/retail/prices?$filter=${encodeURIComponent("armRegionName eq 'eastus' and contains(productName, 'Windows')")}`);
    expect(windows.Items.every((i) => String(i.productName).includes("Windows"))).toBe(true);
    let url: string | null = `${emulator.url}/api/retail/prices?$filter=${encodeURIComponent("armRegionName eq 'eastus' and serviceName eq 'Virtual Machines'")}`;
    let total = 0;
    while (url) {
      const page: Page = await prices(url);
      total += page.Count;
      url = page.NextPageLink;
    }
    expect(total).toBeGreaterThan(100);
  });
});
