/**
 * The simulated clock. `now()` is wall time (real time since start, plus whatever tests advanced): timestamps,
 * cost days and node ages use it, so they never run ahead of the collector's own clock in a demo. `cycleNow()`
 * is the phase of the load cycle, which runs `speed` times faster (demo: one real minute = one simulated hour),
 * so autoscaling and pending pods move visibly within minutes.
 */
export type Clock = {
  now(): Date;
  nowMs(): number;
  cycleNowMs(): number;
  advance(ms: number): void;
  readonly speed: number;
  readonly startMs: number;
};

export function createClock(options: { startTime?: Date; speed?: number; realNow?: () => number } = {}): Clock {
  const realNow = options.realNow ?? (() => performance.timeOrigin + performance.now());
  const startMs = options.startTime ? options.startTime.getTime() : Math.floor(realNow());
  const speed = options.speed ?? 1;
  const realStart = realNow();
  let advancedMs = 0;
  const elapsed = () => Math.max(0, realNow() - realStart);
  return {
    speed,
    startMs,
    now: () => new Date(Math.floor(startMs + elapsed() + advancedMs)),
    nowMs: () => Math.floor(startMs + elapsed() + advancedMs),
    cycleNowMs: () => Math.floor(startMs + elapsed() * speed + advancedMs),
    advance: (ms: number) => {
      if (!Number.isFinite(ms) || ms < 0) throw new Error("clock.advance takes a positive number of milliseconds");
      advancedMs += ms;
    },
  };
}
