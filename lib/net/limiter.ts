/**
 * Bounded concurrency: one overall limit, and one per key (a subscription, a cluster). A task waits until both
 * its key and the whole have room; waiting tasks are served first come, first served.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active < this.limit) {
      this.active += 1;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason ?? new Error("aborted"));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(grant);
    });
    return this.releaser();
  }

  get pending(): number {
    return this.waiting.length;
  }

  get inUse(): number {
    return this.active;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}

export class KeyedLimiter {
  private readonly overall: Semaphore;
  private readonly perKey = new Map<string, Semaphore>();

  /** `within`: a limit shared with other limiters (e.g. a run's calls in all), taken after this one's own. */
  constructor(
    overallLimit: number,
    private readonly keyLimit: number,
    private readonly within?: Semaphore,
  ) {
    this.overall = new Semaphore(overallLimit);
  }

  /** Waits for room under `key`, overall and within the shared limit; returns the release function. */
  async acquire(key: string | undefined, signal?: AbortSignal): Promise<() => void> {
    let keyed: Semaphore | undefined;
    if (key) {
      keyed = this.perKey.get(key);
      if (!keyed) this.perKey.set(key, (keyed = new Semaphore(this.keyLimit)));
    }
    // Always taken in this order (key, overall, shared) and given back in reverse, so waits cannot deadlock.
    const releases: (() => void)[] = [];
    const releaseAll = () => {
      for (let i = releases.length - 1; i >= 0; i--) releases[i]();
    };
    try {
      for (const semaphore of [keyed, this.overall, this.within]) if (semaphore) releases.push(await semaphore.acquire(signal));
    } catch (error) {
      releaseAll();
      throw error;
    }
    return releaseAll;
  }

  async run<T>(key: string | undefined, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(key, signal);
    try {
      return await task();
    } finally {
      release();
    }
  }
}

/** Runs `task` over items with at most `limit` in flight; results keep the items' order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  });
  await Promise.all(workers);
  return results;
}
