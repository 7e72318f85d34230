import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../meter-port';
import type { Exchange, MeterReading } from '../meter-port';
import { sweep } from './sweep';
import type { SweepProgress } from './sweep';

const READING: MeterReading = { total: 100, remaining: 5_000, overdraft: null, purchaseCount: 3, relay: 'closed', valve: null, flags: [], extra: {} };
const NOW = new Date('2026-11-27T00:00:00.000Z');
const exchange: Exchange = async () => new Uint8Array();

/** A fake bus per id that records the order and overlap of reads. */
function recorder(delayMs: number, failures: Map<number, number>) {
  const log: { bus: string; meter: number; start: number; end: number }[] = [];
  const busy = new Set<string>();
  let overlapped = false;
  const read = (bus: string) => async (_e: Exchange, meter: number): Promise<MeterReading> => {
    if (busy.has(bus)) overlapped = true;
    busy.add(bus);
    const start = performance.now();
    await new Promise((r) => setTimeout(r, delayMs));
    busy.delete(bus);
    log.push({ bus, meter, start, end: performance.now() });
    const left = failures.get(meter) ?? 0;
    if (left > 0) {
      failures.set(meter, left - 1);
      throw new ProtocolError('timeout', `meter ${meter} did not answer`);
    }
    return READING;
  };
  return { log, read, overlapped: () => overlapped };
}

describe('a reading sweep', () => {
  it('reads the meters of one bus one after another and the buses side by side', async () => {
    const r = recorder(20, new Map());
    const targets = [1, 2, 3, 4].flatMap((m) => [{ busId: 'A', meter: m }, { busId: 'B', meter: 10 + m }]);
    const byBus = { A: r.read('A'), B: r.read('B') };
    const result = await sweep(targets, {
      exchangeOf: () => exchange, now: () => NOW,
      read: (e, meter) => (meter >= 10 ? byBus.B : byBus.A)(e, meter),
    });
    expect(r.overlapped()).toBe(false);
    expect(result.results.every((x) => x.ok)).toBe(true);
    // Two buses of four 20 ms reads each: about 80 ms, not 160.
    expect(result.ms).toBeLessThan(150);
    expect(r.log.filter((l) => l.bus === 'A').map((l) => l.meter)).toEqual([1, 2, 3, 4]);
  });

  it('re-reads a failed meter after the others, and reports the one that keeps failing with its error', async () => {
    const r = recorder(1, new Map([[2, 1], [3, 5]]));
    const progress: SweepProgress[] = [];
    const result = await sweep([1, 2, 3].map((meter) => ({ busId: 'A', meter })), {
      exchangeOf: () => exchange, now: () => NOW, read: r.read('A'), rereads: 2, onProgress: (p) => progress.push(p),
    });
    expect(r.log.map((l) => l.meter)).toEqual([1, 2, 3, 2, 3, 3]);
    expect(result.results.map((x) => [x.meter, x.ok, x.attempts])).toEqual([[1, true, 1], [2, true, 2], [3, false, 3]]);
    expect(result.results[2]).toMatchObject({ ok: false, error: { code: 'timeout', message: 'meter 3 did not answer' } });
    expect(progress.at(-1)).toEqual({ done: 3, total: 3, failed: 1 });
    expect(progress.map((p) => p.failed)).toEqual([0, 1, 2, 1]);
  });
});
