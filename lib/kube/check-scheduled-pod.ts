/**
 * The per-pod check of readPods, by hand: the same rules as a zod schema of the few fields summing reads
 * (metadata.name and namespace, spec.nodeName, containers' and init containers' requests and restartPolicy,
 * overhead, status.phase), but it only looks: nothing is copied, so a page of 2,000 pods costs no second tree of
 * objects. Hundreds of thousands of pods pass through it in a large run, where the zod check cost about a tenth of
 * the collector's CPU and much of its garbage collection.
 */
import type { PodWire } from "@/lib/model/kube-objects";

export type PodCheck = { ok: true; pod: PodWire } | { ok: false; reason: string };

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isMissing = (value: unknown) => value === undefined || value === null;
const expected = (path: string, type: string, value: unknown) => `${path}: expected ${type}, received ${kindOf(value)}`;

/** A resource list (requests, overhead): absent, or names to quantities (text or number). */
function checkResourceList(value: unknown, path: string): string | null {
  if (isMissing(value)) return null;
  if (!isObject(value)) return expected(path, "record", value);
  for (const key in value) {
    const quantity = value[key];
    if (typeof quantity !== "string" && typeof quantity !== "number") return expected(`${path}.${key}`, "string | number", quantity);
  }
  return null;
}

function checkContainers(value: unknown, path: string): string | null {
  if (!Array.isArray(value)) return expected(path, "array", value);
  for (let i = 0; i < value.length; i++) {
    const container: unknown = value[i];
    if (!isObject(container)) return expected(`${path}.${i}`, "object", container);
    const resources = container.resources;
    if (!isMissing(resources)) {
      if (!isObject(resources)) return expected(`${path}.${i}.resources`, "object", resources);
      const problem = checkResourceList(resources.requests, `${path}.${i}.resources.requests`);
      if (problem) return problem;
    }
    const restartPolicy = container.restartPolicy;
    if (!isMissing(restartPolicy) && typeof restartPolicy !== "string") return expected(`${path}.${i}.restartPolicy`, "string", restartPolicy);
  }
  return null;
}

function problemOf(raw: unknown): string | null {
  if (!isObject(raw)) return expected("the object", "object", raw);
  const metadata = raw.metadata;
  if (!isObject(metadata)) return expected("metadata", "object", metadata);
  if (typeof metadata.name !== "string") return expected("metadata.name", "string", metadata.name);
  if (typeof metadata.namespace !== "string") return expected("metadata.namespace", "string", metadata.namespace);
  const spec = raw.spec;
  if (!isObject(spec)) return expected("spec", "object", spec);
  if (!isMissing(spec.nodeName) && typeof spec.nodeName !== "string") return expected("spec.nodeName", "string", spec.nodeName);
  const problem = checkContainers(spec.containers, "spec.containers") ?? (isMissing(spec.initContainers) ? null : checkContainers(spec.initContainers, "spec.initContainers")) ?? checkResourceList(spec.overhead, "spec.overhead");
  if (problem) return problem;
  const status = raw.status;
  if (!isMissing(status)) {
    if (!isObject(status)) return expected("status", "object", status);
    if (!isMissing(status.phase) && typeof status.phase !== "string") return expected("status.phase", "string", status.phase);
  }
  return null;
}

/** Checks what summing a pod's requests reads; the pod comes back as it was given. */
export function checkScheduledPod(raw: unknown): PodCheck {
  const reason = problemOf(raw);
  return reason === null ? { ok: true, pod: raw as PodWire } : { ok: false, reason };
}
