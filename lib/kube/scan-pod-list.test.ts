import { describe, expect, it } from "vitest";
import { generateEstate } from "@/lib/emulator/estate/generate";
import { createKubeState } from "@/lib/emulator/kube/snapshot";
import { createClock } from "@/lib/emulator/sim/clock";
import { createSimulation } from "@/lib/emulator/sim/simulation";
import type { PodWire } from "@/lib/model/kube-objects";
import { isUnscheduledPod, podRequests } from "@/lib/model/node-measures";
import { checkScheduledPod } from "./check-scheduled-pod";
import { JsonSyntaxError } from "./json-scan";
import { scanPodList } from "./scan-pod-list";
import { expectSameOnDamagedPages } from "./testing/damaged-pages";

type Json = Record<string, unknown>;

const REQUEST_NAMES = ["cpu", "memory", "nvidia.com/gpu", "amd.com/gpu"];

/** What the fast path keeps of a well-formed scheduled pod, written from the parsed pod. */
function slimOf(pod: Json): Json {
  const pick = (list: unknown) => (list && typeof list === "object" ? Object.fromEntries(Object.entries(list).filter(([name]) => REQUEST_NAMES.includes(name))) : list);
  const container = (c: Json) => {
    const out: Json = {};
    if ("resources" in c) {
      const resources = c.resources as Json | null;
      out.resources = resources === null ? null : "requests" in resources ? { requests: pick(resources.requests) } : {};
    }
    if ("restartPolicy" in c) out.restartPolicy = c.restartPolicy;
    return out;
  };
  const metadata = pod.metadata as Json;
  const spec = pod.spec as Json;
  const slimSpec: Json = { nodeName: spec.nodeName, containers: (spec.containers as Json[]).map(container) };
  if ("initContainers" in spec) slimSpec.initContainers = spec.initContainers === null ? null : (spec.initContainers as Json[]).map(container);
  if ("overhead" in spec) slimSpec.overhead = pick(spec.overhead);
  const slim: Json = { metadata: { name: metadata.name, namespace: metadata.namespace }, spec: slimSpec };
  if ("status" in pod) {
    const status = pod.status as Json | null;
    slim.status = status === null ? null : "phase" in status ? { phase: status.phase } : {};
  }
  return slim;
}

/** Each item of a scanned page is the parsed item (the exact path) or its slim form; summing reads the same either way. */
function expectSameReading(body: string) {
  const parsed = JSON.parse(body) as { items: Json[]; metadata?: { continue?: string } };
  const page = scanPodList(Buffer.from(body))!;
  expect(page.continue).toEqual(parsed.metadata?.continue);
  expect(page.items).toHaveLength(parsed.items.length);
  page.items.forEach((item, i) => {
    const whole = parsed.items[i]!;
    if (JSON.stringify(item) !== JSON.stringify(whole)) expect(item).toEqual(slimOf(whole));
    const [a, b] = [checkScheduledPod(item), checkScheduledPod(whole)];
    expect(a.ok).toBe(b.ok);
    if (a.ok && b.ok) {
      expect(isUnscheduledPod(a.pod)).toBe(isUnscheduledPod(b.pod));
      expect(podRequests(a.pod)).toEqual(podRequests(b.pod));
    } else expect(a).toEqual(b);
  });
  return page;
}

const listOf = (items: unknown[], token?: string) => JSON.stringify({ kind: "PodList", apiVersion: "v1", metadata: { resourceVersion: "42", ...(token ? { continue: token } : {}) }, items });

function pod(spec: Json = {}, patch: Json = {}): Json {
  return {
    metadata: { name: "web-1", namespace: "default", labels: { app: "web", "é": "ü 😀" }, annotations: { note: 'a "quoted" \\ value\n\t\u0001' } },
    spec: { nodeName: "aks-a-1", containers: [{ name: "web", image: "nginx", resources: { requests: { cpu: "250m", memory: 134217728, "ephemeral-storage": "1Gi" }, limits: { cpu: "1" } }, ports: [{ containerPort: 80 }] }], ...spec },
    status: { phase: "Running", conditions: [{ type: "Ready", status: "True", lastProbeTime: null }], containerStatuses: [{ ready: true, restartCount: 0, started: false, exitCode: -1.5e-3 }] },
    ...patch,
  };
}

