/**
 * A run's rows in the order of their table's key, each key once. Rows written in key order go into the key's index
 * one after another (Postgres inserts at the rightmost leaf without descending the tree, and splits it leaving full
 * pages) instead of scattered over it; and once sorted, a repeated key sits next to its twin, so finding repeats
 * needs no map of composite string keys.
 */

/** The text columns of a key, most significant first. */
export type KeyFields<T> = readonly { [K in keyof T]: T[K] extends string ? K : never }[keyof T][];

/**
 * Orders by `fields` in code unit order: the order of PGlite's "C" collation (and of C.UTF-8) for the keys' ASCII
 * ids and names; a server with another collation gets nearly sorted rows, which are still correct.
 */
export function compareByKey<T>(fields: KeyFields<T>): (a: T, b: T) => number {
  return (a, b) => {
    for (const field of fields) {
      const x = a[field] as string;
      const y = b[field] as string;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

/**
 * `rows` sorted by `fields`, one row per key: by default the last of a repeated key (a list that repeats an item
 * across pages must not break a primary key), or what `merge` makes of the kept row and each repeat, in the order
 * they came. `rows` is not changed.
 */
export function inKeyOrder<T>(rows: readonly T[], fields: KeyFields<T>, merge: (kept: T, repeat: T) => T = (_kept, repeat) => repeat): T[] {
  const compare = compareByKey(fields);
  // Array.prototype.sort is stable: repeats stay in the order they came.
  const sorted = [...rows].sort(compare);
  let length = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (length > 0 && compare(sorted[length - 1], sorted[i]) === 0) sorted[length - 1] = merge(sorted[length - 1], sorted[i]);
    else sorted[length++] = sorted[i];
  }
  sorted.length = length;
  return sorted;
}
