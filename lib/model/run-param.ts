/** `?run=N` (or `?page=N`) on a page: a positive whole number, or nothing (a malformed value is ignored, not an error page). */
export function parseWholeParam(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || !/^\d+$/.test(text)) return undefined;
  const run = Number(text);
  return run > 0 && Number.isSafeInteger(run) ? run : undefined;
}
