import { z } from "zod";
import { defaultPoolColumns, isPoolColumnKey, poolColumn, poolColumnKeys, poolColumns, type FilterKind, type PoolColumnKey } from "./pool-columns";

/**
 * The state of the pools table, all of it in the URL so that a view can be shared in a ticket: the same schema
 * parses the page's searchParams and GET /api/pools, and `poolViewSearch` writes it back. Each filter is a column
 * key with one or more values (`?priority=Spot&subscription=prod`); values of one key are alternatives, keys
 * combine. Defaults are left out of the URL.
 */

export const groupKeys = ["cluster", "subscription", "vmSize"] as const;
export type GroupKey = (typeof groupKeys)[number];
export const pageSizes = [25, 50, 100, 200] as const;
/** A screenful: each row of the table costs the server its share of every page (a row was 0.13 ms of CPU at 50). */
export const DEFAULT_PAGE_SIZE = 25;

export type NumberFilter = { op: "eq" | "gt" | "gte" | "lt" | "lte"; value: number } | { op: "between"; from: number; to: number };

export type PoolFilters = Partial<Record<PoolColumnKey, string[]>>;

export type PoolView = {
  /** Free text: every word must appear in one of the pool's text fields. */
  q: string | undefined;
  filters: PoolFilters;
  sort: PoolColumnKey;
  dir: "asc" | "desc";
  group: GroupKey | undefined;
  /** The chosen columns, in order; the default set when the URL names none. */
  columns: PoolColumnKey[];
  page: number;
  size: number;
  /** Time travel: the run to show the fleet as of. */
  run: number | undefined;
};

export const defaultPoolView: PoolView = {
  q: undefined,
  filters: {},
  sort: "cluster",
  dir: "asc",
  group: undefined,
  columns: defaultPoolColumns,
  page: 1,
  size: DEFAULT_PAGE_SIZE,
  run: undefined,
};

/** Parameters the export route takes besides the view. */
export const exportFormats = ["json", "csv"] as const;
export type ExportFormat = (typeof exportFormats)[number];

const numberFilterPattern = /^(?:(>=|<=|>|<)?\s*(-?\d+(?:\.\d+)?)|(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?))$/;

export function parseNumberFilter(text: string): NumberFilter | undefined {
  const match = numberFilterPattern.exec(text.trim());
  if (!match) return undefined;
  if (match[3] !== undefined) return { op: "between", from: Number(match[3]), to: Number(match[4]) };
  const ops = { ">=": "gte", "<=": "lte", ">": "gt", "<": "lt" } as const;
  return { op: match[1] ? ops[match[1] as keyof typeof ops] : "eq", value: Number(match[2]) };
}

const filterValueChecks: Partial<Record<FilterKind, { test: (value: string) => boolean; says: string }>> = {
  number: { test: (value) => parseNumberFilter(value) !== undefined, says: "a number or a comparison such as 3, >=3, <10 or 3..10" },
  bool: { test: (value) => value === "true" || value === "false", says: "true or false" },
};

/** Closed vocabularies: a value outside them is a mistake in the URL, not an empty result. */
const closedValues: Partial<Record<PoolColumnKey, readonly string[]>> = {
  priority: ["Regular", "Spot"],
};

const listOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const single = (name: string) =>
  z.union([z.string(), z.array(z.string())]).transform((value, ctx) => {
    const values = listOf(value);
    if (values.length > 1) {
      ctx.addIssue({ code: "custom", message: `"${name}" is given ${values.length} times; give it once` });
      return z.NEVER;
    }
    return values[0];
  });

const wholeNumber = (name: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  single(name).pipe(
    z
      .string()
      .regex(/^\d+$/, `"${name}" should be a whole number`)
      .transform(Number)
      .refine((value) => value >= min && value <= max, `"${name}" should be between ${min} and ${max}`),
  );

const filterParam = (key: PoolColumnKey) => {
  const column = poolColumn(key);
  const check = filterValueChecks[column.filter];
  const closed = closedValues[key];
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) => listOf(value).map((item) => item.trim()).filter(Boolean))
    .superRefine((values, ctx) => {
      for (const value of values) {
        if (check && !check.test(value)) ctx.addIssue({ code: "custom", message: `"${key}" should be ${check.says}; got "${value}"` });
        if (closed && !closed.some((allowed) => allowed.toLowerCase() === value.toLowerCase()))
          ctx.addIssue({ code: "custom", message: `"${key}" should be one of ${closed.join(", ")}; got "${value}"` });
      }
    });
};

