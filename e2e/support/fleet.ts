import { readFileSync } from "node:fs";
import { request as playwrightRequest, expect, type APIRequestContext } from "@playwright/test";

type Run = { id: number; status: string; startedAt: string };
const READABLE = new Set(["succeeded", "partial"]);

/** The newest run pages can show, waiting (for the start-up collection) until there is one newer than `after`. */
export async function waitForReadableRun(request: APIRequestContext, after = 0, timeoutMs = 240_000): Promise<Run> {
  let found: Run | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get("/api/runs?limit=10");
        if (!response.ok()) return false;
        const { runs } = (await response.json()) as { runs: Run[] };
        found = runs.find((run) => READABLE.has(run.status) && run.id > after);
        return Boolean(found);
      },
      { timeout: timeoutMs, intervals: [1_000, 2_000] },
    )
    .toBe(true);
  return found!;
}

/** The newest readable run, collecting one first when there is none yet (whether or not a schedule runs). */
export async function ensureRun(request: APIRequestContext): Promise<Run> {
  const response = await request.get("/api/runs?limit=10");
  const { runs } = (await response.json()) as { runs: Run[] };
  const readable = runs.find((run) => READABLE.has(run.status));
  if (readable) return readable;
  if (!runs.some((run) => run.status === "running")) await request.post("/api/collect");
  return waitForReadableRun(request);
}

/** Starts a collection (or waits out the one running) and returns the run that read the change, once finished. */
export async function collectNow(request: APIRequestContext): Promise<Run> {
  const before = await waitForReadableRun(request);
  let runId = 0;
  await expect
    .poll(
      async () => {
        const response = await request.post("/api/collect");
        if (response.status() === 202) runId = ((await response.json()) as { runId: number }).runId;
        return response.status();
      },
      { timeout: 120_000, intervals: [1_000, 2_000] },
    )
    .toBe(202);
  const run = await waitForReadableRun(request, Math.max(before.id, runId - 1));
  expect(run.id).toBeGreaterThanOrEqual(runId);
  return run;
}

/** The emulator the app collects from, as the launcher wrote it down (`${POOLSCOPE_DATA_DIR}/emulator.json`). */
export async function emulatorClient(dataDir = ".data/e2e"): Promise<APIRequestContext> {
  const { url } = JSON.parse(readFileSync(`${dataDir}/emulator.json`, "utf8")) as { url: string };
  // Its certificate is self-signed; this is loopback traffic to a test double.
  return playwrightRequest.newContext({ baseURL: url, ignoreHTTPSErrors: true });
}

type EstatePool = { id: string; name: string; vmSize?: string; count: number };
type Estate = { subscriptions: { id: string; displayName: string; clusters: { id: string; name: string; pools: EstatePool[] }[] }[] };

/** The pool as the emulator's admin API summarises it (name, VM size, node count). */
export async function emulatorPool(emulator: APIRequestContext, armId: string): Promise<EstatePool> {
  const response = await emulator.get("/_emulator/estate");
  expect(response.status(), await response.text()).toBe(200);
  const estate = (await response.json()) as Estate;
  const pool = estate.subscriptions.flatMap((s) => s.clusters.flatMap((c) => c.pools)).find((p) => p.id.toLowerCase() === armId.toLowerCase());
  expect(pool, `the emulator serves ${armId}`).toBeDefined();
  return pool!;
}

/** Changes an agent pool in the emulator, as a portal user would; returns the ARM object it serves from now on. */
export async function changeEmulatorPool(emulator: APIRequestContext, armId: string, patch: Record<string, unknown>): Promise<{ id?: string; name?: string; properties: Record<string, unknown> }> {
  const response = await emulator.post(`/_emulator/pools/${encodeURIComponent(armId)}/change`, { data: patch });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/** RFC 4180: quoted fields, doubled quotes, CRLF records. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 1;
    } else field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
