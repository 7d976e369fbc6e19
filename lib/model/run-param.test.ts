import { describe, expect, test } from "vitest";
import { parseWholeParam } from "./run-param";

describe("parseWholeParam", () => {
  test.each([
    ["42", 42],
    [["7", "8"], 7],
    [undefined, undefined],
    ["", undefined],
    ["0", undefined],
    ["-3", undefined],
    ["4.5", undefined],
    ["abc", undefined],
    ["99999999999999999999", undefined],
  ])("%j is %j", (value, expected) => {
    expect(parseWholeParam(value)).toBe(expected);
  });
});