const viewShape = {
  q: single("q").optional(),
  sort: single("sort")
    .pipe(z.string().refine(isPoolColumnKey, { message: `"sort" should be a column: ${poolColumnKeys.join(", ")}` }))
    .optional(),
  dir: single("dir").pipe(z.enum(["asc", "desc"], { message: `"dir" should be asc or desc` })).optional(),
  group: single("group").pipe(z.enum(groupKeys, { message: `"group" should be one of ${groupKeys.join(", ")}` })).optional(),
  cols: single("cols")
    .transform((value) => (value ?? "").split(",").map((key) => key.trim()).filter(Boolean))
    .superRefine((keys, ctx) => {
      const unknown = keys.filter((key) => !isPoolColumnKey(key));
      if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `"cols" names unknown columns: ${unknown.join(", ")}; columns are ${poolColumnKeys.join(", ")}` });
    })
    .optional(),
  page: wholeNumber("page", 1).optional(),
  size: wholeNumber("size", 1, 500).optional(),
  run: wholeNumber("run", 1).optional(),
  ...Object.fromEntries(poolColumns.map((column) => [column.key, filterParam(column.key).optional()])),
};

const viewSchema = z.object(viewShape).strict();
const exportSchema = z.object({ ...viewShape, format: single("format").pipe(z.enum(exportFormats, { message: `"format" should be json or csv` })).optional() }).strict();

export type SearchParamsInput = Record<string, string | string[] | undefined> | URLSearchParams;

export class PoolViewError extends Error {
  constructor(
    message: string,
    readonly parameter: string | undefined,
  ) {
    super(message);
    this.name = "PoolViewError";
  }
}

function toRecord(input: SearchParamsInput): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  const add = (key: string, value: string) => {
    const existing = record[key];
    record[key] = existing === undefined ? value : [...listOf(existing), value];
  };
  if (input instanceof URLSearchParams) input.forEach((value, key) => add(key, value));
  else for (const [key, value] of Object.entries(input)) for (const item of listOf(value)) add(key, item);
  return record;
}

function explain(error: z.ZodError): PoolViewError {
  const issue = error.issues[0];
  if (issue.code === "unrecognized_keys") {
    const [key] = issue.keys;
    return new PoolViewError(`Unknown parameter "${key}"; parameters are q, sort, dir, group, cols, page, size, run and the column names (${poolColumnKeys.join(", ")})`, key);
  }
  const parameter = String(issue.path[0] ?? "");
  const message = issue.message.startsWith('"') ? issue.message : `"${parameter}" is not valid: ${issue.message}`;
  return new PoolViewError(message, parameter || undefined);
}

type Parsed = z.infer<typeof viewSchema>;

function toView(data: Parsed): PoolView {
  const filters: PoolFilters = {};
  for (const key of poolColumnKeys) {
    const values = (data as Record<string, unknown>)[key] as string[] | undefined;
    if (values && values.length > 0) filters[key] = values;
  }
  const columns = (data.cols as PoolColumnKey[] | undefined)?.length ? [...new Set(data.cols as PoolColumnKey[])] : defaultPoolColumns;
  return {
    q: data.q?.trim() || undefined,
    filters,
    sort: (data.sort as PoolColumnKey | undefined) ?? defaultPoolView.sort,
    dir: data.dir ?? defaultPoolView.dir,
    group: data.group,
    columns,
    page: data.page ?? 1,
    size: data.size ?? DEFAULT_PAGE_SIZE,
    run: data.run,
  };
}

/** The pools view a URL asks for, or a PoolViewError that names the bad parameter. */
export function parsePoolView(input: SearchParamsInput): PoolView {
  const result = viewSchema.safeParse(toRecord(input));
  if (!result.success) throw explain(result.error);
  return toView(result.data);
}

/** GET /api/pools: the page's parameters plus `format`. Paging applies only when `page` or `size` is given. */
export function parsePoolExport(input: SearchParamsInput): { view: PoolView; format: ExportFormat; paged: boolean } {
  const result = exportSchema.safeParse(toRecord(input));
  if (!result.success) throw explain(result.error);
  const { format, ...rest } = result.data;
  return { view: toView(rest), format: format ?? "json", paged: rest.page !== undefined || rest.size !== undefined };
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}

/** The query string for a view (no leading "?"), defaults left out, in a stable order. */
export function poolViewSearch(view: Partial<PoolView>, options: { paging?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  for (const key of poolColumnKeys) for (const value of view.filters?.[key] ?? []) params.append(key, value);
  if (view.sort && view.sort !== defaultPoolView.sort) params.set("sort", view.sort);
  if (view.dir && view.dir !== defaultPoolView.dir) params.set("dir", view.dir);
  if (view.group) params.set("group", view.group);
  if (view.columns && !sameColumns(view.columns, defaultPoolColumns)) params.set("cols", view.columns.join(","));
  if (options.paging !== false) {
    if (view.page && view.page > 1) params.set("page", String(view.page));
    if (view.size && view.size !== DEFAULT_PAGE_SIZE) params.set("size", String(view.size));
  }
  if (view.run) params.set("run", String(view.run));
  return params.toString();
}

/** `/pools?…` for a view; `withView({ filters: { priority: ["Spot"] } })` from anywhere links into the table. */
export function poolsHref(view: Partial<PoolView> = {}): string {
  const search = poolViewSearch(view);
  return search ? `/pools?${search}` : "/pools";
}

/** Whether a view filters at all (for "clear filters" and empty-state wording). */
export function isFiltered(view: PoolView): boolean {
  return Boolean(view.q) || Object.keys(view.filters).length > 0;
}
