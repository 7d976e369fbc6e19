import { describe, expect, it } from "vitest";
import { lostProperties } from "./survives";

describe("lostProperties", () => {
  it("follows the SDKs' flattening and renames", () => {
    const wire = { name: "p", properties: { count: 3, type: "VirtualMachines", enableFIPS: false, nodeLabels: { a: "b" } }, nextLink: null };
    expect(lostProperties(wire, { name: "p", count: 3, typePropertiesType: "VirtualMachines", enableFips: false, nodeLabels: { a: "b" } })).toEqual([]);
  });

  it("reports what went missing or changed", () => {
    expect(lostProperties({ properties: { count: 3, maxPods: 110 } }, { count: 4 })).toEqual(["properties.count: 3 -> 4", "properties.maxPods: 110 -> undefined"]);
  });
});
