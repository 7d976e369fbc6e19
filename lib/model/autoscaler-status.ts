/**
 * The cluster autoscaler's status ConfigMap (kube-system/cluster-autoscaler-status), in either of its formats:
 * the YAML document of cluster-autoscaler 1.30 and later (parsed by the caller), or the older plain text. Node
 * groups are the pools' scale sets (aks-{pool}-{digits}-vmss).
 */

export type NodeGroupStatus = {
  name: string;
  health: string | null;
  ready: number | null;
  registered: number | null;
  cloudProviderTarget: number | null;
  minSize: number | null;
  maxSize: number | null;
  scaleUp: string | null;
  scaleDown: string | null;
};

export type AutoscalerStatus = {
  time: string | null;
  status: string | null;
  clusterWide: { health: string | null; scaleUp: string | null; scaleDown: string | null };
  nodeGroups: NodeGroupStatus[];
};

type Doc = Record<string, unknown>;
const obj = (value: unknown): Doc => (value && typeof value === "object" && !Array.isArray(value) ? (value as Doc) : {});
const str = (value: unknown): string | null => (typeof value === "string" ? value : value instanceof Date ? value.toISOString() : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** Normalises the YAML format's document. */
export function readAutoscalerStatusDocument(document: unknown): AutoscalerStatus {
  const doc = obj(document);
  const clusterWide = obj(doc.clusterWide);
  const groups = Array.isArray(doc.nodeGroups) ? doc.nodeGroups : [];
  return {
    time: str(doc.time),
    status: str(doc.autoscalerStatus),
    clusterWide: { health: str(obj(clusterWide.health).status), scaleUp: str(obj(clusterWide.scaleUp).status), scaleDown: str(obj(clusterWide.scaleDown).status) },
    nodeGroups: groups.map((group) => {
      const g = obj(group);
      const health = obj(g.health);
      const registered = obj(obj(health.nodeCounts).registered);
      return {
        name: str(g.name) ?? "",
        health: str(health.status),
        ready: num(registered.ready),
        registered: num(registered.total),
        cloudProviderTarget: num(health.cloudProviderTarget),
        minSize: num(health.minSize),
        maxSize: num(health.maxSize),
        scaleUp: str(obj(g.scaleUp).status),
        scaleDown: str(obj(g.scaleDown).status),
      };
    }),
  };
}

function field(block: string, key: string): number | null {
  const match = new RegExp(`\\b${key}=(\\d+)`).exec(block);
  return match ? Number(match[1]) : null;
}

/** Parses the plain-text format of cluster-autoscaler before 1.30. */
export function parseLegacyAutoscalerStatus(text: string): AutoscalerStatus {
  const time = /status at (.+?):?\s*$/m.exec(text)?.[1] ?? null;
  const [clusterPart, groupsPart = ""] = text.split(/^NodeGroups:\s*$/m);
  const status = (block: string, label: string) => new RegExp(`^\\s*${label}:\\s+(\\S+)`, "m").exec(block)?.[1] ?? null;
  const nodeGroups = groupsPart
    .split(/^\s*Name:\s+/m)
    .slice(1)
    .map((block) => {
      const health = /^\s*Health:\s+(\S+)(.*)$/m.exec(block);
      const healthDetail = health?.[2] ?? "";
      return {
        name: block.split(/\s/)[0],
        health: health?.[1] ?? null,
        ready: field(healthDetail, "ready"),
        registered: field(healthDetail, "registered"),
        cloudProviderTarget: field(healthDetail, "cloudProviderTarget"),
        minSize: field(healthDetail, "minSize"),
        maxSize: field(healthDetail, "maxSize"),
        scaleUp: status(block, "ScaleUp"),
        scaleDown: status(block, "ScaleDown"),
      };
    });
  return {
    time,
    status: null,
    clusterWide: { health: status(clusterPart, "Health"), scaleUp: status(clusterPart, "ScaleUp"), scaleDown: status(clusterPart, "ScaleDown") },
    nodeGroups,
  };
}

/** The pool name in an AKS scale set (node group) name, lower-cased; null for other names. */
export function poolNameFromScaleSet(name: string): string | null {
  return /^aks-([a-z0-9]{1,12})-\d+-vmss$/i.exec(name)?.[1]?.toLowerCase() ?? null;
}
