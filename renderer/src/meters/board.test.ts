import { describe, expect, it } from 'vitest';
import { busState, meterFlags, needsAttention, sweepPercent } from './board';

const row = (o: Partial<{ missed: boolean; stale: boolean; lastGoodAt: string | null }> = {}) => ({ missed: false, stale: false, lastGoodAt: '2026-10-09T02:00:00.000Z', ...o });

describe('the reading board', () => {
  it('flags a meter row missed, stale, both, fine or never read', () => {
    expect(meterFlags(row())).toEqual(['ok']);
    expect(meterFlags(row({ missed: true }))).toEqual(['missed']);
    expect(meterFlags(row({ stale: true }))).toEqual(['stale']);
    expect(meterFlags(row({ missed: true, stale: true }))).toEqual(['missed', 'stale']);
    expect(meterFlags(row({ lastGoodAt: null }))).toEqual(['never']);
    expect(needsAttention(row())).toBe(false);
    expect(needsAttention(row({ stale: true }))).toBe(true);
    expect(needsAttention(row({ lastGoodAt: null }))).toBe(true);
  });

  it('sums a bus up: unreachable before inactive before some missing', () => {
    const bus = { unreachable: false, active: true, missed: 0, stale: 0 };
    expect(busState(bus)).toBe('ok');
    expect(busState({ ...bus, stale: 2 })).toBe('missing');
    expect(busState({ ...bus, missed: 1 })).toBe('missing');
    expect(busState({ ...bus, active: false, missed: 1 })).toBe('inactive');
    expect(busState({ ...bus, unreachable: true, active: false })).toBe('unreachable');
  });

  it('gives the running sweep in whole percent', () => {
    expect(sweepPercent({ done: 0, total: 0 })).toBe(0);
    expect(sweepPercent({ done: 1, total: 3 })).toBe(33);
    expect(sweepPercent({ done: 3, total: 3 })).toBe(100);
    expect(sweepPercent({ done: 5, total: 3 })).toBe(100);
  });
});
