/**
 * Rows as the data of a `COPY … FROM STDIN` (PGlite's, in sql-executor.ts): binary, which Postgres reads without
 * parsing numbers and times, or CSV when a row leaves out a column that has a default (binary COPY cannot ask for it).
 */
import { textFormatOf, valueIn, type WriteColumn } from "./column-text";

/** How a COPY's CSV says "the column's default" (COPY's DEFAULT option, Postgres 16 and later). */
const CSV_DEFAULT = "\\D";

/**
 * The buffer every COPY's data is written into, grown as needed and kept: a chunk's data is copied into the protocol
 * message when it is sent, and a buffer per chunk (megabytes each) only made the garbage collector run more often.
 */
let scratch = Buffer.allocUnsafe(1 << 20);

/**
 * A COPY's data, written into the scratch buffer, so that no string per row is made and collected. Its bytes are
 * good until the next CopyData: send them first.
 */
class CopyData {
  buffer = scratch;
  length = 0;
  room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = scratch = bigger;
  }
  byte(value: number): void {
    this.room(1);
    this.buffer[this.length++] = value;
  }
  text(text: string): void {
    this.room(text.length * 3);
    this.length += this.buffer.write(text, this.length);
  }
  int16(value: number): void {
    this.room(2);
    this.length = this.buffer.writeInt16BE(value, this.length);
  }
  int32(value: number): void {
    this.room(4);
    this.length = this.buffer.writeInt32BE(value, this.length);
  }
  /** Starts a value: its int32 length goes here, once its bytes are written (see `endValue`). */
  startValue(): number {
    this.room(4);
    this.length += 4;
    return this.length;
  }
  endValue(start: number): void {
    this.buffer.writeInt32BE(this.length - start, start - 4);
  }
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/**
 * The quote of a COPY's CSV: a control character instead of `"`, which JSON is full of, so that a value almost
 * never needs its quotes doubled (JSON.stringify escapes control characters). It is one byte in UTF-8.
 */
const CSV_QUOTE = "\x01";
export const CSV_COPY_OPTIONS = `FORMAT csv, QUOTE E'\\x01', DEFAULT '${CSV_DEFAULT}'`;

/** `rows` as CSV for COPY: text quoted (so that an empty string is not NULL), a missing value NULL or the default. */
export function csvCopyData(rows: readonly Record<string, unknown>[], columns: readonly WriteColumn[]): Uint8Array {
  const formats = columns.map((column) => textFormatOf(column.type));
  const missing = columns.map((column) => (column.default === null ? "" : CSV_DEFAULT));
  const data = new CopyData();
  for (const row of rows) {
    for (let c = 0; c < columns.length; c++) {
      const value = valueIn(row, columns[c]);
      if (value === null || value === undefined) data.text(missing[c]);
      else if (typeof value === "number" || typeof value === "boolean") data.text(String(value));
      else {
        const text = formats[c](value);
        data.byte(1);
        data.text(text.includes(CSV_QUOTE) ? text.replaceAll(CSV_QUOTE, CSV_QUOTE + CSV_QUOTE) : text);
        data.byte(1);
      }
      data.byte(c === columns.length - 1 ? 10 : 44);
    }
  }
  return data.bytes();
}

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;

/**
 * How a value of a column of `type` is written in COPY's binary format (the type's `recv` input), or false when
 * this value cannot be (a type without an encoder here, or a value of another JavaScript type).
 */
function binaryOf(type: string): ((data: CopyData, value: NonNullable<unknown>) => boolean) | null {
  switch (type) {
    case "integer":
      return (data, value) => typeof value === "number" && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 && (data.int32(value), true);
    case "double precision":
      return (data, value) => typeof value === "number" && (data.room(8), (data.length = data.buffer.writeDoubleBE(value, data.length)), true);
    case "boolean":
      return (data, value) => typeof value === "boolean" && (data.byte(value ? 1 : 0), true);
    case "text": {
      const format = textFormatOf(type);
      return (data, value) => (data.text(format(value)), true);
    }
    case "jsonb":
      // jsonb's binary form: a version byte, then the text.
      return (data, value) => (data.byte(1), data.text(JSON.stringify(value)), true);
    case "json":
      return (data, value) => (data.text(JSON.stringify(value)), true);
    case "timestamptz":
    case "timestamp(3) with time zone":
      return (data, value) => {
        if (!(value instanceof Date) || Number.isNaN(value.getTime())) return false;
        // int64 microseconds since 2000-01-01 UTC, as two 32-bit halves (exact below 2^53).
        const micros = (value.getTime() - PG_EPOCH_MS) * 1000;
        const high = Math.floor(micros / 2 ** 32);
        data.int32(high);
        data.room(4);
        data.length = data.buffer.writeUInt32BE(micros - high * 2 ** 32, data.length);
        return true;
      };
    case "date":
      return (data, value) => {
        const ms = value instanceof Date ? value.getTime() : typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(value) : NaN;
        return Number.isInteger(ms) && ms % DAY_MS === 0 && (data.int32((ms - PG_EPOCH_MS) / DAY_MS), true);
      };
    case "text[]":
      return (data, value) => {
        if (!Array.isArray(value)) return false;
        // One dimension (none when empty), a has-nulls flag, the element type (text, oid 25), size and lower bound.
        data.int32(value.length === 0 ? 0 : 1);
        data.int32(value.some((item) => item === null || item === undefined) ? 1 : 0);
        data.int32(25);
        if (value.length > 0) {
          data.int32(value.length);
          data.int32(1);
        }
        for (const item of value) {
          if (item === null || item === undefined) data.int32(-1);
          else {
            const start = data.startValue();
            data.text(String(item));
            data.endValue(start);
          }
        }
        return true;
      };
    default:
      return null;
  }
}

const BINARY_HEADER = Buffer.from("PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0", "latin1");

/**
 * `rows` in COPY's binary format, or null when one of them cannot be (a missing value of a column with a default,
 * which binary COPY cannot ask for, or a value the encoders do not take): then the chunk goes as CSV.
 */
export function binaryCopyData(rows: readonly Record<string, unknown>[], columns: readonly WriteColumn[]): Uint8Array | null {
  const encoders = columns.map((column) => binaryOf(column.type));
  if (encoders.some((encode) => encode === null)) return null;
  const data = new CopyData();
  data.room(BINARY_HEADER.length);
  data.length += BINARY_HEADER.copy(data.buffer, data.length);
  for (const row of rows) {
    data.int16(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const value = valueIn(row, columns[c]);
      if (value === null || value === undefined) {
        if (columns[c].default !== null) return null;
        data.int32(-1);
        continue;
      }
      const start = data.startValue();
      if (!encoders[c]!(data, value)) return null;
      data.endValue(start);
    }
  }
  data.int16(-1);
  return data.bytes();
}
