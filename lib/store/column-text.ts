/** Values as the text Postgres casts to a column's type: array literals for the bulk writes' parameters. */

/** A column being written, and the value every row shares in it, if they share one (a run's id and time). */
export type WriteColumn = { name: string; type: string; default: string | null; shared?: { value: unknown } };

/** The column's value in `row`. */
export function valueIn(row: Record<string, unknown>, column: WriteColumn): unknown {
  return column.shared ? column.shared.value : row[column.name];
}

/** An element of a Postgres array literal: quoted, with quotes and backslashes escaped. */
function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  const text = String(value);
  return `"${/[\\"]/.test(text) ? text.replace(/[\\"]/g, "\\$&") : text}"`;
}

/** A Postgres array literal (`{"a","b",NULL}`), for a `$n::text[]` parameter. */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map(arrayElement).join(",")}}`;
}

/** How a value of a column of `type` is written as the text Postgres casts to that type. */
export function textFormatOf(type: string): (value: NonNullable<unknown>) => string {
  if (type.endsWith("[]")) return (value) => arrayLiteral(value as unknown[]);
  if (type === "jsonb" || type === "json") return (value) => JSON.stringify(value);
  if (type === "date") return (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
  // A run's rows share their takenAt: format it once.
  let lastDate: Date | undefined;
  let lastText = "";
  return (value) => {
    if (!(value instanceof Date)) return String(value);
    if (value !== lastDate) [lastDate, lastText] = [value, value.toISOString()];
    return lastText;
  };
}

/** A value as the text Postgres casts to a column of `type`. */
export function toText(value: unknown, type: string): string | null {
  return value === null || value === undefined ? null : textFormatOf(type)(value);
}

/** Each column's values of `rows` as one text-array literal: one string per column, not one per value. */
export function columnLiterals(rows: readonly Record<string, unknown>[], columns: readonly Pick<WriteColumn, "name" | "type">[]): string[] {
  return columns.map(({ name, type }) => {
    const format = textFormatOf(type);
    const elements = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const value = rows[i][name];
      // Numbers and booleans never need quotes in an array literal.
      if (typeof value === "number" || typeof value === "boolean") elements[i] = String(value);
      else elements[i] = value === null || value === undefined ? "NULL" : arrayElement(format(value));
    }
    return `{${elements.join(",")}}`;
  });
}
