/**
 * A small OData $filter evaluator for the Retail Prices API: eq, ne, gt, ge, lt, le, and, or, not, parentheses,
 * contains/startswith/endswith(field, 'text') and tolower(field). String comparison is case sensitive unless told
 * otherwise (the Retail Prices API is case sensitive from api-version 2023-01-01-preview).
 */
type Value = string | number | boolean | null;
type Node =
  | { op: "and" | "or"; left: Node; right: Node }
  | { op: "not"; operand: Node }
  | { op: "cmp"; cmp: string; left: Operand; right: Operand }
  | { op: "fn"; name: string; args: Operand[] };
type Operand = { field: string; lower?: boolean } | { literal: Value };

export class ODataFilterError extends Error {}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push(c);
      i++;
    } else if (c === "'") {
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= text.length) throw new ODataFilterError("unterminated string literal");
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      tokens.push(`'${value}`);
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s(),']/.test(text[j])) j++;
      tokens.push(text.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

export function parseODataFilter(text: string): Node {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    if (pos >= tokens.length) throw new ODataFilterError("unexpected end of filter");
    return tokens[pos++];
  };
  const expect = (t: string) => {
    const got = next();
    if (got !== t) throw new ODataFilterError(`expected '${t}' but found '${got}'`);
  };
  const operand = (): Operand => {
    const t = next();
    if (t.startsWith("'")) return { literal: t.slice(1) };
    if (/^-?\d+(\.\d+)?$/.test(t)) return { literal: Number(t) };
    if (t === "true" || t === "false") return { literal: t === "true" };
    if (t === "null") return { literal: null };
    if (t.toLowerCase() === "tolower") {
      expect("(");
      const inner = operand();
      expect(")");
      if (!("field" in inner)) throw new ODataFilterError("tolower takes a field");
      return { field: inner.field, lower: true };
    }
    if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(t)) return { literal: t };
    if (!/^[A-Za-z_][\w.]*$/.test(t)) throw new ODataFilterError(`unexpected '${t}'`);
    return { field: t };
  };
  const primary = (): Node => {
    const t = peek();
    if (t === "(") {
      next();
      const inner = or();
      expect(")");
      return inner;
    }
    if (t?.toLowerCase() === "not") {
      next();
      return { op: "not", operand: primary() };
    }
    const lower = t?.toLowerCase();
    if ((lower === "contains" || lower === "startswith" || lower === "endswith") && tokens[pos + 1] === "(") {
      next();
      expect("(");
      const args = [operand()];
      expect(",");
      args.push(operand());
      expect(")");
      const node: Node = { op: "fn", name: lower, args };
      // contains(x,'y') eq true
      if (peek()?.toLowerCase() === "eq" || peek()?.toLowerCase() === "ne") {
        const cmp = next().toLowerCase();
        const right = operand();
        const truthy = "literal" in right && right.literal === true;
        return cmp === "eq" === truthy ? node : { op: "not", operand: node };
      }
      return node;
    }
    const left = operand();
    const cmp = next().toLowerCase();
    if (!["eq", "ne", "gt", "ge", "lt", "le"].includes(cmp)) throw new ODataFilterError(`unknown operator '${cmp}'`);
    return { op: "cmp", cmp, left, right: operand() };
  };
  const and = (): Node => {
    let left = primary();
    while (peek()?.toLowerCase() === "and") {
      next();
      left = { op: "and", left, right: primary() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (peek()?.toLowerCase() === "or") {
      next();
      left = { op: "or", left, right: and() };
    }
    return left;
  };
  const tree = or();
  if (pos !== tokens.length) throw new ODataFilterError(`unexpected '${tokens[pos]}'`);
  return tree;
}

export function evaluateFilter(node: Node, item: Record<string, unknown>, caseSensitive: boolean): boolean {
  const fieldValue = (name: string): Value => {
    const key = Object.keys(item).find((k) => k.toLowerCase() === name.toLowerCase());
    const v = key === undefined ? null : item[key];
    return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
  };
  const value = (o: Operand): Value => {
    if ("literal" in o) return o.literal;
    const v = fieldValue(o.field);
    return o.lower && typeof v === "string" ? v.toLowerCase() : v;
  };
  const norm = (v: Value) => (typeof v === "string" && !caseSensitive ? v.toLowerCase() : v);
  switch (node.op) {
    case "and":
      return evaluateFilter(node.left, item, caseSensitive) && evaluateFilter(node.right, item, caseSensitive);
    case "or":
      return evaluateFilter(node.left, item, caseSensitive) || evaluateFilter(node.right, item, caseSensitive);
    case "not":
      return !evaluateFilter(node.operand, item, caseSensitive);
    case "fn": {
      const [a, b] = node.args.map((o) => norm(value(o)));
      if (typeof a !== "string" || typeof b !== "string") return false;
      return node.name === "contains" ? a.includes(b) : node.name === "startswith" ? a.startsWith(b) : a.endsWith(b);
    }
    case "cmp": {
      const a = norm(value(node.left));
      const b = norm(value(node.right));
      switch (node.cmp) {
        case "eq":
          return a === b;
        case "ne":
          return a !== b;
        default: {
          if (a === null || b === null) return false;
          const d = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
          return node.cmp === "gt" ? d > 0 : node.cmp === "ge" ? d >= 0 : node.cmp === "lt" ? d < 0 : d <= 0;
        }
      }
    }
  }
}
