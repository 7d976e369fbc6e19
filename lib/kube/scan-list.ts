/**
 * Reads a page of a Kubernetes list straight from the response bytes, with a reader that keeps of each item only
 * the fields the collector uses. Large fleets' lists are gigabytes of JSON per run; `JSON.parse` built every field
 * of every item and the collector spent most of its CPU parsing and collecting that garbage.
 *
 * The page is checked as JSON as strictly as `JSON.parse` does (a syntax error anywhere fails the page). Where
 * the item reader cannot vouch for an item (a field of an unexpected type, an escaped key, a field given twice,
 * an item the caller wants whole) it stands aside: that item's bytes go through `JSON.parse` and the caller's
 * exact checks, so a page reads to the same result as parsing it whole.
 */
import { JsonScanner, JsonSyntaxError, OPEN_BRACE, OPEN_BRACKET, QUOTE } from "./json-scan";

/** One page: its items (what the item reader made, or the parsed item where it stood aside) and continue token. */
export type ListPage = { items: unknown[]; continue: string | null | undefined };

export const bytesOf = (text: string) => Uint8Array.from(Buffer.from(text, "latin1"));
const ITEMS = bytesOf("items");
const METADATA = bytesOf("metadata");
const CONTINUE = bytesOf("continue");

/** Thrown inside an item the reader stands aside from; the item is then parsed whole. */
const STAND_ASIDE = Symbol("stand aside");

export function standAside(): never {
  throw STAND_ASIDE;
}

/** Marks member `bit` read in `seen`; a second reading of one (a key given twice, where JSON.parse keeps the last) stands aside. */
export function markRead(seen: number, bit: number): number {
  if (seen & bit) standAside();
  return seen | bit;
}

/** What item readers share: typed reads that stand aside at anything unexpected. */
export class ItemReader {
  constructor(protected readonly s: JsonScanner) {}

  /** A string, or null where `nullable`. */
  protected text(nullable: boolean): string | null {
    if (nullable && this.s.null()) return null;
    if (this.s.peek() !== QUOTE) standAside();
    this.s.string();
    return this.s.text();
  }

  /** Passes a string without making its text (a value that is checked but not kept). */
  protected passString(): void {
    if (this.s.peek() !== QUOTE) standAside();
    this.s.string();
  }

  /**
   * Steps to the next member of an object being read (members are stepped through in loops, not a callback each:
   * a page has hundreds of thousands); the first call checks that there is an object. Escaped keys stand aside.
   */
  protected next(first: boolean): boolean {
    if (first && this.s.peek() !== OPEN_BRACE) standAside();
    if (!this.s.nextMember(first)) return false;
    if (this.s.escaped) standAside();
    return true;
  }
}

/**
 * Reads a list page with `readItem` for each item. Returns null when the body is JSON but not a list (no `items`
 * array, or a continue token that is not text), and throws JsonSyntaxError when it is not JSON.
 */
export function scanList(body: Buffer, readItem: (scanner: JsonScanner) => () => unknown): ListPage | null {
  try {
    return scan(body, readItem);
  } catch (error) {
    // An escaped key at the top of the page (it might spell "items"), or nesting deeper than the reader's stack.
    if (error !== STAND_ASIDE && !(error instanceof RangeError)) throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new JsonSyntaxError((error as Error).message);
  }
  return listPageOf(value);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A parsed page read as the list schema reads it (items an array; metadata and its continue token optional). */
function listPageOf(value: unknown): ListPage | null {
  if (!isObject(value) || !Array.isArray(value.items)) return null;
  const metadata = value.metadata;
  if (metadata === undefined || metadata === null) return { items: value.items, continue: undefined };
  if (!isObject(metadata)) return null;
  const token = metadata.continue;
  if (token !== undefined && token !== null && typeof token !== "string") return null;
  return { items: value.items, continue: token };
}

function scan(body: Buffer, readItem: (scanner: JsonScanner) => () => unknown): ListPage | null {
  const s = new JsonScanner(body);
  const read = readItem(s);
  let items: unknown[] | null = null;
  let token: string | null | undefined;
  let isList = s.peek() === OPEN_BRACE;
  let seen = 0;
  for (let first = true; isList && s.nextMember(first); first = false) {
    // An escaped key might spell "items" or "metadata": JSON.parse decides the whole page.
    if (s.escaped) standAside();
    if (s.is(ITEMS)) {
      seen = markRead(seen, 1);
      if (s.peek() !== OPEN_BRACKET) {
        isList = false;
        break;
      }
      items = [];
      for (let inner = true; s.nextElement(inner); inner = false) {
        const start = s.i;
        try {
          items.push(read());
        } catch (error) {
          if (error !== STAND_ASIDE) throw error;
          // Back to the item's start, and the exact path: checked by the scanner, then parsed whole.
          s.i = start;
          items.push(s.parse());
        }
      }
    } else if (s.is(METADATA)) {
      seen = markRead(seen, 2);
      if (s.null()) continue;
      if (s.peek() !== OPEN_BRACE) {
        isList = false;
        break;
      }
      for (let inner = true; s.nextMember(inner); inner = false) {
        if (s.escaped) standAside();
        if (!s.is(CONTINUE)) s.skip();
        else if (s.null()) token = null;
        else if (s.peek() === QUOTE) {
          s.string();
          token = s.text();
        } else {
          isList = false;
          break;
        }
      }
    } else s.skip();
  }
  if (!isList) {
    // Not a list: the body must still be JSON.
    s.i = 0;
    s.skip();
  }
  s.end();
  if (!isList || items === null) return null;
  return { items, continue: token };
}
