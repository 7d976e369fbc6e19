import { describe, expect, test } from "vitest";
import { csvField, toCsv } from "./csv";

describe("csvField", () => {
  test.each<[string, Parameters<typeof csvField>[0], string]>([
    ["plain text", "nodepool1", "nodepool1"],
    ["a comma", "a,b", '"a,b"'],
    ["a quote", 'say "hi"', '"say ""hi"""'],
    ["a newline", "line1\nline2", '"line1\nline2"'],
    ["a carriage return", "a\rb", '"a\rb"'],
    ["a number", 3, "3"],
    ["a negative number stays a number", -1, "-1"],
    ["a fraction", 0.25, "0.25"],
    ["not a number", Number.NaN, ""],
    ["true", true, "true"],
    ["null", null, ""],
    ["undefined", undefined, ""],
    ["a formula", "=SUM(A1)", "'=SUM(A1)"],
    ["a formula with a comma", "=A1,B1", "\"'=A1,B1\""],
    ["leading minus text", "-x", "'-x"],
    ["an at sign", "@cmd", "'@cmd"],
    ["an empty string", "", ""],
    ["a taint", "sku=gpu:NoSchedule", "sku=gpu:NoSchedule"],
  ])("%s", (_name, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe("toCsv", () => {
  test("CRLF after every record, the header first", () => {
    expect(toCsv(["Pool", "Nodes (count)"], [["a", 1], ["b,c", 2]])).toBe('Pool,Nodes (count)\r\na,1\r\n"b,c",2\r\n');
  });
  test("no rows is the header alone", () => {
    expect(toCsv(["Pool"], [])).toBe("Pool\r\n");
  });
});
