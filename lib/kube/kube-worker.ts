/**
 * A kube worker's side (see kube-workers.ts): requests to API servers made and their pages read in this thread, with
 * the same transport the collector's own thread uses; only the readers' results go back.
 */
import { parentPort } from "node:worker_threads";
import { inThreadTransport, type KubeConnection } from "./kube-transport";
import { toWireError, type ToWorker, type FromWorker } from "./kube-worker-protocol";

const port = parentPort;
if (!port) throw new Error("kube-worker.ts runs as a worker thread only");

const connections = new Map<number, KubeConnection>();
const inflight = new Map<number, AbortController>();

function reply(message: FromWorker): void {
  port!.postMessage(message);
}

port.on("message", (message: ToWorker) => {
  switch (message.op) {
    case "open":
      connections.set(message.conn, inThreadTransport.open(message.target));
      return;
    case "close":
      connections.get(message.conn)?.close();
      connections.delete(message.conn);
      return;
    case "abort":
      inflight.get(message.id)?.abort();
      return;
    case "fetch": {
      const connection = connections.get(message.conn);
      if (!connection) {
        reply({ id: message.id, error: { name: "Error", message: "the kube worker has no such connection" } });
        return;
      }
      const controller = new AbortController();
      inflight.set(message.id, controller);
      connection.fetch(message.path, message.reader, controller.signal).then(
        (answer) => reply({ id: message.id, answer }),
        (error: unknown) => reply({ id: message.id, error: toWireError(error) }),
      ).finally(() => inflight.delete(message.id));
      return;
    }
  }
});
