/**
 * The change log of a pool, from its PoolChange rows (written by the collector: one row per ARM property that
 * differs from the pool's previous snapshot). Maps and lists are broken down into what was added, removed and
 * changed, so "nodeLabels" reads as "team: data → ml" rather than two JSON blobs.
 */
export type ChangeRow = { field: string; before: unknown; after: unknown };

export type ChangePart =
  | { kind: "added"; key?: string; value: unknown }
  | { kind: "removed"; key?: string; value: unknown }
  | { kind: "changed"; key?: string; before: unknown; after: unknown };

export type DescribedChange = { field: string; summary: "appeared" | "deleted" | "changed" | "set" | "unset"; parts: ChangePart[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function describeChange({ field, before, after }: ChangeRow): DescribedChange {
  const absent = (value: unknown) => value === null || value === undefined;
  if (field === "pool") return { field, summary: absent(after) ? "deleted" : "appeared", parts: [] };
  if (absent(before) && absent(after)) return { field, summary: "changed", parts: [] };
  const beforeMap = isRecord(before) ? before : absent(before) && isRecord(after) ? {} : undefined;
  const afterMap = isRecord(after) ? after : absent(after) && isRecord(before) ? {} : undefined;
  if (beforeMap && afterMap) {
    const parts: ChangePart[] = [];
    for (const key of [...new Set([...Object.keys(beforeMap), ...Object.keys(afterMap)])].sort()) {
      if (!(key in beforeMap)) parts.push({ kind: "added", key, value: afterMap[key] });
      else if (!(key in afterMap)) parts.push({ kind: "removed", key, value: beforeMap[key] });
      else if (!same(beforeMap[key], afterMap[key])) parts.push({ kind: "changed", key, before: beforeMap[key], after: afterMap[key] });
    }
    return { field, summary: absent(before) ? "set" : absent(after) ? "unset" : "changed", parts };
  }
  const beforeList = Array.isArray(before) ? before : absent(before) && Array.isArray(after) ? [] : undefined;
  const afterList = Array.isArray(after) ? after : absent(after) && Array.isArray(before) ? [] : undefined;
  if (beforeList && afterList) {
    const parts: ChangePart[] = [
      ...afterList.filter((item) => !beforeList.some((old) => same(old, item))).map((value): ChangePart => ({ kind: "added", value })),
      ...beforeList.filter((item) => !afterList.some((now) => same(now, item))).map((value): ChangePart => ({ kind: "removed", value })),
    ];
    return { field, summary: absent(before) ? "set" : absent(after) ? "unset" : "changed", parts };
  }
  return { field, summary: absent(before) ? "set" : absent(after) ? "unset" : "changed", parts: [{ kind: "changed", before, after }] };
}
