import { describe, expect, test } from "vitest";
import { FACET_LIST_MAX, splitFacets } from "./pool-facets";

const values = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `v${i}`, pools: 1 }));

describe("splitFacets", () => {
  test.each([
    { name: "short lists stay lists", cluster: 3, listed: true },
    { name: "a list at the limit stays a list", cluster: FACET_LIST_MAX, listed: true },
    { name: "a longer one becomes a count", cluster: FACET_LIST_MAX + 1, listed: false },
  ])("$name", ({ cluster, listed }) => {
    const split = splitFacets({ cluster: values(cluster), mode: values(2) });
    expect(split.facets.mode).toHaveLength(2);
    expect(split.facets.cluster).toEqual(listed ? values(cluster) : undefined);
    expect(split.longFacets.cluster).toBe(listed ? undefined : cluster);
  });
});
