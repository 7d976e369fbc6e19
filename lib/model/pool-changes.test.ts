import { describe, expect, test } from "vitest";
import { describeChange, type ChangeRow, type DescribedChange } from "./pool-changes";

describe("describeChange", () => {
  test.each<[string, ChangeRow, DescribedChange]>([
    ["a pool that appeared", { field: "pool", before: null, after: { name: "spot" } }, { field: "pool", summary: "appeared", parts: [] }],
    ["a pool that went", { field: "pool", before: { name: "spot" }, after: null }, { field: "pool", summary: "deleted", parts: [] }],
    ["a scalar", { field: "count", before: 3, after: 5 }, { field: "count", summary: "changed", parts: [{ kind: "changed", before: 3, after: 5 }] }],
    ["a version", { field: "orchestratorVersion", before: "1.30.6", after: "1.31.2" }, { field: "orchestratorVersion", summary: "changed", parts: [{ kind: "changed", before: "1.30.6", after: "1.31.2" }] }],
    ["a scalar set", { field: "spotMaxPrice", before: undefined, after: -1 }, { field: "spotMaxPrice", summary: "set", parts: [{ kind: "changed", before: undefined, after: -1 }] }],
    [
      "labels added, removed and changed",
      { field: "nodeLabels", before: { team: "data", env: "prod", old: "x" }, after: { team: "ml", env: "prod", new: "y" } },
      {
        field: "nodeLabels",
        summary: "changed",
        parts: [
          { kind: "added", key: "new", value: "y" },
          { kind: "removed", key: "old", value: "x" },
          { kind: "changed", key: "team", before: "data", after: "ml" },
        ],
      },
    ],
    ["labels set from nothing", { field: "nodeLabels", before: null, after: { a: "1" } }, { field: "nodeLabels", summary: "set", parts: [{ kind: "added", key: "a", value: "1" }] }],
    ["labels all removed", { field: "nodeLabels", before: { a: "1" }, after: undefined }, { field: "nodeLabels", summary: "unset", parts: [{ kind: "removed", key: "a", value: "1" }] }],
    [
      "taints added and removed",
      { field: "nodeTaints", before: ["a=b:NoSchedule", "c=d:NoExecute"], after: ["c=d:NoExecute", "e=f:NoSchedule"] },
      { field: "nodeTaints", summary: "changed", parts: [{ kind: "added", value: "e=f:NoSchedule" }, { kind: "removed", value: "a=b:NoSchedule" }] },
    ],
    ["zones from none", { field: "availabilityZones", before: null, after: ["1", "2"] }, { field: "availabilityZones", summary: "set", parts: [{ kind: "added", value: "1" }, { kind: "added", value: "2" }] }],
    [
      "a nested object",
      { field: "upgradeSettings", before: { maxSurge: "10%" }, after: { maxSurge: "33%", drainTimeoutInMinutes: 30 } },
      {
        field: "upgradeSettings",
        summary: "changed",
        parts: [
          { kind: "added", key: "drainTimeoutInMinutes", value: 30 },
          { kind: "changed", key: "maxSurge", before: "10%", after: "33%" },
        ],
      },
    ],
    ["an object becoming a string", { field: "powerState", before: { code: "Running" }, after: "Stopped" }, { field: "powerState", summary: "changed", parts: [{ kind: "changed", before: { code: "Running" }, after: "Stopped" }] }],
  ])("%s", (_name, row, expected) => {
    expect(describeChange(row)).toEqual(expected);
  });
});
