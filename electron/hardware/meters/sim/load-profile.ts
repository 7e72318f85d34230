/**
 * A deterministic daily load curve with seeded noise: how much power (electricity, W) or flow (water, L/h)
 * a simulated customer draws at a moment. The curve is fixed per step (one minute by default); integrating it
 * over an interval gives the same result however the interval is cut into pieces.
 */
import { hashSeed, noiseAt } from './noise';

export interface LoadProfile {
  /** Draw (W or L/h) during the step that contains `epochMs`. */
  drawAt(epochMs: number): number;
  /** The step length the draw is constant over. */
  readonly stepMs: number;
}

const HOUR_MS = 3_600_000;

/** Shape of a household day (0..1): low at night, a morning bump, an evening peak. */
export function dailyShape(hourOfDay: number): number {
  const bump = (centre: number, width: number) => Math.exp(-(((hourOfDay - centre) / width) ** 2));
  return 0.15 + 0.45 * bump(7.5, 1.5) + 0.25 * bump(12.5, 1.5) + 0.85 * bump(19.5, 2.2);
}

export function loadProfile(options: { peak: number; seed: string | number; noise?: number; stepMs?: number; utcOffsetHours?: number }): LoadProfile {
  const stepMs = options.stepMs ?? 60_000;
  const seed = hashSeed(options.seed);
  const noise = options.noise ?? 0.2;
  const offsetMs = (options.utcOffsetHours ?? 8) * HOUR_MS;
  return {
    stepMs,
    drawAt(epochMs) {
      const step = Math.floor(epochMs / stepMs);
      const local = step * stepMs + offsetMs;
      const hour = (((local % 86_400_000) + 86_400_000) % 86_400_000) / HOUR_MS;
      const jitter = 1 + noise * (2 * noiseAt(seed, step) - 1);
      return Math.max(0, options.peak * dailyShape(hour) * jitter);
    },
  };
}

/**
 * Integrates a profile from `from` to `to` (epoch ms), calling `take(units, at)` once per step piece with the
 * quantity drawn in it (draw × hours). `take` returns false to stop early (the relay opened); the time reached
 * is returned.
 */
export function integrate(profile: LoadProfile, from: number, to: number, take: (quantity: number, at: number) => boolean): number {
  let t = from;
  while (t < to) {
    const stepEnd = Math.min(to, (Math.floor(t / profile.stepMs) + 1) * profile.stepMs);
    const quantity = (profile.drawAt(t) * (stepEnd - t)) / HOUR_MS;
    t = stepEnd;
    if (!take(quantity, t)) break;
  }
  return t;
}
