/**
 * Pod list pages read by scanList (scan-list.ts), keeping of each scheduled pod only what summing its requests
 * reads: metadata.name and namespace, spec.nodeName, the containers' and init containers' requests (cpu, memory,
 * GPUs) and restartPolicy, overhead and status.phase. Unscheduled pods (kept in full) and any pod the reader
 * cannot vouch for are parsed whole, so a page reads to the same result as `JSON.parse` + checkScheduledPod.
 * About 800,000 pods (2 GB) pass through here in a large fleet's run.
 */
import type { ResourceList } from "@/lib/model/kube-objects";
import { MINUS, OPEN_BRACKET, QUOTE } from "./json-scan";
import { bytesOf, ItemReader, markRead, scanList, standAside, type ListPage } from "./scan-list";

type SlimContainer = { resources?: { requests?: ResourceList | null } | null; restartPolicy?: string | null };
type SlimPod = {
  metadata: { name: string; namespace: string };
  spec: { nodeName: string; containers: SlimContainer[]; initContainers?: SlimContainer[] | null; overhead?: ResourceList | null };
  status?: { phase?: string | null } | null;
};

const KEY = {
  metadata: bytesOf("metadata"),
  name: bytesOf("name"),
  namespace: bytesOf("namespace"),
  spec: bytesOf("spec"),
  status: bytesOf("status"),
  nodeName: bytesOf("nodeName"),
  containers: bytesOf("containers"),
  initContainers: bytesOf("initContainers"),
  overhead: bytesOf("overhead"),
  resources: bytesOf("resources"),
  requests: bytesOf("requests"),
  restartPolicy: bytesOf("restartPolicy"),
  phase: bytesOf("phase"),
};
/** The requests summing reads (node-measures addList); other resource names are checked and left out. */
const REQUEST_NAMES = ["cpu", "memory", "nvidia.com/gpu", "amd.com/gpu"].map((name) => ({ name, bytes: bytesOf(name) }));

/**
 * One pod's reading. Each read looks at the first byte of its value: an unexpected type, an escaped key or a
 * member given twice stands aside, and the item is parsed whole.
 */
class PodReader extends ItemReader {

  /** A resource list: null, or names to quantities (text or number); only the summed names are kept. */
  private resourceList(): ResourceList | null {
    if (this.s.null()) return null;
    const list: ResourceList = {};
    for (let first = true; this.next(first); first = false) {
      const wanted = REQUEST_NAMES.find((request) => this.s.is(request.bytes));
      const c = this.s.peek();
      let value: string | number;
      if (c === QUOTE) {
        this.s.string();
        value = this.s.text();
      } else if (c === MINUS || (c !== undefined && c >= 0x30 && c <= 0x39)) value = this.s.number();
      else return standAside();
      if (wanted) list[wanted.name] = value;
    }
    return list;
  }

  private resources(): NonNullable<SlimContainer["resources"]> {
    const resources: NonNullable<SlimContainer["resources"]> = {};
    let seen = false;
    for (let first = true; this.next(first); first = false) {
      if (!this.s.is(KEY.requests)) this.s.skip();
      else if (seen) standAside();
      else {
        seen = true;
        resources.requests = this.resourceList();
      }
    }
    return resources;
  }

  private container(): SlimContainer {
    const container: SlimContainer = {};
    let seen = 0;
    for (let first = true; this.next(first); first = false) {
      if (this.s.is(KEY.resources)) {
        seen = markRead(seen, 1);
        container.resources = this.s.null() ? null : this.resources();
      } else if (this.s.is(KEY.restartPolicy)) {
        seen = markRead(seen, 2);
        container.restartPolicy = this.text(true);
      } else this.s.skip();
    }
    return container;
  }

  private containers(nullable: boolean): SlimContainer[] | null {
    if (nullable && this.s.null()) return null;
    if (this.s.peek() !== OPEN_BRACKET) standAside();
    const list: SlimContainer[] = [];
    for (let first = true; this.s.nextElement(first); first = false) list.push(this.container());
    return list;
  }

  private status(): NonNullable<SlimPod["status"]> {
    const status: NonNullable<SlimPod["status"]> = {};
    let seen = false;
    for (let first = true; this.next(first); first = false) {
      if (!this.s.is(KEY.phase)) this.s.skip();
      else if (seen) standAside();
      else {
        seen = true;
        status.phase = this.text(true);
      }
    }
    return status;
  }

  /** The pod at the scanner, or STAND_ASIDE. */
  pod(): SlimPod {
    let name: string | null = null;
    let namespace: string | null = null;
    let nodeName: string | null = null;
    let containers: SlimContainer[] | null = null;
    let initContainers: SlimContainer[] | null | undefined;
    let overhead: ResourceList | null | undefined;
    let status: SlimPod["status"];
    let seen = 0;
    for (let first = true; this.next(first); first = false) {
      if (this.s.is(KEY.metadata)) {
        seen = markRead(seen, 1);
        for (let inner = true; this.next(inner); inner = false) {
          if (this.s.is(KEY.name)) {
            seen = markRead(seen, 2);
            name = this.text(false);
          } else if (this.s.is(KEY.namespace)) {
            seen = markRead(seen, 4);
            namespace = this.text(false);
          } else this.s.skip();
        }
      } else if (this.s.is(KEY.spec)) {
        seen = markRead(seen, 8);
        for (let inner = true; this.next(inner); inner = false) {
          if (this.s.is(KEY.nodeName)) {
            seen = markRead(seen, 16);
            nodeName = this.text(true);
          } else if (this.s.is(KEY.containers)) {
            seen = markRead(seen, 32);
            containers = this.containers(false);
          } else if (this.s.is(KEY.initContainers)) {
            seen = markRead(seen, 64);
            initContainers = this.containers(true);
          } else if (this.s.is(KEY.overhead)) {
            seen = markRead(seen, 128);
            overhead = this.resourceList();
          } else this.s.skip();
        }
      } else if (this.s.is(KEY.status)) {
        seen = markRead(seen, 256);
        status = this.s.null() ? null : this.status();
      } else this.s.skip();
    }
    // Unscheduled pods are kept whole; a missing name or containers is reported by the exact path.
    if (name === null || namespace === null || !nodeName || containers === null) standAside();
    const spec: SlimPod["spec"] = { nodeName, containers };
    if (initContainers !== undefined) spec.initContainers = initContainers;
    if (overhead !== undefined) spec.overhead = overhead;
    const pod: SlimPod = { metadata: { name, namespace }, spec };
    if (status !== undefined) pod.status = status;
    return pod;
  }
}

/** Reads a pod list page (see scanList for what null and throwing mean). */
export function scanPodList(body: Buffer): ListPage | null {
  return scanList(body, (scanner) => {
    const reader = new PodReader(scanner);
    return () => reader.pod();
  });
}
