/** The small HTTP vocabulary the emulator's routes share: what a request is, what a reply is. */
import type { IncomingHttpHeaders } from "node:http";
import type { WrittenBody } from "./body-writer";

export type RouteKind = "token" | "arm" | "cost" | "prices" | "kube" | "admin";

export type Reply = {
  status: number;
  headers?: Record<string, string>;
  /** JSON body (serialised by the server, after fault rules had a chance to alter it). */
  body?: unknown;
  /** A body already serialised (YAML, text, or a verbatim contract file). */
  text?: string;
  /** A JSON body the route wrote itself (large lists), with its value for fault rules that alter bodies. */
  serialised?: { written: WrittenBody; body(): unknown };
  contentType?: string;
};

export type EmulatorRequest = {
  method: string;
  url: URL;
  /** Decoded path without the query string. */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  kind: RouteKind;
  subscriptionId?: string;
  /** The cluster a request concerns, by every name a fault rule may use: key, name and ARM id (lower case). */
  clusterAliases?: string[];
};

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

/** ARM's error shape: `{ "error": { "code", "message" } }`. */
export function armError(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
  return json(status, { error: { code, message } }, headers);
}

/** Kubernetes' error shape: a v1 Status. */
export function kubeStatus(code: number, reason: string, message: string, details?: Record<string, unknown>): Reply {
  return json(code, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, ...(details ? { details } : {}), code });
}

export function parseJsonBody(request: EmulatorRequest): unknown {
  if (request.body.length === 0) return undefined;
  return JSON.parse(request.body.toString("utf8"));
}

/** Opaque paging tokens carry an offset (and anything else the route needs) as base64url JSON. */
export function encodeToken(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeToken<T extends Record<string, unknown>>(token: string | null): T | undefined {
  if (!token) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
    return parsed && typeof parsed === "object" ? (parsed as T) : undefined;
  } catch {
    return undefined;
  }
}
