const tones: Record<string, string> = { succeeded: "ok", partial: "warn", failed: "bad", running: "info" };

export function RunStatusBadge({ status }: { status: string }) {
  return <span className={`badge ${tones[status] ?? ""}`}>{status}</span>;
}
