/**
 * Time for the simulator's meters. The models never read the system clock: they are given a SimClock,
 * so a test can advance a ManualClock by a day and watch the energy and the remaining amount move.
 */
export interface SimClock {
  /** Simulated wall-clock time in epoch milliseconds. */
  now(): number;
}

/** A clock a test moves by hand. */
export class ManualClock implements SimClock {
  constructor(private current: number = Date.UTC(2026, 0, 1, 0, 0, 0)) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError('a clock only moves forward');
    this.current += ms;
  }

  set(epochMs: number): void {
    this.current = epochMs;
  }
}

/**
 * Real time, optionally sped up: simulated time starts at `start` (default: the real now) and runs `speed`
 * times as fast as the real one, so `--speed 3600` turns an hour of load into a second.
 */
export function scaledClock(options: { start?: number; speed?: number; realNow?: () => number } = {}): SimClock {
  const realNow = options.realNow ?? (() => Date.now());
  const realStart = realNow();
  const start = options.start ?? realStart;
  const speed = options.speed ?? 1;
  return { now: () => start + (realNow() - realStart) * speed };
}
