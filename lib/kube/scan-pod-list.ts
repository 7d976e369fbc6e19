/**
 * Reads a page of a pod list straight from the response bytes. A large fleet's pod lists are gigabytes of JSON
 * per run, and `JSON.parse` builds every field of every pod (labels, probes, statuses, managed fields) only for
 * readPods to look at a dozen of them: parsing and collecting that garbage was most of the collector's CPU.
 *
 * The scanner checks the whole page as JSON, as strictly as `JSON.parse` (a syntax error anywhere still fails the
 * page), and keeps of each scheduled pod only what summing its requests reads: metadata.name and namespace,
 * spec.nodeName, the containers' and init containers' requests (cpu, memory, GPUs) and restartPolicy, overhead and
 * status.phase. Any pod it cannot vouch for takes the exact path instead: its own bytes go through `JSON.parse` and
 * on to the same checks as before. These are the unscheduled pods (kept in full), pods where one of those fields
 * has an unexpected type (so the error names the field as before), and the rare shapes not worth a fast path
 * (escaped key names, a field given twice). So a page reads to the same result as `JSON.parse` + checkScheduledPod.
 */
import type { ResourceList } from "@/lib/model/kube-objects";
import { JsonScanner, JsonSyntaxError, MINUS, OPEN_BRACE, OPEN_BRACKET, QUOTE } from "./json-scan";

export { JsonSyntaxError };

/** One page: its items (slim pods, or whole parsed items where the scanner stood aside) and continue token. */
export type PodListPage = { items: unknown[]; continue: string | null | undefined };

type SlimContainer = { resources?: { requests?: ResourceList | null } | null; restartPolicy?: string | null };
type SlimPod = {
  metadata: { name: string; namespace: string };
  spec: { nodeName: string; containers: SlimContainer[]; initContainers?: SlimContainer[] | null; overhead?: ResourceList | null };
  status?: { phase?: string | null } | null;
};

const bytesOf = (text: string) => Uint8Array.from(Buffer.from(text, "latin1"));
const KEY = {
  items: bytesOf("items"),
  metadata: bytesOf("metadata"),
  continue: bytesOf("continue"),
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

/** Thrown inside an item the fast path stands aside from; the item is then parsed whole. */
const STAND_ASIDE = Symbol("stand aside");

function standAside(): never {
  throw STAND_ASIDE;
}

/**
 * The fast path's reading of one pod. Each reader looks at the first byte of its value: an unexpected type, an
 * escaped key or a member given twice throws STAND_ASIDE, and the item is parsed whole. Members are stepped
 * through in loops (no callback per member: a page has hundreds of thousands of them).
 */
class PodReader {
  constructor(private readonly s: JsonScanner) {}

  /** A string, or null where `nullable`. */
  private text(nullable: boolean): string | null {
    if (nullable && this.s.null()) return null;
    if (this.s.peek() !== QUOTE) standAside();
    this.s.string();
    return this.s.text();
  }

  /** Steps to the next member of an object being read; the first call checks that there is an object. */
  private next(first: boolean): boolean {
    if (first && this.s.peek() !== OPEN_BRACE) standAside();
    if (!this.s.nextMember(first)) return false;
    if (this.s.escaped) standAside();
    return true;
  }

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
    const once = onceEach();
    for (let first = true; this.next(first); first = false) {
      if (this.s.is(KEY.resources)) {
        once(1);
        container.resources = this.s.null() ? null : this.resources();
      } else if (this.s.is(KEY.restartPolicy)) {
        once(2);
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
    const once = onceEach();
    for (let first = true; this.next(first); first = false) {
      if (this.s.is(KEY.metadata)) {
        once(1);
        for (let inner = true; this.next(inner); inner = false) {
          if (this.s.is(KEY.name)) {
            once(2);
            name = this.text(false);
          } else if (this.s.is(KEY.namespace)) {
            once(4);
            namespace = this.text(false);
          } else this.s.skip();
        }
      } else if (this.s.is(KEY.spec)) {
        once(8);
        for (let inner = true; this.next(inner); inner = false) {
          if (this.s.is(KEY.nodeName)) {
            once(16);
            nodeName = this.text(true);
          } else if (this.s.is(KEY.containers)) {
            once(32);
            containers = this.containers(false);
          } else if (this.s.is(KEY.initContainers)) {
            once(64);
            initContainers = this.containers(true);
          } else if (this.s.is(KEY.overhead)) {
            once(128);
            overhead = this.resourceList();
          } else this.s.skip();
        }
      } else if (this.s.is(KEY.status)) {
        once(256);
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

/** Marks members as read; a second reading of one (a key given twice, where JSON.parse keeps the last) stands aside. */
function onceEach(): (bit: number) => void {
  let seen = 0;
  return (bit) => {
    if (seen & bit) standAside();
    seen |= bit;
  };
}

/**
 * Reads a pod list page. Returns null when the body is JSON but not a list (no `items` array, or a continue token
 * that is not text), and throws JsonSyntaxError when it is not JSON.
 */
export function scanPodList(body: Buffer): PodListPage | null {
  try {
    return scan(body);
  } catch (error) {
    // An escaped key at the top of the page (it might spell "items"), or nesting deeper than the reader's stack.
    if (error !== STAND_ASIDE && !(error instanceof RangeError)) throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new JsonSyntaxError((error as Error).message);
  }
  return listPageOf(value);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A parsed page read as the list schema reads it (items an array; metadata and its continue token optional). */
function listPageOf(value: unknown): PodListPage | null {
  if (!isObject(value) || !Array.isArray(value.items)) return null;
  const metadata = value.metadata;
  if (metadata === undefined || metadata === null) return { items: value.items, continue: undefined };
  if (!isObject(metadata)) return null;
  const token = metadata.continue;
  if (token !== undefined && token !== null && typeof token !== "string") return null;
  return { items: value.items, continue: token };
}

function scan(body: Buffer): PodListPage | null {
  const s = new JsonScanner(body);
  const reader = new PodReader(s);
  let items: unknown[] | null = null;
  let token: string | null | undefined;
  let isList = true;
  const once = onceEach();
  if (s.peek() !== OPEN_BRACE) {
    s.skip();
    isList = false;
  }
  for (let first = true; isList && s.nextMember(first); first = false) {
    // An escaped key might spell "items" or "metadata": JSON.parse decides the whole page.
    if (s.escaped) standAside();
    if (s.is(KEY.items)) {
      once(1);
      if (s.peek() !== OPEN_BRACKET) {
        isList = false;
        break;
      }
      items = [];
      for (let inner = true; s.nextElement(inner); inner = false) {
        const start = s.i;
        try {
          items.push(reader.pod());
        } catch (error) {
          if (error !== STAND_ASIDE) throw error;
          // Back to the item's start, and the exact path: checked by the scanner, then parsed whole.
          s.i = start;
          items.push(s.parse());
        }
      }
    } else if (s.is(KEY.metadata)) {
      once(2);
      if (s.null()) continue;
      if (s.peek() !== OPEN_BRACE) {
        isList = false;
        break;
      }
      for (let inner = true; s.nextMember(inner); inner = false) {
        if (s.escaped) standAside();
        if (!s.is(KEY.continue)) s.skip();
        else if (s.null()) token = null;
        else if (s.peek() === QUOTE) {
          s.string();
          token = s.text();
        } else {
          isList = false;
          break;
        }
      }
    } else s.skip();
  }
  if (!isList) {
    // Not a list: the body must still be JSON.
    s.i = 0;
    s.skip();
  }
  s.end();
  if (!isList || items === null) return null;
  return { items, continue: token };
}
