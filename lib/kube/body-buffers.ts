/**
 * Buffers that answers' bodies are gathered into, kept for the next answer. A large fleet's run reads some 2.4 GB of
 * list pages; a new buffer per page (Buffer.concat) is memory outside V8's heap whose growth starts a full garbage
 * collection every 64 MB or so, each marking the whole heap of the run (a tenth of the collector's time). A body
 * lent from here is only valid until it is given back: readers copy out what they keep (strings, parsed JSON).
 */

/** Free buffers kept between answers (a few large pages at once is the usual peak of one process). */
const KEPT = 16;
/** The first size of a body whose length was not announced. */
const FIRST_SIZE = 64 * 1024;

const free: Buffer[] = [];

/** A buffer of at least `size` bytes: a kept one where one is large enough, else a new one. */
function take(size: number): Buffer {
  let best = -1;
  for (let i = 0; i < free.length; i++) {
    if (free[i].length >= size && (best < 0 || free[i].length < free[best].length)) best = i;
  }
  if (best < 0) return Buffer.allocUnsafe(Math.max(size, FIRST_SIZE));
  const [buffer] = free.splice(best, 1);
  return buffer;
}

function giveBack(buffer: Buffer): void {
  if (free.length < KEPT) free.push(buffer);
  else {
    // Keep the larger buffers: the next pages are as large as the last.
    const smallest = free.reduce((at, b, i) => (b.length < free[at].length ? i : at), 0);
    if (free[smallest].length < buffer.length) free[smallest] = buffer;
  }
}

/** Gathers one body from its chunks; `body()` lends it until `release()`. */
export class BodyGatherer {
  private buffer: Buffer | null;
  private length = 0;

  /** `announced`: the Content-Length, when the answer gave one. */
  constructor(announced: number | undefined) {
    this.buffer = take(announced ?? FIRST_SIZE);
  }

  add(chunk: Buffer): void {
    let buffer = this.buffer!;
    if (this.length + chunk.length > buffer.length) {
      const grown = take(Math.max(buffer.length * 2, this.length + chunk.length));
      buffer.copy(grown, 0, 0, this.length);
      giveBack(buffer);
      this.buffer = buffer = grown;
    }
    chunk.copy(buffer, this.length);
    this.length += chunk.length;
  }

  /** The body gathered so far (a view of the lent buffer). */
  body(): Buffer {
    return this.buffer!.subarray(0, this.length);
  }

  /** Gives the buffer back for the next answer; the body must not be read after. */
  release(): void {
    if (this.buffer) giveBack(this.buffer);
    this.buffer = null;
  }
}
