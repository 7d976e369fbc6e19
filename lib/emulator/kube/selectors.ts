/** Kubernetes list selectors as clients send them: labelSelector (=, ==, !=, in, notin, exists, !key) and fieldSelector (=, ==, !=). */

export class SelectorError extends Error {}

type LabelRequirement =
  | { key: string; op: "=" | "!="; value: string }
  | { key: string; op: "in" | "notin"; values: string[] }
  | { key: string; op: "exists" | "!exists" };

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const c of text) {
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (c === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  if (current.trim()) parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

export function parseLabelSelector(text: string | null): LabelRequirement[] {
  if (!text) return [];
  return splitTopLevel(text).map((part): LabelRequirement => {
    let m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
    if (m) return { key: m[1], op: m[2] as "in" | "notin", values: m[3].split(",").map((v) => v.trim()).filter(Boolean) };
    m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(part);
    if (m) return { key: m[1], op: m[2] === "!=" ? "!=" : "=", value: m[3] };
    m = /^!\s*([\w./-]+)$/.exec(part);
    if (m) return { key: m[1], op: "!exists" };
    m = /^([\w./-]+)$/.exec(part);
    if (m) return { key: m[1], op: "exists" };
    throw new SelectorError(`unable to parse requirement: ${JSON.stringify(part)}`);
  });
}

export function matchesLabels(requirements: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case "=":
        return has && l[r.key] === r.value;
      case "!=":
        return !has || l[r.key] !== r.value;
      case "in":
        return has && r.values.includes(l[r.key]);
      case "notin":
        return !has || !r.values.includes(l[r.key]);
      case "exists":
        return has;
      case "!exists":
        return !has;
    }
  });
}

type FieldRequirement = { field: string; op: "=" | "!="; value: string };

export function parseFieldSelector(text: string | null, supported: readonly string[]): FieldRequirement[] {
  if (!text) return [];
  return text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
      if (!m) throw new SelectorError(`invalid selector: '${part}'; can't understand '${part}'`);
      if (!supported.includes(m[1])) throw new SelectorError(`field label not supported: ${m[1]}`);
      return { field: m[1], op: m[2] === "!=" ? "!=" : "=", value: m[3] } as FieldRequirement;
    });
}

export function fieldValue(object: unknown, path: string): string {
  let v: unknown = object;
  // Events' "source" field selector means the reporting component.
  for (const key of (path === "source" ? "source.component" : path).split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  if (v === undefined || v === null) return "";
  return String(v);
}

export function matchesFields(requirements: FieldRequirement[], object: unknown): boolean {
  return matchesFieldValues(requirements, (path) => fieldValue(object, path));
}

/** matchesFields for an object that gives its field values itself (without being built). */
export function matchesFieldValues(requirements: FieldRequirement[], value: (path: string) => string): boolean {
  return requirements.every((r) => (value(r.field) === r.value) === (r.op === "="));
}

export const SUPPORTED_FIELDS = {
  pods: ["metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
  nodes: ["metadata.name", "spec.unschedulable"],
  events: ["metadata.name", "metadata.namespace", "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
  configmaps: ["metadata.name", "metadata.namespace"],
  namespaces: ["metadata.name", "status.phase"],
} as const;
