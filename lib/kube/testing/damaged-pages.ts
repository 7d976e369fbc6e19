import { expect } from "vitest";
import { JsonSyntaxError } from "../json-scan";
import type { ListPage } from "../scan-list";

/** What the list schema accepts: an object with an items array, and metadata (if any) with a text continue token. */
export function isListShape(value: unknown): boolean {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(value) || !Array.isArray(value.items)) return false;
  if (value.metadata === undefined || value.metadata === null) return true;
  if (!isObject(value.metadata)) return false;
  const token = value.metadata.continue;
  return token === undefined || token === null || typeof token === "string";
}

/**
 * Damages `body` `count` times (a byte inserted, replaced or the rest cut off, from a fixed seed) and checks that
 * `readPage` refuses exactly what JSON.parse refuses, and otherwise reads each item as the exact path would:
 * `judge` (scanned item) equals `judge` (parsed item). Returns how many damaged pages were still JSON.
 */
export function expectSameOnDamagedPages(body: string, count: number, readPage: (body: Buffer) => ListPage | null, judge: (item: unknown) => unknown): number {
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const bytes = ['"', "{", "}", "[", "]", ",", ":", "\\", "0", "-", "e", "n", " ", "1", "x", "\u0000"];
  let stillJson = 0;
  for (let n = 0; n < count; n++) {
    const at = Math.floor(random() * body.length);
    const damaged = random() < 0.2 ? body.slice(0, at) : body.slice(0, at) + bytes[Math.floor(random() * bytes.length)] + body.slice(at + (random() < 0.5 ? 1 : 0));
    let parsed: unknown;
    try {
      parsed = JSON.parse(damaged);
    } catch {
      expect(() => readPage(Buffer.from(damaged)), damaged).toThrow(JsonSyntaxError);
      continue;
    }
    stillJson++;
    const page = readPage(Buffer.from(damaged));
    expect(page !== null, damaged).toBe(isListShape(parsed));
    if (page === null) continue;
    const items = (parsed as { items: unknown[] }).items;
    expect(page.items).toHaveLength(items.length);
    page.items.forEach((item, i) => expect(judge(item), damaged).toEqual(judge(items[i])));
  }
  return stillJson;
}
