/** The messages between the collector and its kube workers (kube-workers.ts, kube-worker.ts). */
import type { KubeAnswer, KubeTarget, ReaderName } from "./kube-transport";

export type ToWorker =
  | { op: "open"; conn: number; target: KubeTarget }
  | { op: "close"; conn: number }
  | { op: "fetch"; id: number; conn: number; path: string; reader: ReaderName }
  | { op: "abort"; id: number };

/** An error as it crosses threads: what retries and failure reports read of it (name, code, cause). */
export type WireError = { name: string; message: string; code?: string; cause?: WireError };

export type FromWorker = { id: number; answer: KubeAnswer; error?: undefined } | { id: number; error: WireError; answer?: undefined };

export function toWireError(error: unknown, depth = 0): WireError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const { code, cause } = error as Error & { code?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === "string" ? { code } : {}),
    ...(cause !== undefined && cause !== error && depth < 3 ? { cause: toWireError(cause, depth + 1) } : {}),
  };
}

export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message, wire.cause ? { cause: fromWireError(wire.cause) } : undefined);
  error.name = wire.name;
  if (wire.code !== undefined) Object.assign(error, { code: wire.code });
  return error;
}