describe("scanPodList", () => {
  it("reads the emulator's pods as JSON.parse does, keeping only what summing reads", () => {
    const clock = createClock({ startTime: new Date("2026-11-18T14:00:00Z"), speed: 60, realNow: () => 1_800_000_000_000 });
    const estate = generateEstate({ seed: 3, size: "demo", startMs: clock.startMs });
    const kube = createKubeState(createSimulation(estate, clock));
    let slim = 0;
    for (const cluster of estate.clusters) {
      const body = `{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7","continue":"abc"},"items":[${kube.snapshot(cluster).pods.map((item) => item.json()).join(",")}]}`;
      const page = expectSameReading(body);
      slim += page.items.filter((item) => Object.keys((item as { metadata: Json }).metadata).length === 2).length;
    }
    expect(slim).toBeGreaterThan(100);
  });

  it("sums sidecar and init containers, overhead, GPUs and numeric quantities as the parsed pod does", () => {
    const page = expectSameReading(
      listOf([
        pod({
          initContainers: [{ name: "proxy", restartPolicy: "Always", resources: { requests: { cpu: "100m", memory: "64Mi" } } }, { name: "migrate", resources: { requests: { cpu: 2, "nvidia.com/gpu": "1" } } }],
          overhead: { cpu: "50m", memory: "10Mi" },
        }),
        pod({ containers: [{ resources: null }, {}, { resources: {} }, { resources: { requests: null } }], initContainers: null, overhead: null }, { status: null }),
        pod({}, { status: {} }),
        pod({ containers: [{ resources: { requests: { cpu: "1", cpu2: "x", cpu3: 3 } } }] }),
      ]),
    );
    expect(podRequests(page.items[0] as PodWire)).toEqual({ cpuMillis: 2150, memoryBytes: 134217728 + 67108864 + 10485760, gpus: 1 });
  });

  it.each([
    ["an unscheduled pod (kept whole)", pod({ nodeName: null }, { status: { phase: "Pending" } })],
    ["no node name", pod({ nodeName: undefined })],
    ["an empty node name", pod({ nodeName: "" })],
    ["a node name that is a number", pod({ nodeName: 7 })],
    ["no containers", pod({ containers: undefined })],
    ["a request that is not a quantity", pod({ containers: [{ resources: { requests: { cpu: true } } }] })],
    ["an ignored resource that is not a quantity", pod({ containers: [{ resources: { requests: { "example.com/x": {} } } }] })],
    ["init containers that are not a list", pod({ initContainers: {} })],
    ["overhead that is not a record", pod({ overhead: "1" })],
    ["a phase that is not text", pod({}, { status: { phase: 1 } })],
    ["a status that is a list", pod({}, { status: [] })],
    ["no metadata", pod({}, { metadata: undefined })],
    ["a pod that is not an object", "pod"],
  ])("reads %s the exact way", (_, item) => {
    const body = listOf([pod(), item]);
    const page = expectSameReading(body);
    expect(page.items[1]).toEqual(JSON.parse(body).items[1]);
  });

  it("reads escaped and repeated key names the exact way", () => {
    const escaped = `{"metadata":{"n\\u0061me":"web-2","namespace":"default"},"spec":{"nodeName":"aks-a-1","containers":[]}}`;
    const twice = `{"metadata":{"name":"a","namespace":"default"},"spec":{"nodeName":"aks-a-1","nodeName":"aks-a-2","containers":[]}}`;
    const cpuTwice = `{"metadata":{"name":"a","namespace":"default"},"spec":{"nodeName":"aks-a-1","containers":[{"resources":{"requests":{"cpu":"1","cpu":"2"}}}]}}`;
    const page = expectSameReading(`{"items":[${escaped},${twice},${cpuTwice}]}`);
    expect((page.items[0] as PodWire).metadata.name).toBe("web-2");
    expect((page.items[1] as PodWire).spec.nodeName).toBe("aks-a-2");
    expect(podRequests(page.items[2] as PodWire).cpuMillis).toBe(2000);
    expect(scanPodList(Buffer.from(`{"\\u0069tems":[${escaped}],"metadata":null}`))!.items).toHaveLength(1);
  });

  it.each([
    ["not a list", "[]"],
    ["items that are not a list", `{"items":{}}`],
    ["a continue token that is not text", `{"items":[],"metadata":{"continue":5}}`],
    ["metadata that is not an object", `{"items":[],"metadata":"x"}`],
  ])("says a body that is %s is not a list", (_, body) => {
    expect(scanPodList(Buffer.from(body))).toBeNull();
  });

  it.each([
    ["cut short", listOf([pod()]).slice(0, -20)],
    ["with more after it", `${listOf([pod()])} x`],
    ["with a trailing comma", `{"items":[1,]}`],
    ["with a bad escape", `{"items":["\\x"]}`],
    ["with a control character in a string", `{"items":["a\u0001"]}`],
    ["with a leading zero", `{"items":[01]}`],
    ["with a bare minus", `{"items":[-]}`],
    ["with a misspelt literal", `{"items":[nul]}`],
    ["with a broken pod", `{"items":[{"metadata":{"name":"a","namespace":"b"},"spec":{"nodeName":"n","containers":[{"resources":{"requests":{"cpu":"1",}}}]}}]}`],
    ["empty", ""],
  ])("refuses a body %s, as JSON.parse does", (_, body) => {
    expect(() => JSON.parse(body)).toThrow();
    expect(() => scanPodList(Buffer.from(body))).toThrow(JsonSyntaxError);
  });

  it("agrees with JSON.parse on a thousand and more damaged pages", () => {
    const body = listOf([pod({ initContainers: [{ restartPolicy: "Always", resources: { requests: { cpu: "1" } } }], overhead: { memory: "1Mi" } }), pod({ nodeName: null }), pod()], "tok");
    const judge = (item: unknown) => {
      const checked = checkScheduledPod(item);
      return checked.ok ? { unscheduled: isUnscheduledPod(checked.pod), requests: podRequests(checked.pod) } : checked;
    };
    expect(expectSameOnDamagedPages(body, 1500, scanPodList, judge)).toBeGreaterThan(100);
  });
});
