import type { Page } from "@playwright/test";

/** Full-page screenshots at the 1440x900 viewport, kept under test-results/screenshots as artifacts. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
