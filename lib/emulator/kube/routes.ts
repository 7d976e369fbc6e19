/**
 * One Kubernetes API per cluster under /k8s/{clusterKey}: nodes, pods, events, configmaps, namespaces, with
 * labelSelector/fieldSelector and limit/continue paging, bearer-token auth per cluster and v1 Status errors.
 */
import { timingSafeEqual } from "node:crypto";
import { BodyWriter } from "../body-writer";
import type { EmulatorRequest, Reply } from "../http";
import { decodeToken, encodeToken, json, kubeStatus } from "../http";
import type { EstateCluster } from "../estate/types";
import type { Simulation } from "../sim/simulation";
import { SelectorError, SUPPORTED_FIELDS, matchesFieldValues, matchesLabels, parseFieldSelector, parseLabelSelector } from "./selectors";
import type { ClusterSnapshot, KubeItem, KubeState } from "./snapshot";

type Resource = "pods" | "nodes" | "events" | "configmaps" | "namespaces";
const LIST_KIND: Record<Resource, string> = { pods: "PodList", nodes: "NodeList", events: "EventList", configmaps: "ConfigMapList", namespaces: "NamespaceList" };
const ITEM_KIND: Record<Resource, string> = { pods: "Pod", nodes: "Node", events: "Event", configmaps: "ConfigMap", namespaces: "Namespace" };
const NAMESPACED: Record<Resource, boolean> = { pods: true, nodes: false, events: true, configmaps: true, namespaces: false };

function itemsOf(snapshot: ClusterSnapshot, resource: Resource): KubeItem[] {
  return resource === "configmaps" ? snapshot.configMaps : snapshot[resource];
}

function authorised(cluster: EstateCluster, header: string | undefined): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  if (!m) return false;
  const given = Buffer.from(m[1]);
  const expected = Buffer.from(cluster.kubeToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function handleKube(sim: Simulation, kube: KubeState, request: EmulatorRequest, cluster: EstateCluster | undefined, subPath: string): Reply {
  if (!cluster) return kubeStatus(404, "NotFound", "the server could not find the requested resource");
  if (!authorised(cluster, request.headers.authorization)) return kubeStatus(401, "Unauthorized", "Unauthorized");
  const path = subPath.replace(/\/+$/, "") || "/";
  const version = cluster.arm.properties.currentKubernetesVersion;
  if (path === "/version") {
    const [major, minor] = version.split(".");
    return json(200, { major, minor, gitVersion: `v${version}`, gitCommit: "0000000000000000000000000000000000000000", gitTreeState: "clean", buildDate: "2025-10-01T00:00:00Z", goVersion: "go1.24.6", compiler: "gc", platform: "linux/amd64" });
  }
  if (path === "/api") return json(200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "10.0.0.1:443" }] });
  if (path === "/apis") return json(200, { kind: "APIGroupList", apiVersion: "v1", groups: [] });

  const m = /^\/api\/v1(?:\/namespaces\/([^/]+))?\/(pods|nodes|events|configmaps|namespaces)(?:\/([^/]+))?$/.exec(path);
  if (!m) return kubeStatus(404, "NotFound", "the server could not find the requested resource");
  const [, namespace, resourceText, name] = m;
  const resource = resourceText as Resource;
  if (request.method !== "GET") {
    return kubeStatus(403, "Forbidden", `${resource} is forbidden: User "poolscope-reader" cannot ${request.method.toLowerCase()} resource "${resource}" in API group "" ${namespace ? `in the namespace "${namespace}"` : "at the cluster scope"}`);
  }
  if (namespace && !NAMESPACED[resource]) return kubeStatus(404, "NotFound", "the server could not find the requested resource");
  if (request.url.searchParams.get("watch") === "true" || request.url.searchParams.get("watch") === "1") {
    return kubeStatus(405, "MethodNotAllowed", "watch is not supported by the Poolscope emulator");
  }

  const params = request.url.searchParams;
  const continueToken = params.get("continue");
  let snapshot: ClusterSnapshot;
  let offset = 0;
  if (continueToken) {
    const token = decodeToken<{ rv?: string; start?: number }>(continueToken);
    const at = token?.rv ? kube.snapshotAt(cluster, token.rv) : undefined;
    if (!token || !at) {
      return kubeStatus(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
    }
    snapshot = at;
    offset = Number(token.start ?? 0);
  } else {
    snapshot = kube.snapshot(cluster);
  }

  const all = itemsOf(snapshot, resource);
  if (name) {
    const item = all.find((i) => i.name === name && (!NAMESPACED[resource] || i.namespace === namespace));
    if (!item) return kubeStatus(404, "NotFound", `${resource} "${name}" not found`, { name, kind: resource });
    return json(200, { kind: ITEM_KIND[resource], apiVersion: "v1", ...item.object() });
  }

  let labels;
  let fields;
  try {
    labels = parseLabelSelector(params.get("labelSelector"));
    fields = parseFieldSelector(params.get("fieldSelector"), SUPPORTED_FIELDS[resource]);
  } catch (error) {
    if (error instanceof SelectorError) return kubeStatus(400, "BadRequest", error.message);
    throw error;
  }
  const matching = remembered(snapshot, `${resource}\0${namespace ?? ""}\0${params.get("labelSelector") ?? ""}\0${params.get("fieldSelector") ?? ""}`, () =>
    all.filter((item) => {
      if (namespace && item.namespace !== namespace) return false;
      return (labels.length === 0 || matchesLabels(labels, item.labels)) && matchesFieldValues(fields, (path) => item.field(path));
    }),
  );
  const limit = Number(params.get("limit") ?? 0);
  const page = limit > 0 ? matching.slice(offset, offset + limit) : matching.slice(offset);
  const metadata: Record<string, unknown> = { resourceVersion: snapshot.rv };
  if (limit > 0 && offset + limit < matching.length) {
    metadata.continue = encodeToken({ v: "meta.k8s.io/v1", rv: snapshot.rv, start: offset + limit });
    kube.keepForContinue(cluster, snapshot);
    // Like the API server, the count is only given when no selector makes it an estimate.
    if (!params.get("labelSelector") && !params.get("fieldSelector")) metadata.remainingItemCount = matching.length - offset - limit;
  }
  // The list is written from each item's JSON (a page of pods is megabytes); fault rules that alter bodies get the value.
  const head = { kind: LIST_KIND[resource], apiVersion: "v1", metadata };
  const out = new BodyWriter();
  out.write(`${JSON.stringify(head).slice(0, -1)},"items":[`);
  for (let i = 0; i < page.length; i++) {
    if (i > 0) out.write(",");
    page[i].write(out);
  }
  out.write("]}");
  return { status: 200, serialised: { written: out.finish(), body: () => ({ ...head, items: page.map((item) => item.object()) }) } };
}

/** The items a list selects, per snapshot: each page of a paged list would filter them all again. */
const selections = new WeakMap<ClusterSnapshot, Map<string, KubeItem[]>>();
function remembered(snapshot: ClusterSnapshot, key: string, select: () => KubeItem[]): KubeItem[] {
  let known = selections.get(snapshot);
  if (!known) selections.set(snapshot, (known = new Map()));
  let items = known.get(key);
  if (!items) known.set(key, (items = select()));
  return items;
}
