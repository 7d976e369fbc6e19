/**
 * Regional vCPU quota families. Compute's usages API names each family's quota like standardDSv3Family
 * ("Standard DSv3 Family vCPUs"); a pool on Standard_D4s_v3 draws on that family and on the regional total
 * ("cores"), and a spot pool on "lowPriorityCores" instead of both.
 */

/** Quota names that do not follow the naming rule, in lower case. */
const irregular: Record<string, string> = {
  "standard_nc4as_t4_v3": "standardncasv3_t4family",
  "standard_nc8as_t4_v3": "standardncasv3_t4family",
  "standard_nc16as_t4_v3": "standardncasv3_t4family",
  "standard_nc64as_t4_v3": "standardncasv3_t4family",
  "standard_nd96asr_v4": "standardndasv4_a100family",
};

const sizePattern = /^standard_([a-z]+)\d+(?:-\d+)?([a-z]*)(?:_(?!v\d+(?:_promo)?$)([a-z][a-z0-9]*))?(?:_(v\d+))?(?:_promo)?$/i;

/**
 * The quota family name a VM size draws on, in the usages API's spelling (compare case-insensitively: Azure
 * itself mixes standardNCADSA100v4Family and StandardNCADSA100v4Family). Null for a name that is not a VM size.
 */
export function quotaFamilyOf(vmSize: string): string | null {
  const known = irregular[vmSize.toLowerCase()];
  if (known) return known;
  // The first B-series (B1s, B2ms, B4ms, B8ms…) shares one family whatever the size's letters.
  if (/^standard_b\d+[a-z]*$/i.test(vmSize)) return "standardBSFamily";
  const match = sizePattern.exec(vmSize);
  if (!match) return null;
  const [, series, features, extra, version] = match;
  return `standard${series.toUpperCase()}${features.toUpperCase()}${extra ? extra.toUpperCase() : ""}${version ?? ""}Family`;
}

export type QuotaUsageItem = { name: string; localizedName: string | null; currentValue: number; limit: number };

/**
 * The usages worth keeping for the sizes in use: each size's family, the regional total and, when spot pools run
 * there, the low-priority total. Returns the kept items and the sizes whose family the region does not list (so a
 * run can say so rather than show no quota).
 */
export function selectQuotaUsages(items: QuotaUsageItem[], sizes: { vmSize: string; spot: boolean }[]): { kept: QuotaUsageItem[]; unmatchedSizes: string[] } {
  const byName = new Map(items.map((item) => [item.name.toLowerCase(), item]));
  const kept = new Map<string, QuotaUsageItem>();
  const unmatchedSizes: string[] = [];
  const keep = (name: string) => {
    const item = byName.get(name.toLowerCase());
    if (item) kept.set(item.name, item);
    return Boolean(item);
  };
  if (sizes.length > 0) keep("cores");
  for (const { vmSize, spot } of sizes) {
    if (spot) {
      keep("lowPriorityCores");
      continue;
    }
    const family = quotaFamilyOf(vmSize);
    if (!family || !keep(family)) unmatchedSizes.push(vmSize);
  }
  return { kept: [...kept.values()], unmatchedSizes: [...new Set(unmatchedSizes)] };
}
