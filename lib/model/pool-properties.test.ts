import { describe, expect, test } from "vitest";
import { groupPoolProperties } from "./pool-properties";

describe("groupPoolProperties", () => {
  test("the contract sample's spot pool: every property once, in its group", () => {
    const properties = {
      count: 3,
      currentOrchestratorVersion: "1.9.6",
      maxPods: 110,
      nodeLabels: { key1: "val1" },
      nodeTaints: ["Key1=Value1:NoSchedule"],
      orchestratorVersion: "1.9.6",
      osType: "Linux",
      provisioningState: "Succeeded",
      scaleSetEvictionPolicy: "Delete",
      scaleSetPriority: "Spot",
      spotMaxPrice: -1,
      tags: { name1: "val1" },
      vmSize: "Standard_DS1_v2",
      someFutureProperty: { enabled: true },
    };
    const groups = groupPoolProperties(properties);
    expect(groups.map((group) => [group.key, group.properties.map((property) => property.name)])).toEqual([
      ["placement", ["vmSize", "scaleSetPriority", "scaleSetEvictionPolicy", "spotMaxPrice"]],
      ["scaling", ["count"]],
      ["software", ["osType", "orchestratorVersion", "currentOrchestratorVersion"]],
      ["networking", ["maxPods"]],
      ["scheduling", ["nodeLabels", "nodeTaints"]],
      ["state", ["provisioningState", "tags"]],
      ["other", ["someFutureProperty"]],
    ]);
    const names = groups.flatMap((group) => group.properties.map((property) => property.name));
    expect(names.sort()).toEqual(Object.keys(properties).sort());
  });

  test.each([
    ["an empty object", {}, []],
    ["absent properties asked for", {}, ["scaling:enableAutoScaling"]],
  ])("%s", (_name, properties, expected) => {
    const groups = groupPoolProperties(properties, { showAbsent: expected.map((entry) => entry.split(":")[1]) });
    expect(groups.flatMap((group) => group.properties.map((property) => `${group.key}:${property.name}`))).toEqual(expected);
  });

  test("an absent property says it is absent", () => {
    const [scaling] = groupPoolProperties({}, { showAbsent: ["enableAutoScaling"] });
    expect(scaling.properties[0]).toEqual({ name: "enableAutoScaling", value: undefined, present: false });
  });
});
