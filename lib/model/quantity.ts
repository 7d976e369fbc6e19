/**
 * Kubernetes resource quantities ("250m", "1.5", "128Mi", "1e9", "2G") as numbers in the units Poolscope
 * stores: CPU in millicores, everything else in base units (bytes, pods, GPUs).
 * Returns undefined for text that is not a quantity, so callers can report it instead of guessing.
 */

const binarySuffixes: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimalSuffixes: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const quantityPattern = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** Texts already parsed, and how many are kept before starting over (a bound against a stream of unique texts). */
const parsed = new Map<string, number | undefined>();
const PARSED_TEXTS = 4096;

/** The quantity's value in base units (cores for CPU, bytes for memory). */
export function parseQuantity(text: string | number | undefined | null): number | undefined {
  if (typeof text === "number") return Number.isFinite(text) ? text : undefined;
  if (typeof text !== "string") return undefined;
  // A fleet's pods repeat a few hundred request texts ("100m", "128Mi") hundreds of thousands of times.
  if (parsed.has(text)) return parsed.get(text);
  if (parsed.size >= PARSED_TEXTS) parsed.clear();
  const value = quantityOf(text);
  parsed.set(text, value);
  return value;
}

function quantityOf(text: string): number | undefined {
  const match = quantityPattern.exec(text.trim());
  if (!match) return undefined;
  const [, digits, exponent, suffix = ""] = match;
  const value = Number(digits) * (exponent ? 10 ** Number(exponent.slice(1)) : 1);
  const factor = binarySuffixes[suffix] ?? decimalSuffixes[suffix];
  return factor === undefined ? undefined : value * factor;
}

/** CPU quantity in millicores, rounded up as the scheduler does ("1.0001" cores is 1001m). */
export function parseCpuMillis(text: string | number | undefined | null): number | undefined {
  const cores = parseQuantity(text);
  return cores === undefined ? undefined : Math.ceil(Math.round(cores * 1e6) / 1e3);
}

/** Memory (or any byte) quantity in bytes, rounded up to a whole byte. */
export function parseBytes(text: string | number | undefined | null): number | undefined {
  const bytes = parseQuantity(text);
  return bytes === undefined ? undefined : Math.ceil(Math.round(bytes * 1e3) / 1e3);
}

/** A count quantity (pods, GPUs): whole units. */
export function parseCount(text: string | number | undefined | null): number | undefined {
  const count = parseQuantity(text);
  return count === undefined ? undefined : Math.floor(count);
}
