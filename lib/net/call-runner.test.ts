import { describe, expect, it } from "vitest";
import { CallRunner, CallTimeoutError, DeadlineError } from "./call-runner";
import { mapBounded, Semaphore } from "./limiter";

const fast = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 };
type Answer = { status: number; headers?: Record<string, string> };
const judge = (answer: Answer) => ({ status: answer.status, header: (name: string) => answer.headers?.[name] });

describe("CallRunner", () => {
  it("retries 429 and 5xx, then succeeds, counting calls and retries by kind", async () => {
    const runner = new CallRunner({ concurrency: 4, keyConcurrency: 2, callTimeoutMs: 1000, retry: fast });
    const answers: Answer[] = [{ status: 429, headers: { "retry-after-ms": "5" } }, { status: 503 }, { status: 200 }];
    const answer = await runner.run("agentPools", "sub", async () => answers.shift()!, judge);
    expect(answer.status).toBe(200);
    expect(runner.stats).toMatchObject({ calls: 3, retries: 2, throttled: 1, byKind: { agentPools: { calls: 3, retries: 2, throttled: 1, failed: 0, ms: expect.any(Number), waitMs: expect.any(Number) } } });
  });

  it("returns the last answer when retries run out, and does not retry a 403", async () => {
    const runner = new CallRunner({ concurrency: 4, keyConcurrency: 2, callTimeoutMs: 1000, retry: fast });
    expect((await runner.run("x", undefined, async () => ({ status: 500 }), judge)).status).toBe(500);
    expect(runner.stats.calls).toBe(4);
    expect((await runner.run("y", undefined, async () => ({ status: 403 }), judge)).status).toBe(403);
    expect(runner.stats.byKind.y).toMatchObject({ calls: 1, retries: 0, throttled: 0, failed: 1 });
  });

  it("times a hung call out and retries it", async () => {
    const runner = new CallRunner({ concurrency: 1, keyConcurrency: 1, callTimeoutMs: 20, retry: { ...fast, maxRetries: 1 } });
    let calls = 0;
    const hang = (signal: AbortSignal) => new Promise<Answer>((_resolve, reject) => signal.addEventListener("abort", () => reject(new Error("aborted"))));
    await expect(runner.run("slow", undefined, (signal) => (++calls === 1 ? hang(signal) : hang(signal)), judge)).rejects.toBeInstanceOf(CallTimeoutError);
    expect(calls).toBe(2);
  });

  it("keeps the lanes together within its concurrency: 1 means one call at a time", async () => {
    for (const concurrency of [1, 3]) {
      const runner = new CallRunner({ concurrency, keyConcurrency: 8, callTimeoutMs: 1000, retry: fast });
      let inFlight = 0;
      let most = 0;
      const call = async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight -= 1;
        return { status: 200 };
      };
      await Promise.all(Array.from({ length: 12 }, (_, i) => runner.run(i % 2 ? "kubePods" : "machines", `k${i % 3}`, call, judge, i % 2 ? "kube" : "azure")));
      expect(most).toBe(concurrency);
    }
  });

  it("tries an unreachable server only twice", async () => {
    const runner = new CallRunner({ concurrency: 1, keyConcurrency: 1, callTimeoutMs: 1000, retry: fast });
    const refused = () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }));
    await expect(runner.run("kubeNodes", "c", refused)).rejects.toThrow("ECONNREFUSED");
    expect(runner.stats.calls).toBe(2);
  });

  it("does not start a retry that would end past the deadline", async () => {
    const runner = new CallRunner({ concurrency: 1, keyConcurrency: 1, callTimeoutMs: 1000, deadline: Date.now() + 200, retry: fast });
    const answer = await runner.run("q", undefined, async () => ({ status: 429, headers: { "retry-after": "60" } }), judge);
    expect(answer.status).toBe(429);
    expect(runner.stats.calls).toBe(1);
  });

  it("says deadline, not timeout, for a call that waited for a slot past the deadline", async () => {
    const runner = new CallRunner({ concurrency: 1, keyConcurrency: 1, callTimeoutMs: 1000, deadline: Date.now() + 50, retry: fast });
    const slow = runner.run("a", undefined, () => new Promise<Answer>((resolve) => setTimeout(() => resolve({ status: 200 }), 80)), judge);
    const queued = runner.run("b", undefined, async () => ({ status: 200 }), judge);
    await expect(queued).rejects.toBeInstanceOf(DeadlineError);
    await slow;
  });

  it("says deadline, not timeout, for a call the deadline cut short", async () => {
    const runner = new CallRunner({ concurrency: 1, keyConcurrency: 1, callTimeoutMs: 1000, deadline: Date.now() + 40, retry: fast });
    const hang = (signal: AbortSignal) => new Promise<Answer>((_resolve, reject) => signal.addEventListener("abort", () => reject(new Error("aborted"))));
    await expect(runner.run("slow", undefined, hang, judge)).rejects.toBeInstanceOf(DeadlineError);
    expect(runner.stats.calls).toBe(1);
  });

  it("stops when the run is aborted", async () => {
    const controller = new AbortController();
    const runner = new CallRunner({ concurrency: 1, keyConcurrency: 1, callTimeoutMs: 1000, signal: controller.signal, retry: { ...fast, baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    const pending = runner.run("q", undefined, async () => ({ status: 503 }), judge);
    setTimeout(() => controller.abort(new Error("stopped")), 10);
    await expect(pending).rejects.toThrow("stopped");
  });
});

describe("limits", () => {
  it("never runs more than the limit at once", async () => {
    const semaphore = new Semaphore(3);
    let active = 0;
    let peak = 0;
    await mapBounded(Array.from({ length: 20 }, (_, index) => index), 10, async () => {
      const release = await semaphore.acquire();
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 2));
      active -= 1;
      release();
    });
    expect(peak).toBe(3);
  });

  it("bounds each key and the whole", async () => {
    const runner = new CallRunner({ concurrency: 4, keyConcurrency: 2, callTimeoutMs: 1000 });
    const active = new Map<string, number>();
    let peakKey = 0;
    let total = 0;
    let peakTotal = 0;
    await Promise.all(
      Array.from({ length: 24 }, (_, index) => {
        const key = `k${index % 3}`;
        return runner.run("x", key, async () => {
          active.set(key, (active.get(key) ?? 0) + 1);
          total += 1;
          peakKey = Math.max(peakKey, active.get(key)!);
          peakTotal = Math.max(peakTotal, total);
          await new Promise((resolve) => setTimeout(resolve, 2));
          active.set(key, active.get(key)! - 1);
          total -= 1;
          return { status: 200 };
        });
      }),
    );
    expect(peakKey).toBe(2);
    expect(peakTotal).toBe(4);
  });
});
