/** ARM list paging: `{ value, nextLink }`, the nextLink an absolute URL back at the emulator with a skip token. */
import { decodeToken, encodeToken, type EmulatorRequest } from "../http";

export function armPage<T>(request: EmulatorRequest, items: T[], baseUrl: string, pageSize: number, extra?: Record<string, unknown>): Record<string, unknown> {
  const offset = Number(decodeToken<{ o?: number }>(request.url.searchParams.get("$skiptoken"))?.o ?? 0);
  const page = items.slice(offset, offset + pageSize);
  const body: Record<string, unknown> = { value: page, ...(extra ?? {}) };
  if (offset + pageSize < items.length) {
    const params = new URLSearchParams(request.url.searchParams);
    params.set("$skiptoken", encodeToken({ o: offset + pageSize }));
    body.nextLink = `${baseUrl}${request.url.pathname}?${params.toString()}`;
  }
  return body;
}
