import { expect, test } from "@playwright/test";
import { screenshot } from "./support/screenshot";

test("the health endpoint reports a migrated store", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ ok: true, migrated: true, database: "pglite" });
});

test("the overview page opens with navigation and a skip link", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Fleet overview" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await screenshot(page, "overview");
});

test("the runs page lists runs or says how to start one", async ({ page }) => {
  await page.goto("/runs");
  await expect(page.getByRole("heading", { name: "Collection runs" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Collect now|Collecting/ })).toBeVisible();
  await screenshot(page, "runs");
});

test("an unknown address says so", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
