import { describe, expect, test } from "vitest";
import { isSkewFlagged, parseKubernetesVersion, versionSkew } from "./version-skew";

describe("versionSkew", () => {
  test.each([
    ["1.30.6", "1.30.6", "same", 0, false],
    ["1.30.6", "1.30.2", "same", 0, false],
    ["1.31.2", "1.30.6", "behind", 1, false],
    ["1.31.2", "1.29.9", "too-far-behind", 2, true],
    ["1.30.6", "1.31.2", "ahead", -1, true],
    ["1.30.2", "1.30.6", "ahead", 0, true],
    ["v1.30.6", "1.30.6", "same", 0, false],
    ["1.30", "1.29", "behind", 1, false],
    [null, "1.30.6", "unknown", null, false],
    ["1.30.6", "", "unknown", null, false],
    ["2.0.0", "1.31.0", "too-far-behind", 100, true],
  ] as const)("control plane %s, pool %s: %s", (controlPlane, pool, status, minorsBehind, flagged) => {
    const skew = versionSkew(controlPlane, pool);
    expect(skew).toEqual({ status, minorsBehind });
    expect(isSkewFlagged(skew)).toBe(flagged);
  });

  test.each([
    ["1.30.6", [1, 30, 6]],
    ["v1.29.0-hotfix", [1, 29, 0]],
    ["1.31", [1, 31, 0]],
    ["latest", undefined],
  ] as const)("parses %s", (text, expected) => {
    expect(parseKubernetesVersion(text)).toEqual(expected);
  });
});
