/** What the meter-communication and collection methods answer (shared/contract/meter-methods.ts). */
import type { BusKind, MeterProtocolCode, SweepKind } from './meter-methods';

export interface LineView {
  readonly baudRate: number;
  readonly dataBits: 7 | 8;
  readonly parity: 'none' | 'even' | 'odd';
  readonly stopBits: 1 | 2;
}

export interface BusView {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly kind: BusKind;
  /** A serial device path, or host:port of a gateway. */
  readonly endpoint: string;
  readonly line: LineView;
  readonly replyTimeoutMs: number | null;
  readonly retries: number;
  readonly active: boolean;
  /** Meters (not removed) configured on this bus. */
  readonly meters: number;
}

/** The "test communication" button's answer: one meter read through the bus, or why it failed. */
export interface BusTestView {
  readonly busId: number;
  readonly meterId: number;
  readonly ok: boolean;
  /** The protocol error code (timeout, crc, checksum, exception, port-closed…) or null. */
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly ms: number;
  readonly reading: ReadingValuesView | null;
}

export interface MeterCommView {
  readonly meterId: number;
  readonly meterNo: string;
  readonly model: string;
  readonly address: string;
  readonly busId: number | null;
  readonly protocol: MeterProtocolCode | null;
  readonly firmware: string | null;
}

export interface ReadingValuesView {
  /** Total energy (0.01 kWh) or volume (0.01 m³). */
  readonly total: number | null;
  readonly remaining: number | null;
  readonly overdraft: number | null;
  readonly purchaseCount: number | null;
  readonly relay: 'closed' | 'open' | null;
  readonly valve: 'open' | 'closed' | 'unknown' | null;
  readonly flags: readonly string[];
}

export interface ReadingView extends ReadingValuesView {
  readonly id: number;
  readonly meterId: number;
  readonly sweepId: number | null;
  readonly readAt: string;
  readonly quality: 'good' | 'failed';
  readonly attempts: number;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

export interface SweepView {
  readonly id: number;
  readonly kind: SweepKind;
  readonly scheduledFor: string | null;
  readonly busId: number | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly total: number;
  readonly ok: number;
  readonly failed: number;
}

export interface SweepProgressView {
  readonly sweepId: number;
  readonly kind: SweepKind;
  readonly startedAt: string;
  readonly done: number;
  readonly total: number;
  readonly failed: number;
}

export interface BoardMeterView {
  readonly meterId: number;
  readonly meterNo: string;
  readonly accountId: number;
  readonly address: string;
  readonly protocol: MeterProtocolCode;
  readonly lastGoodAt: string | null;
  readonly lastAttemptAt: string | null;
  /** Its result in the latest sweep that included it failed. */
  readonly missed: boolean;
  /** No good reading for more than twice the collection interval. */
  readonly stale: boolean;
  readonly lastError: { readonly code: string; readonly message: string; readonly at: string } | null;
}

export interface BoardBusView {
  readonly busId: number;
  readonly code: string;
  readonly name: string;
  readonly kind: BusKind;
  readonly endpoint: string;
  readonly active: boolean;
  readonly meters: readonly BoardMeterView[];
  readonly missed: number;
  readonly stale: number;
  /** Every meter of the bus missed its latest sweep: the line or the gateway is down, not one meter. */
  readonly unreachable: boolean;
}

export interface ReadingBoardView {
  readonly at: string;
  readonly intervalMinutes: number;
  readonly latestSweep: SweepView | null;
  readonly latestScheduledSweep: SweepView | null;
  readonly running: SweepProgressView | null;
  readonly buses: readonly BoardBusView[];
}

export interface MonthlyConsumptionView {
  /** YYYY-MM, Beijing time. */
  readonly month: string;
  /** The month's last good total. */
  readonly lastTotal: number;
  readonly lastReadAt: string;
  /** lastTotal minus the previous month's last total; null when the previous month has no good reading. */
  readonly consumption: number | null;
}

export interface MeterReadingsView {
  readonly meterId: number;
  readonly readings: readonly ReadingView[];
  readonly monthly: readonly MonthlyConsumptionView[];
}

export interface CollectionSettingsView {
  readonly intervalMinutes: number;
  readonly rereads: number;
  readonly rereadAfterMinutes: number;
}
