import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { changeEmulatorPool, collectNow, emulatorClient, emulatorPool, ensureRun, parseCsv, waitForReadableRun } from "./support/fleet";
import { screenshot } from "./support/screenshot";

// One story over the demo estate, in order: the pools table, a spot pool of one subscription, its drift after the
// emulator changes it, exports, a shared URL, and time travel back to before the change.
test.describe.configure({ mode: "serial" });

type ArmPool = { id: string; name: string; properties: Record<string, unknown> };

/** A select of the filter bar, by its label. */
const filter = (page: Page, label: string) => page.getByRole("region", { name: "Filters" }).getByLabel(label, { exact: true });

/** The table's rows as "cluster/pool" keys, and the value of one column by its header. */
async function tableRows(page: Page): Promise<string[]> {
  return page.locator("table.pools-table tbody tr[data-pool-id]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-pool-id")!));
}

let spotPool: ArmPool;
let subscription: string;
let sharedUrl: string;
let runBeforeChange: number;

test.beforeAll(async ({ request }) => {
  await ensureRun(request);
});

test("the overview answers what runs where, with links into the pools table", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Fleet overview" })).toBeVisible();
  await expect(page.getByText(/As of run #\d+/)).toBeVisible();
  const spotBar = page.getByRole("region", { name: "Pools by priority" }).getByRole("link", { name: /Spot/ });
  await expect(spotBar).toHaveAttribute("href", "/pools?priority=Spot");
  await screenshot(page, "overview-fleet");
  await spotBar.click();
  await expect(page).toHaveURL(/\/pools\?priority=Spot$/);
  await expect(filter(page, "Priority")).toHaveValue("Spot");
});

test("filter the pools table to the spot pools of one subscription", async ({ page }) => {
  await page.goto("/pools");
  await expect(page.locator("table.pools-table")).toBeVisible();
  await filter(page, "Priority").selectOption("Spot");
  await expect(page).toHaveURL(/priority=Spot/);
  // The subscription with spot pools: the first one the filtered table shows.
  const firstSubscription = page.locator("table.pools-table tbody tr[data-pool-id]").first().locator("td").first();
  subscription = (await firstSubscription.innerText()).trim();
  await filter(page, "Subscription").selectOption(subscription);
  await expect(page).toHaveURL(new RegExp(`subscription=${encodeURIComponent(subscription)}`));
  const rows = page.locator("table.pools-table tbody tr[data-pool-id]");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row.locator("td").first()).toHaveText(subscription);
    await expect(row.getByText("Spot", { exact: true })).toBeVisible();
  }
  await expect(page.getByRole("button", { name: /Remove filter Priority Spot/ })).toBeVisible();
  sharedUrl = page.url();
  await screenshot(page, "pools-spot-one-subscription");
});

test("the table sorts from the keyboard, with aria-sort on the header", async ({ page }) => {
  await page.goto(sharedUrl);
  const header = page.getByRole("columnheader", { name: /^Nodes/ });
  await header.getByRole("button").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=count&dir=desc/);
  await expect(page.getByRole("columnheader", { name: /^Nodes/ })).toHaveAttribute("aria-sort", "descending");
});

