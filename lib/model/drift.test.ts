import { describe, expect, it } from "vitest";
import { diffPoolProperties, sameValue } from "./drift";

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
    ["nested key order is no change", { upgradeSettings: { a: { x: 1, y: [1, { p: 1, q: 2 }] }, b: 2 } }, { upgradeSettings: { b: 2, a: { y: [1, { q: 2, p: 1 }], x: 1 } } }, []],
    ["a nested key holding undefined is absent", { upgradeSettings: { a: 1 } }, { upgradeSettings: { a: 1, b: undefined } }, []],
    ["a nested null is not absent", { upgradeSettings: { a: 1, b: null } }, { upgradeSettings: { a: 1 } }, [{ field: "upgradeSettings", before: { a: 1, b: null }, after: { a: 1 } }]],
    ["list order matters elsewhere", { subnets: ["a", "b"] }, { subnets: ["b", "a"] }, [{ field: "subnets", before: ["a", "b"], after: ["b", "a"] }]],
    ["a longer list", { subnets: ["a"] }, { subnets: ["a", "a"] }, [{ field: "subnets", before: ["a"], after: ["a", "a"] }]],
    ["a list is not an object", { subnets: [] }, { subnets: {} }, [{ field: "subnets", before: [], after: {} }]],
    ["a number is not its text", { maxPods: 30 }, { maxPods: "30" }, [{ field: "maxPods", before: 30, after: "30" }]],
    ["an object turns into null", { powerState: { code: "Running" } }, { powerState: null }, [{ field: "powerState", before: { code: "Running" }, after: null }]],
    [
      "changes in property name order, wherever they are",
      { zeta: 1, alpha: 1, count: 1 },
      { count: 2, beta: 1, zeta: 2 },
      [
        { field: "alpha", before: 1, after: null },
        { field: "beta", before: null, after: 1 },
        { field: "count", before: 1, after: 2 },
        { field: "zeta", before: 1, after: 2 },
      ],
    ],
  ])("%s", (_name, before, after, expected) => expect(diffPoolProperties(before, after)).toEqual(expected));
});

describe("sameValue", () => {
  it.each<[string, unknown, unknown, boolean]>([
    ["a list item undefined is null, as in JSON", [1, undefined], [1, null], true],
    ["a number that is not finite is null, as in JSON", { a: [Number.NaN] }, { a: [null] }, true],
    ["an inherited key is not a key", Object.create({ a: 1 }) as unknown, {}, true],
    ["empty object and empty list differ", {}, [], false],
  ])("%s", (_name, a, b, same) => expect(sameValue(a, b)).toBe(same));
});
