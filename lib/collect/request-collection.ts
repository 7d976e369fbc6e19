/** What POST /api/collect does: start a run in the background, or say which run is already going. */
import { AppError } from "@/lib/api/errors";
import type { RunTrigger } from "@/lib/store/generated/enums";
import { startCollection } from "./collect-once";
import { RunInProgressError } from "./run-lock";

export async function requestCollection(trigger: RunTrigger = "api"): Promise<{ runId: number }> {
  try {
    return await startCollection(trigger);
  } catch (error) {
    if (error instanceof RunInProgressError) throw new AppError("conflict", error.message, 409, { runId: error.runId });
    throw error;
  }
}