test("export the filtered view and find the same rows in the files", async ({ page, request }) => {
  await page.goto(sharedUrl);
  const shown = await tableRows(page);
  expect(shown.length).toBeGreaterThan(0);

  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV" }).click();
  const csv = parseCsv(readFileSync(await (await csvDownload).path(), "utf8"));
  const [header, ...records] = csv;
  expect(header).toContain("Nodes (count)");
  expect(header).toContain("Autoscaler max (nodes)");
  expect(records).toHaveLength(shown.length);
  const at = (name: string) => header.indexOf(name);
  expect(records.map((record) => `${record[at("Cluster")]}/${record[at("Pool")]}`.toLowerCase())).toEqual(shown.map((id) => `${id.split("/")[8]}/${id.split("/")[10]}`));
  for (const record of records) {
    expect(record[at("Priority")]).toBe("Spot");
    expect(record[at("Subscription")]).toBe(subscription);
  }

  const jsonDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "JSON" }).click();
  const exported = JSON.parse(readFileSync(await (await jsonDownload).path(), "utf8")) as { value: ArmPool[]; total: number };
  expect(exported.value.map((pool) => pool.id.toLowerCase())).toEqual(shown);
  expect(exported.value.every((pool) => pool.properties.scaleSetPriority === "Spot")).toBe(true);

  // The same view from the API, with the page's own parameters.
  const api = await request.get(`/api/pools?${new URL(sharedUrl).searchParams}`);
  expect(api.status()).toBe(200);
  expect(((await api.json()) as { value: ArmPool[] }).value.map((pool) => pool.id.toLowerCase())).toEqual(shown);
  spotPool = exported.value[0];
});

test("a bad parameter is a 400 that names it", async ({ request, page }) => {
  const response = await request.get("/api/pools?priority=Cheap");
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/"priority"/);
  expect((await request.get("/api/pools?colour=red")).status()).toBe(400);
  await page.goto("/pools?sort=colour");
  await expect(page.getByRole("alert").filter({ hasText: "cannot show" })).toContainText('"sort" should be a column');
});

test("a shared URL opens the same view", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(sharedUrl);
  await expect(filter(page, "Priority")).toHaveValue("Spot");
  await expect(filter(page, "Subscription")).toHaveValue(subscription);
  const rows = await tableRows(page);
  expect(rows[0]).toBe(spotPool.id.toLowerCase());
  await context.close();
});

