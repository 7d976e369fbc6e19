import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "./errors";
import { parseInput, withErrors } from "./respond";

const request = new Request("http://localhost/api/runs?limit=x");

describe("withErrors", () => {
  it.each<[string, unknown, number, Record<string, unknown>]>([
    ["a conflict keeps its details", new AppError("conflict", "Run #4 is already going.", 409, { runId: 4 }), 409, { error: { code: "conflict", message: "Run #4 is already going." }, runId: 4 }],
    ["not found", new AppError("not_found", "There is no run #9."), 404, { error: { code: "not_found", message: "There is no run #9." } }],
    ["bad input from parseInput", (() => { try { parseInput(z.object({ limit: z.coerce.number().int() }), { limit: "x" }); } catch (error) { return error; } })(), 400, { error: { code: "bad_request" } }],
    ["anything else is a generic 500", new Error("secret connection string in here"), 500, { error: { code: "internal", message: "Something went wrong on the server; the server log has the details." } }],
  ])("%s", async (_name, error, status, body) => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = await withErrors(async (_request: Request) => {
      throw error;
    })(request);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject(body);
    expect(log).toHaveBeenCalledTimes(status === 500 ? 1 : 0);
    log.mockRestore();
  });

  it("passes a good answer through", async () => {
    const response = await withErrors(async (_request: Request) => Response.json({ ok: true }))(request);
    expect(response.status).toBe(200);
  });
});

describe("parseInput", () => {
  const schema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });
  it.each([
    [{}, 50],
    [{ limit: "10" }, 10],
  ])("%j gives limit %d", (input, limit) => expect(parseInput(schema, input).limit).toBe(limit));
  it.each([[{ limit: "0" }], [{ limit: "lots" }], [{ limit: "501" }]])("refuses %j with a message naming the field", (input) => {
    expect(() => parseInput(schema, input)).toThrow(/^limit: /);
  });
});
