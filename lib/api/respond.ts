import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "./errors";

type Handler<Args extends unknown[]> = (...args: Args) => Promise<Response>;

/** The JSON body of an error answer: `{ error: { code, message }, ...details }`. */
export function errorResponse(error: AppError): NextResponse {
  return NextResponse.json({ error: { code: error.code, message: error.message }, ...error.details }, { status: error.status, headers: { "cache-control": "no-store" } });
}

/**
 * Wraps a route handler: an AppError becomes its status and message, a zod error on input a 400 naming the bad
 * field, anything else a 500 with a generic message (and one log line with the real one).
 */
export function withErrors<Args extends unknown[]>(handler: Handler<Args>): Handler<Args> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      if (error instanceof z.ZodError) {
        const issue = error.issues[0];
        return errorResponse(new AppError("bad_request", `${issue?.path.join(".") || "input"}: ${issue?.message ?? "invalid"}`));
      }
      const request = args[0] instanceof Request ? `${args[0].method} ${new URL(args[0].url).pathname}` : "request";
      console.error(`poolscope: ${request} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.split("\n").slice(0, 3).join(" | "));
      return errorResponse(new AppError("internal", "Something went wrong on the server; the server log has the details."));
    }
  };
}

/** Parses input with a zod schema, turning a failure into a 400 AppError that names the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError("bad_request", `${issue?.path.join(".") || "input"}: ${issue?.message.replace(/^Invalid input: /, "") ?? "invalid"}`);
  }
  return result.data;
}
