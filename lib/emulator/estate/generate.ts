/** The estate generator: the same seed, size and start time always give the same estate, byte for byte. */
import { buildEstate } from "./build";
import { demoSpecs } from "./demo";
import { sizedSpecs } from "./sized";
import type { Estate, EstateSize, SizeName } from "./types";

export const ESTATE_SIZES: Record<SizeName, EstateSize> = {
  demo: { subscriptions: 3, clusters: 9, pools: 31, nodes: 120 },
  medium: { subscriptions: 20, clusters: 100, pools: 600, nodes: 6_000 },
  large: { subscriptions: 200, clusters: 1_000, pools: 6_000, nodes: 60_000 },
};

export type GenerateOptions = { seed?: number; size?: SizeName | EstateSize; startMs?: number };

export function generateEstate(options: GenerateOptions = {}): Estate {
  const seed = options.seed ?? 1;
  const startMs = options.startMs ?? Date.now();
  const size = options.size ?? "demo";
  if (size === "demo") return buildEstate({ seed, sizeName: "demo", size: ESTATE_SIZES.demo, startMs, subscriptions: demoSpecs() });
  const resolved = typeof size === "string" ? ESTATE_SIZES[size] : size;
  if (!resolved) throw new Error(`unknown estate size ${JSON.stringify(size)} (demo, medium, large or { subscriptions, clusters, pools, nodes })`);
  if (resolved.clusters < 1 || resolved.subscriptions < 1 || resolved.pools < resolved.clusters) {
    throw new Error("an estate needs at least one subscription and one cluster, and at least one pool per cluster");
  }
  return buildEstate({ seed, sizeName: typeof size === "string" ? size : "custom", size: resolved, startMs, subscriptions: sizedSpecs(seed, resolved) });
}

export function parseSize(text: string): SizeName | EstateSize {
  if (text === "demo" || text === "medium" || text === "large") return text;
  // "20x100x600x6000" = subscriptions x clusters x pools x nodes
  const parts = text.split(/[x,]/).map(Number);
  if (parts.length === 4 && parts.every((n) => Number.isInteger(n) && n > 0)) {
    const [subscriptions, clusters, pools, nodes] = parts;
    return { subscriptions, clusters, pools, nodes };
  }
  throw new Error(`--size should be demo, medium, large or SUBSxCLUSTERSxPOOLSxNODES (got ${JSON.stringify(text)})`);
}
