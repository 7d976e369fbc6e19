/**
 * Large bodies written as UTF-8 straight into reused buffers. A page of 2,000 pods is 5 MB: joined into one string
 * it had to be flattened, copied to UTF-8 in a fresh buffer and dropped, per page, and that churn (2 GB a
 * collection) kept the garbage collector busy. Here each item is written once into 1 MiB buffers (as text, or byte
 * by byte), and the buffers go back to a small pool when the response has been handed to the socket.
 */
const CHUNK_BYTES = 1 << 20;
/** Spare buffers kept for the next bodies (enough for the pages of a collector's concurrent reads). */
const KEEP = 64;
const spare: Buffer[] = [];

export type WrittenBody = {
  /** The body, in order; only valid until `release`. */
  chunks: Buffer[];
  length: number;
  /** Gives the buffers back for reuse: call once nothing reads the chunks any more. */
  release(): void;
};

export class BodyWriter {
  private readonly buffers: Buffer[] = [];
  private readonly chunks: Buffer[] = [];
  private buffer: Buffer | undefined;
  private start = 0;
  /** Where the next byte goes in the current buffer (see `reserve`). */
  at = 0;
  private length = 0;

  write(text: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8: the exact length is only counted near a buffer's end.
    const room = this.buffer ? this.buffer.length - this.at : -1;
    if (room < text.length * 3) {
      const bytes = Buffer.byteLength(text);
      if (room < bytes) this.next(bytes);
    }
    this.at += this.buffer!.write(text, this.at);
  }

  /**
   * The buffer with room for `bytes` more bytes from `at`, for a writer that puts the bytes in itself (without
   * making strings) and then moves `at` past them.
   */
  reserve(bytes: number): Buffer {
    if (!this.buffer || this.buffer.length - this.at < bytes) this.next(bytes);
    return this.buffer!;
  }

  finish(): WrittenBody {
    this.seal();
    const buffers = this.buffers;
    return {
      chunks: this.chunks,
      length: this.length,
      release: () => {
        for (const buffer of buffers.splice(0)) if (buffer.length === CHUNK_BYTES && spare.length < KEEP) spare.push(buffer);
      },
    };
  }

  private seal(): void {
    if (this.buffer && this.at > this.start) {
      this.chunks.push(this.buffer.subarray(this.start, this.at));
      this.length += this.at - this.start;
    }
    this.start = this.at;
  }

  private next(bytes: number): void {
    this.seal();
    this.buffer = bytes <= CHUNK_BYTES ? (spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES)) : Buffer.allocUnsafeSlow(bytes);
    this.buffers.push(this.buffer);
    this.start = 0;
    this.at = 0;
  }
}

/** What `write` writes, as a string (for tests and the odd single object). */
export function writtenText(write: (out: BodyWriter) => void): string {
  const out = new BodyWriter();
  write(out);
  const body = out.finish();
  const text = Buffer.concat(body.chunks, body.length).toString("utf8");
  body.release();
  return text;
}
