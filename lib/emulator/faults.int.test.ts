import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ClientSecretCredential } from "@azure/identity";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { startEmulator, type Emulator } from "./index";
import { clientsFor, collect } from "./testing/clients";

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 1, throttling: false });
});
afterAll(() => emulator?.stop());
afterEach(() => {
  emulator.faults.clear();
  emulator.throttling.enabled = false;
});

const prod = () => emulator.estate.subscriptions.find((s) => s.arm.displayName === "contoso-prod")!;
const nonprod = () => emulator.estate.subscriptions.find((s) => s.arm.displayName === "contoso-nonprod")!;
const token = async () => (await clientsFor(emulator, prod().id).credential.getToken("https://management.azure.com/.default"))!.token;

async function kube(): Promise<CoreV1Api> {
  const creds = await clientsFor(emulator, prod().id).aks.managedClusters.listClusterUserCredentials("rg-shop-prod-weu", "aks-shop-prod-weu");
  const kc = new KubeConfig();
  kc.loadFromString(Buffer.from(creds.kubeconfigs![0].value!).toString("utf8"));
  return kc.makeApiClient(CoreV1Api);
}

describe("identity and authentication", () => {
  it("refuses ARM calls without a valid token, the way ARM does", async () => {
    const url = `${emulator.url}/subscriptions/${prod().id}/providers/Microsoft.ContainerService/managedClusters?api-version=2026-06-01`;
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer authorization_uri=/);
    expect(await none.json()).toEqual({ error: { code: "AuthenticationFailed", message: "Authentication failed. The 'Authorization' header is missing." } });
    const forged = await fetch(url, { headers: { authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.c2lnbmF0dXJl" } });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("InvalidAuthenticationToken");
    expect((await fetch(url, { headers: { authorization: `Bearer ${await token()}` } })).status).toBe(200);
  });

  it("fails the credential on a wrong client secret with the Entra error", async () => {
    const wrong = new ClientSecretCredential(emulator.tenantId, emulator.clientId, "not-the-secret", { authorityHost: emulator.url, disableInstanceDiscovery: true });
    await expect(wrong.getToken("https://management.azure.com/.default")).rejects.toThrow(/AADSTS7000215/);
  });
});

describe("injected faults, as Azure would send them", () => {
  it("429 with Retry-After: seen as such with retries off, absorbed by the SDK's retry policy with them on", async () => {
    emulator.faults.add({ kind: "arm", path: "/agentPools", times: 1, effect: { type: "throttle", retryAfterSeconds: 1 } });
    const bare = clientsFor(emulator, prod().id).aks;
    const error = await bare.agentPools.get("rg-shop-prod-weu", "aks-shop-prod-weu", "api").catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 429, code: "SubscriptionRequestsThrottled" });
    expect((error as { response?: { headers: { get(name: string): string | undefined } } }).response?.headers.get("retry-after")).toBe("1");

    emulator.faults.add({ kind: "arm", path: "/agentPools", times: 1, effect: { type: "throttle", retryAfterSeconds: 1 } });
    const patient = clientsFor(emulator, prod().id, { retries: 3 }).aks;
    const started = Date.now();
    expect((await patient.agentPools.get("rg-shop-prod-weu", "aks-shop-prod-weu", "api")).name).toBe("api");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("5xx with an ARM error body", async () => {
    emulator.faults.add({ kind: "arm", subscription: prod().id, effect: { type: "error", status: 503 } });
    await expect(clientsFor(emulator, prod().id).aks.managedClusters.get("rg-shop-prod-weu", "aks-shop-prod-weu")).rejects.toMatchObject({ statusCode: 503, code: "ServiceUnavailable" });
    // Other subscriptions are untouched.
    expect((await collect(clientsFor(emulator, nonprod().id).aks.managedClusters.list())).length).toBe(3);
  });

  it("a timeout hangs until the client gives up", async () => {
    emulator.faults.add({ kind: "arm", cluster: "aks-shop-prod-weu", times: 1, effect: "timeout" });
    const started = Date.now();
    await expect(clientsFor(emulator, prod().id).aks.managedClusters.get("rg-shop-prod-weu", "aks-shop-prod-weu", { abortSignal: AbortSignal.timeout(300) })).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("malformed and truncated bodies make the SDK fail", async () => {
    emulator.faults.add({ kind: "arm", path: "managedClusters\\?", times: 1, effect: "malformed" });
    await expect(collect(clientsFor(emulator, prod().id).aks.managedClusters.list())).rejects.toThrow();
    emulator.faults.add({ kind: "arm", path: "managedClusters\\?", times: 1, effect: "truncate" });
    await expect(collect(clientsFor(emulator, prod().id).aks.managedClusters.list())).rejects.toThrow();
    expect((await collect(clientsFor(emulator, prod().id).aks.managedClusters.list())).length).toBe(4);
  });

  it("optional fields can go missing", async () => {
    emulator.faults.add({ kind: "arm", path: "agentPools/api\\?", times: 1, effect: { type: "omit", fields: ["nodeLabels", "upgradeSettings", "availabilityZones"] } });
    const pool = await clientsFor(emulator, prod().id).aks.agentPools.get("rg-shop-prod-weu", "aks-shop-prod-weu", "api");
    expect(pool.nodeLabels).toBeUndefined();
    expect(pool.upgradeSettings).toBeUndefined();
    expect(pool.availabilityZones).toBeUndefined();
    expect(pool.vmSize).toBe("Standard_D8s_v5");
  });

  it("a cluster's API can reset connections, throttle and fail", async () => {
    const api = await kube();
    emulator.faults.add({ kind: "kube", cluster: "aks-shop-prod-weu", times: 1, effect: "reset" });
    await expect(api.listNode()).rejects.toThrow();
    emulator.faults.add({ kind: "kube", cluster: "aks-shop-prod-weu", times: 1, effect: { type: "throttle", retryAfterSeconds: 3 } });
    await expect(api.listNode()).rejects.toMatchObject({ code: 429 });
    emulator.faults.add({ kind: "kube", path: "/pods", times: 1, effect: { type: "error", status: 500 } });
    await expect(api.listPodForAllNamespaces()).rejects.toMatchObject({ code: 500 });
    expect((await api.listNode()).items.length).toBeGreaterThan(0);
  });

  it("cost queries get the QPU headers on an injected 429", async () => {
    emulator.faults.add({ kind: "cost", times: 1, effect: { type: "throttle", retryAfterSeconds: 7 } });
    type Failure = { statusCode: number; response: { headers: { get(n: string): string | undefined } } };
    const error = (await clientsFor(emulator, prod().id)
      .cost.query.usage(`subscriptions/${prod().id}`, { type: "ActualCost", timeframe: "MonthToDate", dataset: { granularity: "Daily", aggregation: { totalCost: { name: "Cost", function: "Sum" } } } })
      .catch((e: unknown) => e)) as Failure;
    expect(error.statusCode).toBe(429);
    expect(error.response.headers.get("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after")).toBe("7");
  });

  it("probability rules fire on a share of requests", async () => {
    emulator.faults.add({ kind: "prices", probability: 0.5, effect: { type: "error", status: 500 } });
    const statuses = await Promise.all(Array.from({ length: 40 }, () => fetch(`${emulator.url}/api/retail/prices?$filter=${encodeURIComponent("armRegionName eq 'eastus'")}`).then((r) => r.status)));
    const failed = statuses.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
  });
});

describe("throttling like Azure", () => {
  it("ARM reads: a bucket of 250 per subscription, then 429 with Retry-After", async () => {
    emulator.throttling.enabled = true;
    emulator.resetStats();
    const auth = { authorization: `Bearer ${await token()}` };
    const url = `${emulator.url}/subscriptions/${nonprod().id}/providers/Microsoft.ContainerService/managedClusters?api-version=2026-06-01`;
    const responses: Response[] = [];
    // Bursts until the bucket runs dry: it refills at 25 a second, so a busy machine (slow answers) needs more than 250.
    for (let burst = 0; burst < 10 && !responses.some((r) => r.status === 429); burst++) {
      responses.push(...(await Promise.all(Array.from({ length: 150 }, () => fetch(url, { headers: auth })))));
    }
    const throttled = responses.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(Number(throttled[0].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await throttled[0].json()) as { error: { code: string } }).error.code).toBe("SubscriptionRequestsThrottled");
    const ok = responses.find((r) => r.status === 200)!;
    expect(Number(ok.headers.get("x-ms-ratelimit-remaining-subscription-reads"))).toBeLessThan(250);
    expect(emulator.stats().throttled.arm).toBe(throttled.length);
    // Another subscription has its own bucket.
    expect((await fetch(url.replace(nonprod().id, prod().id), { headers: auth })).status).toBe(200);
  });

  it("Cost Management: 12 QPU per 10 s per tenant, with its own retry header", async () => {
    emulator.throttling.enabled = true;
    const { cost } = clientsFor(emulator, nonprod().id);
    const query = { type: "ActualCost", timeframe: "Custom", timePeriod: { from: new Date(Date.now() - 20 * 86_400_000), to: new Date() }, dataset: { granularity: "Daily", aggregation: { totalCost: { name: "Cost", function: "Sum" } } } } as const;
    const results = [];
    for (let i = 0; i < 14; i++) results.push(await cost.query.usage(`subscriptions/${nonprod().id}`, query).then(() => 200, (e: { statusCode: number; response: { headers: { get(n: string): string | undefined } } }) => e));
    const first429 = results.findIndex((r) => r !== 200);
    expect(first429).toBe(12);
    const error = results[first429] as { statusCode: number; response: { headers: { get(n: string): string | undefined } } };
    expect(error.statusCode).toBe(429);
    expect(Number(error.response.headers.get("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after"))).toBeGreaterThan(0);
    expect(error.response.headers.get("retry-after")).toBeUndefined();
  });
});

describe("the admin API over HTTP", () => {
  const admin = (path: string, init?: { method?: string; body?: unknown }) =>
    fetch(`${emulator.url}/_emulator${path}`, { method: init?.method ?? "GET", headers: { "content-type": "application/json" }, body: init?.body === undefined ? undefined : JSON.stringify(init.body) });

  it("adds and clears faults, advances the clock and changes a pool", async () => {
    const added = await admin("/faults", { method: "POST", body: { kind: "arm", path: "managedClusters/aks-shop-prod-weu\\?", effect: { type: "error", status: 500 } } });
    expect(added.status).toBe(201);
    const { id } = (await added.json()) as { id: string };
    await expect(clientsFor(emulator, prod().id).aks.managedClusters.get("rg-shop-prod-weu", "aks-shop-prod-weu")).rejects.toMatchObject({ statusCode: 500 });
    expect((await admin(`/faults/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await clientsFor(emulator, prod().id).aks.managedClusters.get("rg-shop-prod-weu", "aks-shop-prod-weu")).name).toBe("aks-shop-prod-weu");
    expect((await admin("/faults", { method: "POST", body: { effect: "explode" } })).status).toBe(400);

    const before = new Date(((await (await admin("/clock")).json()) as { now: string }).now).getTime();
    const after = new Date(((await (await admin("/clock/advance", { method: "POST", body: { ms: 3_600_000 } })).json()) as { now: string }).now).getTime();
    expect(after - before).toBeGreaterThanOrEqual(3_600_000);

    const pool = emulator.estate.pools.find((p) => p.id.endsWith("aks-shop-prod-weu/agentPools/web"))!;
    const changed = await admin(`/pools/${encodeURIComponent(pool.id)}/change`, { method: "POST", body: { nodeLabels: { team: "checkout" }, maxCount: 12 } });
    expect(changed.status).toBe(200);
    const seen = await clientsFor(emulator, prod().id).aks.agentPools.get("rg-shop-prod-weu", "aks-shop-prod-weu", "web");
    expect(seen.nodeLabels).toEqual({ team: "checkout" });
    expect(seen.maxCount).toBe(12);
    expect((await admin(`/pools/${encodeURIComponent(pool.id)}/change`, { method: "POST", body: { colour: "blue" } })).status).toBe(400);

    const estate = (await (await admin("/estate")).json()) as { subscriptions: Array<{ clusters: Array<{ name: string; kubeServer: string }> }> };
    expect(estate.subscriptions.flatMap((s) => s.clusters).find((c) => c.name === "aks-payments-prod-weu")?.kubeServer).toBe("https://127.0.0.1:1");
    expect(((await (await admin("/stats")).json()) as { requests: { admin: number } }).requests.admin).toBeGreaterThan(0);
  });
});

describe("global latency", () => {
  it("adds latencyMs to every call", async () => {
    const slow = await startEmulator({ latencyMs: 120, throttling: false });
    try {
      const started = Date.now();
      await fetch(`${slow.url}/api/retail/prices?$filter=${encodeURIComponent("armRegionName eq 'eastus'")}`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    } finally {
      await slow.stop();
    }
  });
});
