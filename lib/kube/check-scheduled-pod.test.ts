import { describe, expect, it } from "vitest";
import { checkScheduledPod } from "./check-scheduled-pod";

const pod = (patch: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => ({
  metadata: { name: "web-1", namespace: "default", labels: { app: "web" } },
  spec: { nodeName: "aks-a-1", containers: [{ name: "web", resources: { requests: { cpu: "250m", memory: 134217728 } } }], ...spec },
  status: { phase: "Running" },
  ...patch,
});

describe("checkScheduledPod", () => {
  it("passes a pod through as given, unknown fields and all", () => {
    const raw = pod();
    const checked = checkScheduledPod(raw);
    expect(checked).toEqual({ ok: true, pod: raw });
    expect(checked.ok && checked.pod).toBe(raw);
  });

  it.each([
    ["no object", null, "the object: expected object, received null"],
    ["no name", pod({ metadata: { namespace: "default" } }), "metadata.name: expected string, received undefined"],
    ["no containers", pod({}, { containers: undefined }), "spec.containers: expected array, received undefined"],
    ["a request that is not a quantity", pod({}, { containers: [{ resources: { requests: { cpu: true } } }] }), "spec.containers.0.resources.requests.cpu: expected string | number, received boolean"],
    ["init containers not a list", pod({}, { initContainers: {} }), "spec.initContainers: expected array, received object"],
    ["overhead not a record", pod({}, { overhead: "1" }), "spec.overhead: expected record, received string"],
    ["a node name that is not text", pod({}, { nodeName: 7 }), "spec.nodeName: expected string, received number"],
    ["a phase that is not text", pod({ status: { phase: 1 } }), "status.phase: expected string, received number"],
  ])("refuses %s", (_, raw, reason) => {
    expect(checkScheduledPod(raw)).toEqual({ ok: false, reason });
  });

  it("accepts what may be absent: init containers, overhead, status, requests", () => {
    expect(checkScheduledPod(pod({ status: null }, { nodeName: null, initContainers: null, overhead: null, containers: [{ resources: null }, {}] })).ok).toBe(true);
  });
});
