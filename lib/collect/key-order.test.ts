import { describe, expect, it } from "vitest";
import { inKeyOrder } from "./key-order";

type Row = { cluster: string; name: string; n: number };
const row = (cluster: string, name: string, n: number): Row => ({ cluster, name, n });

describe("inKeyOrder", () => {
  it.each<[string, Row[], Row[]]>([
    ["empty", [], []],
    ["sorts by each field in turn", [row("b", "a", 1), row("a", "b", 2), row("a", "a", 3)], [row("a", "a", 3), row("a", "b", 2), row("b", "a", 1)]],
    ["code unit order, as the C collation", [row("a", "b", 1), row("a", "B", 2), row("a", "a-1", 3), row("a", "a/1", 4)], [row("a", "B", 2), row("a", "a-1", 3), row("a", "a/1", 4), row("a", "b", 1)]],
    ["keeps the last of a repeated key", [row("a", "x", 1), row("b", "x", 2), row("a", "x", 3), row("a", "x", 4)], [row("a", "x", 4), row("b", "x", 2)]],
  ])("%s", (_name, rows, expected) => {
    const before = structuredClone(rows);
    expect(inKeyOrder(rows, ["cluster", "name"])).toEqual(expected);
    expect(rows).toEqual(before);
  });

  it("merges repeats in the order they came, without changing the rows", () => {
    const rows = [row("a", "x", 1), row("b", "y", 10), row("a", "x", 2), row("a", "x", 4)];
    const merged = inKeyOrder(rows, ["cluster", "name"], (kept, repeat) => ({ ...kept, n: kept.n * 10 + repeat.n }));
    expect(merged).toEqual([row("a", "x", 124), row("b", "y", 10)]);
    expect(rows[0]).toEqual(row("a", "x", 1));
  });
});
