import { describe, expect, it } from "vitest";
import { diffPoolProperties } from "./drift";

type Props = Record<string, unknown> | null;

describe("diffPoolProperties", () => {
  it.each<[string, Props, Props, { field: string; before: unknown; after: unknown }[]]>([
    ["no change", { count: 3, vmSize: "Standard_D4s_v5" }, { vmSize: "Standard_D4s_v5", count: 3 }, []],
    ["a scalar change", { count: 3 }, { count: 5 }, [{ field: "count", before: 3, after: 5 }]],
    ["the eTag alone is no change", { count: 3, eTag: "a" }, { count: 3, eTag: "b" }, []],
    ["a label added", { nodeLabels: { a: "1" } }, { nodeLabels: { a: "1", b: "2" } }, [{ field: "nodeLabels", before: { a: "1" }, after: { a: "1", b: "2" } }]],
    ["label key order is no change", { nodeLabels: { a: "1", b: "2" } }, { nodeLabels: { b: "2", a: "1" } }, []],
    ["zone order is no change", { availabilityZones: ["1", "2"] }, { availabilityZones: ["2", "1"] }, []],
    ["a taint removed", { nodeTaints: ["a=b:NoSchedule"] }, { nodeTaints: [] }, [{ field: "nodeTaints", before: ["a=b:NoSchedule"], after: [] }]],
    ["a property appears", { count: 1 }, { count: 1, spotMaxPrice: -1 }, [{ field: "spotMaxPrice", before: null, after: -1 }]],
    ["a property disappears", { count: 1, tags: { a: "b" } }, { count: 1 }, [{ field: "tags", before: { a: "b" }, after: null }]],
    ["null and absent are the same", { podSubnetID: null }, {}, []],
    [
      "a nested change",
      { upgradeSettings: { maxSurge: "33%" }, powerState: { code: "Running" } },
      { upgradeSettings: { maxSurge: "10%" }, powerState: { code: "Stopped" } },
      [
        { field: "powerState", before: { code: "Running" }, after: { code: "Stopped" } },
        { field: "upgradeSettings", before: { maxSurge: "33%" }, after: { maxSurge: "10%" } },
      ],
    ],
    ["a new pool", null, { count: 1 }, [{ field: "pool", before: null, after: "created" }]],
    ["a deleted pool", { count: 1 }, null, [{ field: "pool", before: "present", after: "deleted" }]],
  ])("%s", (_name, before, after, expected) => expect(diffPoolProperties(before, after)).toEqual(expected));
});
