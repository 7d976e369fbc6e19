import "server-only";
import { AppError } from "@/lib/api/errors";
import { listRuns, type RunSummary } from "./runs";

/** One run, in the shape of the runs list (GET /api/runs/[id]); a 404 AppError when there is none. */
export async function getRun(id: number): Promise<RunSummary> {
  // The newest run below id + 1 is run `id` when it exists: one read model, one mapping.
  const [run] = await listRuns({ limit: 1, before: id + 1 });
  if (!run || run.id !== id) throw new AppError("not_found", `There is no run #${id}.`);
  return run;
}
