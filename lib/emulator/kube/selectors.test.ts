import { describe, expect, it } from "vitest";
import { SUPPORTED_FIELDS, matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from "./selectors";

const labels = { app: "api", tier: "web", "kubernetes.azure.com/agentpool": "api" };

describe("label selectors", () => {
  it.each([
    ["app=api", true],
    ["app==api,tier=web", true],
    ["app!=api", false],
    ["app in (api, web)", true],
    ["app notin (api)", false],
    ["kubernetes.azure.com/agentpool", true],
    ["!kubernetes.azure.com/agentpool", false],
    ["missing!=x", true],
    ["", true],
  ])("%s -> %s", (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });
});

describe("field selectors", () => {
  const pod = { metadata: { name: "p", namespace: "ns" }, spec: { nodeName: "aks-api-1-vmss000000" }, status: { phase: "Pending" } };
  it.each([
    ["status.phase=Pending", true],
    ["status.phase!=Pending", false],
    ["spec.nodeName=aks-api-1-vmss000000,metadata.namespace=ns", true],
    ["spec.nodeName=", false],
  ])("%s -> %s", (selector, expected) => {
    expect(matchesFields(parseFieldSelector(selector, SUPPORTED_FIELDS.pods), pod)).toBe(expected);
  });

  it("refuses fields the API server does not index, as it does", () => {
    expect(() => parseFieldSelector("spec.priority=1", SUPPORTED_FIELDS.pods)).toThrow("field label not supported: spec.priority");
  });

  it("reads the events source field as the reporting component", () => {
    expect(matchesFields(parseFieldSelector("source=cluster-autoscaler", SUPPORTED_FIELDS.events), { source: { component: "cluster-autoscaler" } })).toBe(true);
  });
});