test("open a spot pool: its properties are the stored ARM object's and the emulator's", async ({ page, request }) => {
  const emulator = await emulatorClient();
  const served = await emulatorPool(emulator, spotPool.id);
  await page.goto(sharedUrl);
  await page.locator(`tr[data-pool-id="${spotPool.id.toLowerCase()}"]`).getByRole("link", { name: spotPool.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(spotPool.name);
  // The stored ARM object of the run the page shows (the demo collects every minute; counts move).
  const shownRun = Number((await page.locator(".run-note a").first().innerText()).replace("#", ""));
  const clusterId = spotPool.id.toLowerCase().split("/agentpools/")[0];
  const stored = await request.get("/api/pools", { params: { run: shownRun, cluster: clusterId, name: spotPool.name } });
  const [pool] = ((await stored.json()) as { value: ArmPool[] }).value;
  expect(pool.id.toLowerCase()).toBe(spotPool.id.toLowerCase());
  // Every scalar property ARM returned is on the page with its value.
  for (const [name, value] of Object.entries(pool.properties)) {
    if (value === null || typeof value === "object") continue;
    await expect(page.locator(`[data-property="${name}"] td`), name).toHaveText(String(value));
  }
  for (const [key, value] of Object.entries((pool.properties.nodeLabels ?? {}) as Record<string, string>)) {
    await expect(page.locator('[data-property="nodeLabels"] td')).toContainText(`${key}=${value}`);
  }
  // And the emulator serves the same pool.
  expect(served.name).toBe(spotPool.name);
  expect(served.vmSize).toBe(spotPool.properties.vmSize);
  await screenshot(page, "pool-detail");
  await emulator.dispose();
});

test("after the emulator changes the pool's labels and a run collects, the open page refreshes to show the change", async ({ page, request }) => {
  const emulator = await emulatorClient();
  const before = (spotPool.properties.nodeLabels ?? {}) as Record<string, string>;
  runBeforeChange = (await waitForReadableRun(request)).id;
  await page.goto(`/pools${spotPool.id.toLowerCase()}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(spotPool.name);
  const served = await changeEmulatorPool(emulator, spotPool.id, { nodeLabels: { ...before, "poolscope-e2e": "changed" } });
  expect(served.properties.nodeLabels).toMatchObject({ "poolscope-e2e": "changed" });
  await collectNow(request);
  // No reload: the page polls for new runs and re-renders itself when one lands.
  const entry = page.locator('table.change-log tr[data-field="nodeLabels"]').first();
  await expect(entry).toContainText("poolscope-e2e=changed", { timeout: 45_000 });
  const changedIn = Number((await entry.getByRole("link").innerText()).replace("#", ""));
  expect(changedIn).toBeGreaterThan(runBeforeChange);
  // What the page shows now is what the emulator serves.
  for (const name of ["vmSize", "osType", "scaleSetPriority", "orchestratorVersion", "minCount", "maxCount"]) {
    const value = served.properties[name];
    if (value !== undefined && value !== null) await expect(page.locator(`[data-property="${name}"] td`), name).toHaveText(String(value));
  }
  for (const [key, value] of Object.entries(served.properties.nodeLabels as Record<string, string>)) {
    await expect(page.locator('[data-property="nodeLabels"] td')).toContainText(`${key}=${value}`);
  }
  await screenshot(page, "pool-change-log");
  await emulator.dispose();
});

test("back to an earlier run: the old values, and a banner that says so", async ({ page }) => {
  await page.goto(`/pools${spotPool.id.toLowerCase()}`);
  await page.getByLabel("Show the fleet as of a run").selectOption(String(runBeforeChange));
  await expect(page).toHaveURL(new RegExp(`run=${runBeforeChange}`));
  await expect(page.getByText("You are looking at the past")).toBeVisible();
  await expect(page.locator('[data-property="nodeLabels"] td')).not.toContainText("poolscope-e2e");
  await expect(page.locator('table.change-log tr[data-field="nodeLabels"]').filter({ hasText: "poolscope-e2e" })).toHaveCount(0);
  await screenshot(page, "pool-time-travel");
  // The navigation stays in the past; "Back to now" leaves it.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pools" })).toHaveAttribute("href", `/pools?run=${runBeforeChange}`);
  await page.getByRole("link", { name: "Back to now" }).click();
  await expect(page).not.toHaveURL(/run=/);
  await expect(page.locator('[data-property="nodeLabels"] td')).toContainText("poolscope-e2e=changed");
});

test("the cluster page shows its pools side by side and their version skew", async ({ page }) => {
  await page.goto(`/pools${spotPool.id.toLowerCase()}`);
  await page.locator(".crumbs").getByRole("link").nth(1).click();
  await expect(page.getByRole("heading", { name: "Pools side by side" })).toBeVisible();
  await expect(page.locator("[data-skew]").first()).toBeVisible();
  await expect(page.locator('[data-property="nodeResourceGroup"] td')).not.toBeEmpty();
  await screenshot(page, "cluster-detail");
  // The pools' plain links lead to their pages, and the clusters table's to its clusters.
  const pool = page.locator("[data-pool] a").first();
  const poolName = (await pool.textContent())!;
  await pool.click();
  await expect(page).toHaveURL(/\/pools\/subscriptions\//);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(poolName);
  await page.goto("/clusters");
  await expect(page.getByRole("heading", { name: "Clusters" })).toBeVisible();
  await screenshot(page, "clusters");
  const cluster = page.locator("tr[data-cluster-id] a.strong").first();
  const clusterName = (await cluster.textContent())!;
  await cluster.click();
  await expect(page).toHaveURL(/\/clusters\/subscriptions\//);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(clusterName);
  await expect(page.getByRole("heading", { name: "Pools side by side" })).toBeVisible();
});

test("the pools table grouped by cluster, with chosen columns", async ({ page }) => {
  await page.goto("/pools?group=cluster&cols=subscription,cluster,name,vmSize,count,ready,min,max,labels,taints");
  await expect(page.locator("tr.group-row").first()).toBeVisible();
  await expect(page.getByRole("columnheader")).toHaveCount(10);
  await screenshot(page, "pools-grouped");
});
