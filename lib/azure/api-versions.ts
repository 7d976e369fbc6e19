/**
 * The api-versions Poolscope reads with: the installed SDKs' defaults where they have one, and for Cost Management
 * the version of the published contract samples (the SDK's beta defaults to 2022-10-01 and cannot page).
 */
export const API_VERSIONS = {
  subscriptions: "2022-12-01",
  containerService: "2026-06-01",
  computeUsages: "2026-04-01",
  costManagement: "2025-03-01",
  retailPrices: "2023-01-01-preview",
} as const;
