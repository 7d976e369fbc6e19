import type { z } from "zod";
import { describeIssues } from "./schemas";

/** An item an API returned that does not have the documented shape: reported with the run, never dropped silently. */
export type MalformedItem = { kind: string; id: string | null; reason: string };

export type Items<T> = { items: T[]; malformed: MalformedItem[] };

function idOf(raw: unknown): string | null {
  if (raw && typeof raw === "object") {
    const { id, name } = raw as { id?: unknown; name?: unknown };
    if (typeof id === "string") return id;
    if (typeof name === "string") return name;
  }
  return null;
}

/** Validates each raw item; returns the valid ones (parsed, with the raw item beside) and a report of the rest. */
export function validateItems<S extends z.ZodType>(kind: string, schema: S, raws: unknown[]): Items<{ parsed: z.output<S>; raw: unknown }> {
  const result: Items<{ parsed: z.output<S>; raw: unknown }> = { items: [], malformed: [] };
  for (const raw of raws) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) result.items.push({ parsed: parsed.data, raw });
    else result.malformed.push({ kind, id: idOf(raw), reason: describeIssues(parsed.error) });
  }
  return result;
}

/** Reads every page of an ARM list and validates its items. */
export async function collectPages<S extends z.ZodType>(kind: string, schema: S, pages: AsyncIterable<unknown[]>): Promise<Items<{ parsed: z.output<S>; raw: unknown }>> {
  const all: Items<{ parsed: z.output<S>; raw: unknown }> = { items: [], malformed: [] };
  for await (const page of pages) {
    const { items, malformed } = validateItems(kind, schema, page);
    all.items.push(...items);
    all.malformed.push(...malformed);
  }
  return all;
}
