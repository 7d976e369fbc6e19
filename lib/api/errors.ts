/** The one error type route handlers throw on purpose; lib/api/respond.ts maps it to its status. */
export type AppErrorCode = "bad_request" | "not_found" | "conflict" | "unavailable" | "internal";

const statusOf: Record<AppErrorCode, number> = { bad_request: 400, not_found: 404, conflict: 409, unavailable: 503, internal: 500 };

export class AppError extends Error {
  override name = "AppError";
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    status?: number,
    /** Extra top-level fields of the JSON answer, e.g. the running run's id on a conflict. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = status ?? statusOf[code];
  }
}
