/**
 * Drift: which agent pool properties changed between a pool's previous snapshot and this one. Compares the raw
 * ARM `properties` objects key by key, so a property Poolscope does not break out still shows up as a change.
 */
export type PropertyChange = { field: string; before: unknown; after: unknown };

/** Properties that change on every update and say nothing by themselves. */
const ignored = new Set(["eTag"]);
/** Lists whose order carries no meaning. */
const unordered = new Set(["availabilityZones", "nodeTaints"]);

function canonical(value: unknown, sortArrays: boolean): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item, false));
    return sortArrays ? [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : items;
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, canonical((value as Record<string, unknown>)[key], false)]),
    );
  }
  return value;
}

/** A JSON value's own null: what JSON.stringify writes as null (undefined in a list, a number that is not finite). */
function isNullish(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "number" && !Number.isFinite(value));
}

/** An object's value at `key`, as JSON.stringify sees it: only its own keys count, and a key holding undefined is absent. */
function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * Deep equality of two JSON values, ignoring object key order, read in place: what comparing their canonical
 * JSON texts says, without building either (a run compares every property of thousands of pools, nearly all equal).
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return isNullish(a) && isNullish(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    if (!Object.hasOwn(x, key) || x[key] === undefined) continue;
    keys++;
    const other = ownValue(y, key);
    if (other === undefined || !sameJson(x[key], other)) return false;
  }
  for (const key in y) if (Object.hasOwn(y, key) && y[key] !== undefined) keys--;
  return keys === 0;
}

/** Deep equality that ignores object key order; null and absent count as the same. */
export function sameValue(a: unknown, b: unknown, field = ""): boolean {
  // The two unordered lists are short: sorting their canonical items is cheap and keeps one rule for them.
  if (unordered.has(field)) return JSON.stringify(canonical(a ?? null, true)) === JSON.stringify(canonical(b ?? null, true));
  return sameJson(a ?? null, b ?? null);
}

/**
 * The changes from `before` to `after`, one per top-level property, in property name order. A pool that
 * appears (no before) or disappears (no after) is one change on the field "pool".
 */
export function diffPoolProperties(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): PropertyChange[] {
  if (!before && !after) return [];
  if (!before) return [{ field: "pool", before: null, after: "created" }];
  if (!after) return [{ field: "pool", before: "present", after: "deleted" }];
  const changes: PropertyChange[] = [];
  const compare = (field: string, was: unknown, is: unknown) => {
    if (!ignored.has(field) && !sameValue(was, is, field)) changes.push({ field, before: was ?? null, after: is ?? null });
  };
  for (const field in before) if (Object.hasOwn(before, field)) compare(field, before[field], ownValue(after, field));
  for (const field in after) if (Object.hasOwn(after, field) && !Object.hasOwn(before, field)) compare(field, undefined, after[field]);
  return changes.sort((a, b) => (a.field < b.field ? -1 : 1));
}
