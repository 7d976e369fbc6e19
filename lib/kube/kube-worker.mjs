// Starts a kube worker thread: kube-worker.ts, compiled on the fly by tsx (a dependency of the app), so that the
// worker runs the same sources wherever the collector runs (the Next.js server, `npm run collect`, tests).
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.file, import.meta.url);
