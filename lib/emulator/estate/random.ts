/**
 * Deterministic randomness. Every random choice in the emulator comes from a stream keyed by the seed and a label,
 * so adding a choice in one place never shifts the choices made in another.
 */

const FNV_OFFSET = 0x811c9dc5;

/**
 * FNV-1a over a string, then a murmur-style finaliser: a well-mixed 32-bit hash. `prefix` (from hashPrefix) is
 * the state after what the text would start with: hash32(rest, hashPrefix(start)) === hash32(start + rest).
 */
export function hash32(text: string, prefix = FNV_OFFSET): number {
  return fmix32(hashText(prefix, text));
}

/** The FNV-1a state after `text`, for hashing many keys that start with it. */
export function hashPrefix(text: string): number {
  return hashText(FNV_OFFSET, text);
}

/** FNV-1a steps over a string, from state h. */
function hashText(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

const DIGITS = new Uint8Array(16);

/** hashText over String(part), without making the string for an integer (its digits, most significant first). */
function hashPart(h: number, part: string | number): number {
  if (typeof part === "string") return hashText(h, part);
  if (!Number.isSafeInteger(part) || part < 0) return hashText(h, String(part));
  let count = 0;
  do {
    const rest = Math.floor(part / 10);
    DIGITS[count++] = part - rest * 10;
    part = rest;
  } while (part > 0);
  while (count > 0) {
    h ^= 48 + DIGITS[--count];
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** A uniform number in [0, 1) that depends only on its key parts. */
export function unit(...parts: Array<string | number>): number {
  return hashParts(parts) / 4294967296;
}

export type Rng = {
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  hex(length: number): string;
  digits(length: number): string;
  uuid(): string;
};

/** mulberry32: small, fast and good enough for generating fake estates. */
export function createRng(...key: Array<string | number>): Rng {
  let state = hash32(key.join("\u0000")) || 1;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    hex: (length) => {
      let out = "";
      while (out.length < length) out += Math.floor(next() * 16).toString(16);
      return out;
    },
    digits: (length) => {
      let out = String(1 + Math.floor(next() * 9));
      while (out.length < length) out += Math.floor(next() * 10).toString();
      return out;
    },
    uuid: () => {
      const h = rng.hex(32);
      const variant = "89ab"[Math.floor(next() * 4)];
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
  return rng;
}

/** hash32 of the parts joined with NUL, without joining them (ids are made for every pod of every list served). */
function hashParts(parts: ReadonlyArray<string | number>): number {
  let h = FNV_OFFSET;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) h = Math.imul(h, 0x01000193); // the NUL separator: h ^= 0
    h = hashPart(h, parts[p]);
  }
  return fmix32(h >>> 0);
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hex8(n: number): string {
  return HEX_BYTE[n >>> 24] + HEX_BYTE[(n >>> 16) & 255] + HEX_BYTE[(n >>> 8) & 255] + HEX_BYTE[n & 255];
}

/** Hex digits that are a pure function of the key (cheap: no generator is built). */
export function stableHex(length: number, ...key: Array<string | number>): string {
  const seed = hashParts(key);
  let out = "";
  for (let i = 0; out.length < length; i++) out += hex8(fmix32((seed + Math.imul(i + 1, 0x9e3779b9)) >>> 0));
  return out.length === length ? out : out.slice(0, length);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX_CODES = Uint8Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const VARIANT_CODES = Uint8Array.from("89ab", (c) => c.charCodeAt(0));
/** FNV-1a state after "uuid", where every stableUuid key starts. */
const UUID_STATE = hashPrefix("uuid");
const UUID_TEXT = Buffer.alloc(36);

/**
 * A GUID that is a pure function of its key (for ids that must not depend on generation order): the first 32 of
 * `stableHex(…, "uuid", ...key)` with the version and variant digits set.
 */
export function stableUuid(...key: Array<string | number>): string {
  putStableUuid(UUID_TEXT, 0, key);
  return UUID_TEXT.toString("latin1", 0, 36);
}

/** Writes stableUuid(...key) as 36 bytes at `at` in `buf`, from the hash's words (a uid is made for every pod served). */
export function putStableUuid(buf: Uint8Array, at: number, key: ReadonlyArray<string | number>): number {
  let h = UUID_STATE;
  for (let p = 0; p < key.length; p++) h = hashPart(Math.imul(h, 0x01000193), key[p]); // NUL, then the part
  const seed = fmix32(h >>> 0);
  const w1 = fmix32((seed + Math.imul(1, 0x9e3779b9)) >>> 0);
  const w2 = fmix32((seed + Math.imul(2, 0x9e3779b9)) >>> 0);
  const w3 = fmix32((seed + Math.imul(3, 0x9e3779b9)) >>> 0);
  const w4 = fmix32((seed + Math.imul(4, 0x9e3779b9)) >>> 0);
  // The four words' 32 hex digits as 8-4-4-4-12, the 13th being the version (4) and the 17th the variant.
  at = putHex(buf, at, w1, 8);
  buf[at++] = 0x2d;
  at = putHex(buf, at, w2 >>> 16, 4);
  buf[at++] = 0x2d;
  buf[at++] = 0x34;
  at = putHex(buf, at, w2 & 0xfff, 3);
  buf[at++] = 0x2d;
  buf[at++] = VARIANT_CODES[(w3 >>> 28) & 3];
  at = putHex(buf, at, (w3 >>> 16) & 0xfff, 3);
  buf[at++] = 0x2d;
  at = putHex(buf, at, w3 & 0xffff, 4);
  return putHex(buf, at, w4, 8);
}

/** The last `digits` hex digits of a word. */
function putHex(buf: Uint8Array, at: number, word: number, digits: number): number {
  for (let shift = 4 * (digits - 1); shift >= 0; shift -= 4) buf[at++] = HEX_CODES[(word >>> shift) & 15];
  return at;
}
