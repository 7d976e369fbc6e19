"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";

type CollectAnswer = { runId: number; started: boolean; message: string };

async function requestCollection(): Promise<CollectAnswer> {
  const response = await fetch("/api/collect", { method: "POST", headers: { accept: "application/json" } });
  const body = (await response.json().catch(() => ({}))) as { runId?: number; error?: { message?: string }; message?: string };
  if (response.status === 202) return { runId: body.runId ?? 0, started: true, message: `Run #${body.runId} started.` };
  if (response.status === 409) return { runId: body.runId ?? 0, started: false, message: body.error?.message ?? `Run #${body.runId} is already going.` };
  throw new Error(body.error?.message ?? `The collection could not be started (HTTP ${response.status}).`);
}

/** Starts a collection run; the runs table (polled) shows its progress live. */
export function CollectButton({ running }: { running: boolean }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: requestCollection,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["runs"] }),
  });
  return (
    <div style={{ display: "flex", gap: 12, alignItems: "center" }}>
      <span role="status" aria-live="polite" className="muted">
        {mutation.isError ? <span style={{ color: "var(--bad)" }}>{mutation.error.message}</span> : mutation.data?.message}
      </span>
      <button className="button" type="button" onClick={() => mutation.mutate()} disabled={mutation.isPending || running}>
        {running ? "Collecting…" : mutation.isPending ? "Starting…" : "Collect now"}
      </button>
    </div>
  );
}
