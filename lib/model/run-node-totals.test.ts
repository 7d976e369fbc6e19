import { describe, expect, it } from "vitest";
import { countRunNodes } from "./run-node-totals";

const pool = (scaleSetPriority: string | null, measured: boolean, nodesReady: number, nodesNotReady: number, count: number | null) => ({
  scaleSetPriority,
  measured,
  nodesReady,
  nodesNotReady,
  count,
});

describe("countRunNodes", () => {
  it.each([
    ["no pools", [], 0, 0],
    ["measured regular pools count ready and not-ready nodes", [pool("Regular", true, 3, 1, 9), pool(null, true, 2, 0, 2)], 6, 0],
    ["spot pools are counted apart", [pool("Spot", true, 5, 0, 5), pool("Regular", true, 1, 0, 1)], 1, 5],
    ["an unmeasured pool counts its ARM count", [pool("Regular", false, 0, 0, 4), pool("Spot", false, 0, 0, null)], 4, 0],
  ])("%s", (_name, pools, regular, spot) => {
    expect(countRunNodes(pools)).toEqual({ regularNodeCount: regular, spotNodeCount: spot });
  });
});
