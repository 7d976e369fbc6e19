import { describe, expect, test } from "vitest";
import { defaultPoolColumns } from "./pool-columns";
import { defaultPoolView, parseNumberFilter, parsePoolExport, parsePoolView, poolViewSearch, PoolViewError } from "./pool-view";

describe("parsePoolView", () => {
  test("no parameters is the default view", () => {
    expect(parsePoolView({})).toEqual(defaultPoolView);
  });

  test.each<[string, Record<string, string | string[]>, Partial<typeof defaultPoolView>]>([
    ["a filter", { priority: "Spot" }, { filters: { priority: ["Spot"] } }],
    ["repeated values are alternatives", { subscription: ["prod", "dev"] }, { filters: { subscription: ["prod", "dev"] } }],
    ["blank values are dropped", { mode: ["", " User "] }, { filters: { mode: ["User"] } }],
    ["free text is trimmed", { q: "  gpu  " }, { q: "gpu" }],
    ["sort and direction", { sort: "count", dir: "desc" }, { sort: "count", dir: "desc" }],
    ["group", { group: "vmSize" }, { group: "vmSize" }],
    ["columns in the given order, once each", { cols: "name,count,name" }, { columns: ["name", "count"] }],
    ["paging", { page: "3", size: "100" }, { page: 3, size: 100 }],
    ["time travel", { run: "42" }, { run: 42 }],
    ["number filters", { count: [">=3", "1..2"] }, { filters: { count: [">=3", "1..2"] } }],
    ["priority in any case", { priority: "spot" }, { filters: { priority: ["spot"] } }],
  ])("%s", (_name, input, expected) => {
    expect(parsePoolView(input)).toEqual({ ...defaultPoolView, ...expected });
  });

  test("URLSearchParams with repeated keys", () => {
    expect(parsePoolView(new URLSearchParams("zones=1&zones=2&q=x")).filters).toEqual({ zones: ["1", "2"] });
  });

  test.each<[string, Record<string, string | string[]>, string, RegExp]>([
    ["an unknown parameter", { colour: "red" }, "colour", /Unknown parameter "colour"/],
    ["an unknown sort column", { sort: "colour" }, "sort", /"sort" should be a column/],
    ["a bad direction", { dir: "up" }, "dir", /"dir" should be asc or desc/],
    ["a bad group", { group: "zone" }, "group", /"group" should be one of cluster, subscription, vmSize/],
    ["an unknown column", { cols: "name,colour" }, "cols", /"cols" names unknown columns: colour/],
    ["a page that is not a number", { page: "two" }, "page", /"page" should be a whole number/],
    ["page zero", { page: "0" }, "page", /"page" should be between 1/],
    ["a huge page size", { size: "6000" }, "size", /"size" should be between 1 and 500/],
    ["a run twice", { run: ["1", "2"] }, "run", /"run" is given 2 times/],
    ["a bad number filter", { count: "lots" }, "count", /"count" should be a number or a comparison/],
    ["a bad boolean", { autoscaling: "yes" }, "autoscaling", /"autoscaling" should be true or false/],
    ["a priority that does not exist", { priority: "Cheap" }, "priority", /"priority" should be one of Regular, Spot; got "Cheap"/],
  ])("%s is refused, naming the parameter", (_name, input, parameter, message) => {
    let error: unknown;
    try {
      parsePoolView(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PoolViewError);
    expect((error as PoolViewError).parameter).toBe(parameter);
    expect((error as PoolViewError).message).toMatch(message);
  });

  test("the page refuses format; the export takes it", () => {
    expect(() => parsePoolView({ format: "csv" })).toThrow(/Unknown parameter "format"/);
    expect(parsePoolExport({ format: "csv", priority: "Spot" })).toMatchObject({ format: "csv", paged: false, view: { filters: { priority: ["Spot"] } } });
    expect(parsePoolExport({})).toMatchObject({ format: "json", paged: false });
    expect(parsePoolExport({ page: "2" })).toMatchObject({ paged: true, view: { page: 2 } });
    expect(() => parsePoolExport({ format: "xml" })).toThrow(/"format" should be json or csv/);
  });
});

describe("poolViewSearch", () => {
  test("the default view is an empty query", () => {
    expect(poolViewSearch(defaultPoolView)).toBe("");
  });

  test.each<[string, Record<string, string | string[]>]>([
    ["filters", { priority: "Spot", subscription: ["a", "b"] }],
    ["everything", { q: "gpu nodes", sort: "count", dir: "desc", group: "cluster", cols: "name,count", page: "2", size: "25", run: "7", labels: "team=data" }],
    ["default columns given explicitly are dropped", { cols: defaultPoolColumns.join(",") }],
  ])("round-trips %s", (_name, input) => {
    const view = parsePoolView(input);
    expect(parsePoolView(new URLSearchParams(poolViewSearch(view)))).toEqual(view);
  });

  test("exports leave paging out", () => {
    expect(poolViewSearch({ ...defaultPoolView, page: 3, size: 25, filters: { mode: ["User"] } }, { paging: false })).toBe("mode=User");
  });
});

describe("parseNumberFilter", () => {
  test.each([
    ["3", { op: "eq", value: 3 }],
    [">3", { op: "gt", value: 3 }],
    [">= 3", { op: "gte", value: 3 }],
    ["<10", { op: "lt", value: 10 }],
    ["<=0.5", { op: "lte", value: 0.5 }],
    ["-1", { op: "eq", value: -1 }],
    ["2..5", { op: "between", from: 2, to: 5 }],
    ["x", undefined],
    ["3..", undefined],
  ])("%s", (text, expected) => {
    expect(parseNumberFilter(text)).toEqual(expected);
  });
});
