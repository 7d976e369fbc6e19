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

/** Deep equality that ignores object key order; null and absent count as the same. */
export function sameValue(a: unknown, b: unknown, field = ""): boolean {
  const sort = unordered.has(field);
  return JSON.stringify(canonical(a ?? null, sort)) === JSON.stringify(canonical(b ?? null, sort));
}

/**
 * The changes from `before` to `after`, one per top-level property, in property name order. A pool that
 * appears (no before) or disappears (no after) is one change on the field "pool".
 */
export function diffPoolProperties(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): PropertyChange[] {
  if (!before && !after) return [];
  if (!before) return [{ field: "pool", before: null, after: "created" }];
  if (!after) return [{ field: "pool", before: "present", after: "deleted" }];
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((field) => !ignored.has(field)).sort();
  const changes: PropertyChange[] = [];
  for (const field of fields) {
    if (!sameValue(before[field], after[field], field)) changes.push({ field, before: before[field] ?? null, after: after[field] ?? null });
  }
  return changes;
}
