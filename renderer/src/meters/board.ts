/** Pure helpers of the read-completeness board (readings.board): a meter row's flags, a bus's state, the sweep's progress. */
import type { BoardBusView, BoardMeterView, SweepProgressView } from '../../../shared/contract/meter-views';

export type MeterFlag = 'missed' | 'stale' | 'ok' | 'never';

/** The flags a meter row shows: missed and stale both when both hold; ok with a good reading and neither; never read otherwise. */
export function meterFlags(meter: Pick<BoardMeterView, 'missed' | 'stale' | 'lastGoodAt'>): MeterFlag[] {
  const flags: MeterFlag[] = [];
  if (meter.missed) flags.push('missed');
  if (meter.stale) flags.push('stale');
  if (flags.length > 0) return flags;
  return [meter.lastGoodAt ? 'ok' : 'never'];
}

/** A row needs attention (highlighted) when it missed, is stale or was never read. */
export function needsAttention(meter: Pick<BoardMeterView, 'missed' | 'stale' | 'lastGoodAt'>): boolean {
  return !meterFlags(meter).includes('ok');
}

export type BusState = 'unreachable' | 'inactive' | 'missing' | 'ok';

/** One word for a bus: every meter missed (the line or gateway is down), switched off, some missed or stale, all fine. */
export function busState(bus: Pick<BoardBusView, 'unreachable' | 'active' | 'missed' | 'stale'>): BusState {
  if (bus.unreachable) return 'unreachable';
  if (!bus.active) return 'inactive';
  return bus.missed > 0 || bus.stale > 0 ? 'missing' : 'ok';
}

/** The running sweep's progress in whole percent (0 for an empty sweep). */
export function sweepPercent(running: Pick<SweepProgressView, 'done' | 'total'>): number {
  if (running.total <= 0) return 0;
  return Math.min(100, Math.floor((running.done * 100) / running.total));
}
