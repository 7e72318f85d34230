/**
 * A reading sweep: every meter of every bus read once. Buses are independent physical lines, so they run
 * in parallel; the meters of one bus are read one after another (hardware.md §6: one outstanding request per
 * physical bus — the Bus queue enforces it anyway, the sweep just does not pile requests onto it). A meter
 * that fails is retried at the end of its bus's pass (a re-read after the others, when a transient fault
 * may have cleared), then reported with its error; the sweep itself never throws for a meter.
 */
import { ProtocolError } from '../meter-port';
import type { Exchange, MeterReading } from '../meter-port';

export interface SweepTarget<T> {
  readonly busId: string;
  readonly meter: T;
}

export type MeterResult<T> =
  | { readonly meter: T; readonly ok: true; readonly reading: MeterReading; readonly attempts: number; readonly at: Date }
  | { readonly meter: T; readonly ok: false; readonly error: { code: string; message: string }; readonly attempts: number; readonly at: Date };

export interface SweepProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
}

export interface SweepOptions<T> {
  readonly exchangeOf: (busId: string) => Exchange;
  readonly read: (exchange: Exchange, meter: T) => Promise<MeterReading>;
  readonly now: () => Date;
  /** Re-reads of a failed meter after its bus's first pass (0 = none). */
  readonly rereads?: number;
  readonly onProgress?: (progress: SweepProgress) => void;
}

export interface SweepResult<T> {
  readonly results: readonly MeterResult<T>[];
  readonly ms: number;
}

function errorOf(error: unknown): { code: string; message: string } {
  if (error instanceof ProtocolError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export async function sweep<T>(targets: readonly SweepTarget<T>[], options: SweepOptions<T>): Promise<SweepResult<T>> {
  const started = performance.now();
  const byBus = new Map<string, T[]>();
  for (const target of targets) byBus.set(target.busId, [...(byBus.get(target.busId) ?? []), target.meter]);
  const progress = { done: 0, total: targets.length, failed: 0 };
  // Called for each first read as it finishes (done +1), and when a re-read rescues a meter (failed −1).
  const report = (result: MeterResult<T>, reread: boolean) => {
    if (!reread) progress.done += 1;
    progress.failed += result.ok ? (reread ? -1 : 0) : (reread ? 0 : 1);
    options.onProgress?.({ ...progress });
  };
  const perBus = await Promise.all([...byBus].map(([busId, meters]) => sweepBus(options.exchangeOf(busId), meters, options, report)));
  return { results: perBus.flat(), ms: performance.now() - started };
}

async function readOnce<T>(exchange: Exchange, meter: T, options: SweepOptions<T>, attempts: number): Promise<MeterResult<T>> {
  try {
    return { meter, ok: true, reading: await options.read(exchange, meter), attempts, at: options.now() };
  } catch (error) {
    return { meter, ok: false, error: errorOf(error), attempts, at: options.now() };
  }
}

async function sweepBus<T>(exchange: Exchange, meters: readonly T[], options: SweepOptions<T>, report: (r: MeterResult<T>, reread: boolean) => void): Promise<MeterResult<T>[]> {
  const results: MeterResult<T>[] = [];
  for (const meter of meters) {
    const result = await readOnce(exchange, meter, options, 1);
    results.push(result);
    report(result, false);
  }
  for (let round = 1; round <= (options.rereads ?? 1); round += 1) {
    for (const [i, result] of results.entries()) {
      if (result.ok) continue;
      results[i] = await readOnce(exchange, result.meter, options, round + 1);
      if (results[i]!.ok) report(results[i]!, true);
    }
  }
  return results;
}
