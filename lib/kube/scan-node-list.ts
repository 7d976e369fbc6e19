/**
 * Node list pages read by scanList (scan-list.ts), keeping of each node only what summariseNode reads: name, the
 * pool, zone and instance-type labels, creation time, unschedulable, allocatable cpu, memory and pods, the
 * conditions' type and status, and kubelet version and OS image. Every field nodeSchema checks is checked here to
 * the same rules, so a node that arrives as CheckedNode needs no second check; any other node (an unexpected
 * type, an escaped key, a field given twice) is parsed whole for nodeSchema to judge.
 */
import type { NodeWire } from "@/lib/model/kube-objects";
import { INSTANCE_TYPE_LABELS, POOL_LABELS, ZONE_LABELS } from "@/lib/model/node-measures";
import { OPEN_BRACKET } from "./json-scan";
import { bytesOf, ItemReader, markRead, scanList, standAside, type ListPage } from "./scan-list";

/** A node read and checked by the scanner. */
export class CheckedNode {
  constructor(readonly node: NodeWire) {}
}

const KEY = {
  metadata: bytesOf("metadata"),
  name: bytesOf("name"),
  labels: bytesOf("labels"),
  creationTimestamp: bytesOf("creationTimestamp"),
  spec: bytesOf("spec"),
  unschedulable: bytesOf("unschedulable"),
  providerID: bytesOf("providerID"),
  status: bytesOf("status"),
  allocatable: bytesOf("allocatable"),
  conditions: bytesOf("conditions"),
  type: bytesOf("type"),
  nodeInfo: bytesOf("nodeInfo"),
  kubeletVersion: bytesOf("kubeletVersion"),
  osImage: bytesOf("osImage"),
};
const named = (names: readonly string[]) => names.map((name) => ({ name, bytes: bytesOf(name) }));
const KEPT_LABELS = named([...POOL_LABELS, ...ZONE_LABELS, ...INSTANCE_TYPE_LABELS]);
const KEPT_ALLOCATABLE = named(["cpu", "memory", "pods"]);

class NodeReader extends ItemReader {
  /** A record of strings (or null), keeping the names in `kept`. */
  private strings(kept: { name: string; bytes: Uint8Array }[]): Record<string, string> | null {
    if (this.s.null()) return null;
    const record: Record<string, string> = {};
    for (let first = true; this.next(first); first = false) {
      const wanted = kept.find((entry) => this.s.is(entry.bytes));
      if (wanted) record[wanted.name] = this.text(false)!;
      else this.passString();
    }
    return record;
  }

  private metadata(): NodeWire["metadata"] {
    let name: string | null = null;
    const metadata: Partial<NodeWire["metadata"]> = {};
    let seen = 0;
    for (let first = true; this.next(first); first = false) {
      if (this.s.is(KEY.name)) {
        seen = markRead(seen, 1);
        name = this.text(false);
      } else if (this.s.is(KEY.labels)) {
        seen = markRead(seen, 2);
        metadata.labels = this.strings(KEPT_LABELS);
      } else if (this.s.is(KEY.creationTimestamp)) {
        seen = markRead(seen, 4);
        metadata.creationTimestamp = this.text(true);
      } else this.s.skip();
    }
    if (name === null) standAside();
    return { ...metadata, name };
  }

  private spec(): NonNullable<NodeWire["spec"]> {
    const spec: NonNullable<NodeWire["spec"]> = {};
    let seen = 0;
    for (let first = true; this.next(first); first = false) {
      if (this.s.is(KEY.unschedulable)) {
        seen = markRead(seen, 1);
        if (this.s.null()) spec.unschedulable = null;
        else spec.unschedulable = this.s.boolean() ?? standAside();
      } else if (this.s.is(KEY.providerID)) {
        seen = markRead(seen, 2);
        spec.providerID = this.text(true);
      } else this.s.skip();
    }
    return spec;
  }

  private conditions(): { type: string; status: string }[] | null {
    if (this.s.null()) return null;
    if (this.s.peek() !== OPEN_BRACKET) standAside();
    const conditions: { type: string; status: string }[] = [];
    for (let first = true; this.s.nextElement(first); first = false) {
      let type: string | null = null;
      let status: string | null = null;
      let seen = 0;
      for (let inner = true; this.next(inner); inner = false) {
        if (this.s.is(KEY.type)) {
          seen = markRead(seen, 1);
          type = this.text(false);
        } else if (this.s.is(KEY.status)) {
          seen = markRead(seen, 2);
          status = this.text(false);
        } else this.s.skip();
      }
      if (type === null || status === null) standAside();
      conditions.push({ type, status });
    }
    return conditions;
  }

  private nodeInfo(): NonNullable<NonNullable<NodeWire["status"]>["nodeInfo"]> | null {
    if (this.s.null()) return null;
    const info: NonNullable<NonNullable<NodeWire["status"]>["nodeInfo"]> = {};
    let seen = 0;
    for (let first = true; this.next(first); first = false) {
      if (this.s.is(KEY.kubeletVersion)) {
        seen = markRead(seen, 1);
        info.kubeletVersion = this.text(true);
      } else if (this.s.is(KEY.osImage)) {
        seen = markRead(seen, 2);
        info.osImage = this.text(true);
      } else this.s.skip();
    }
    return info;
  }

  private status(): NonNullable<NodeWire["status"]> {
    const status: NonNullable<NodeWire["status"]> = {};
    let seen = 0;
    for (let first = true; this.next(first); first = false) {
      if (this.s.is(KEY.allocatable)) {
        seen = markRead(seen, 1);
        status.allocatable = this.strings(KEPT_ALLOCATABLE);
      } else if (this.s.is(KEY.conditions)) {
        seen = markRead(seen, 2);
        status.conditions = this.conditions();
      } else if (this.s.is(KEY.nodeInfo)) {
        seen = markRead(seen, 4);
        status.nodeInfo = this.nodeInfo();
      } else this.s.skip();
    }
    return status;
  }

  /** The node at the scanner, or stands aside. */
  node(): CheckedNode {
    let metadata: NodeWire["metadata"] | null = null;
    const node: Partial<NodeWire> = {};
    let seen = 0;
    for (let first = true; this.next(first); first = false) {
      if (this.s.is(KEY.metadata)) {
        seen = markRead(seen, 1);
        metadata = this.metadata();
      } else if (this.s.is(KEY.spec)) {
        seen = markRead(seen, 2);
        node.spec = this.s.null() ? null : this.spec();
      } else if (this.s.is(KEY.status)) {
        seen = markRead(seen, 4);
        node.status = this.s.null() ? null : this.status();
      } else this.s.skip();
    }
    if (metadata === null) standAside();
    return new CheckedNode({ ...node, metadata });
  }
}

/** Reads a node list page (see scanList for what null and throwing mean). */
export function scanNodeList(body: Buffer): ListPage | null {
  return scanList(body, (scanner) => {
    const reader = new NodeReader(scanner);
    return () => reader.node();
  });
}
