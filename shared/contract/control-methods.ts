/**
 * Control jobs (issue 5 item 6): relay trip and close, keep-power, valve open and close, price and alarm
 * settings, for one meter or a batch chosen by area, building or a selection. A person previews the meters
 * affected, creates the job (a draft with its targets frozen), has a supervisor approve it through the one
 * approval mechanism (subject { kind: 'control_job', jobId }), and submits it with that approval; the job runs
 * at its effective time, records a result per meter and retries failures. Automatic jobs (hall-kept balances,
 * item 7) are raised by the backend itself and need no approval. Spread into the contract table in methods.ts.
 */
import { z } from 'zod';
import * as f from './fields';
import { CONTROL_ACTIONS, CONTROL_JOB_STATES, type Role } from '../vocabulary';

const STAFF: readonly Role[] = ['clerk', 'supervisor', 'admin'];
const COUNTER: readonly Role[] = ['clerk', 'supervisor'];

const place = z.string().trim().min(1).max(40);

/** Which meters: an explicit selection, every active meter of an area, or of one building in an area. */
export const controlSelection = z.discriminatedUnion('by', [
  z.object({ by: z.literal('meters'), meterIds: z.array(f.id).min(1).max(5_000) }).strict(),
  z.object({ by: z.literal('area'), area: place }).strict(),
  z.object({ by: z.literal('building'), area: place, building: place }).strict(),
]);

/** Unit prices pushed to 本地费控 meters, in 1/10000 yuan per unit (the price unit of shared/money). */
const touPrices = z.object({ spike: f.price, peak: f.price, flat: f.price, valley: f.price }).strict();

/** The command, with its parameters where it has any. Alarm amounts are fen; alarm 1 is the higher, earlier one. */
export const controlCommand = z.discriminatedUnion('action', [
  z.object({ action: z.literal('relay_trip') }).strict(),
  z.object({ action: z.literal('relay_close') }).strict(),
  z.object({ action: z.literal('keep_power') }).strict(),
  z.object({ action: z.literal('keep_power_release') }).strict(),
  z.object({ action: z.literal('valve_open') }).strict(),
  z.object({ action: z.literal('valve_close') }).strict(),
  z.object({ action: z.literal('set_prices'), prices: touPrices }).strict(),
  z.object({ action: z.literal('set_alarms'), alarm1: f.nonNegativeFen, alarm2: f.nonNegativeFen }).strict()
    .refine((c) => c.alarm1 >= c.alarm2, { message: 'alarm 1 is the higher amount', path: ['alarm2'] }),
]);

export type ControlSelection = z.output<typeof controlSelection>;
export type ControlCommand = z.output<typeof controlCommand>;

export const controlContract = {
  /** The meters a selection and command would reach, each marked supported or why not. Writes nothing. */
  'controlJobs.preview': { access: STAFF, input: z.object({ selection: controlSelection, command: controlCommand }).strict() },
  /**
   * A draft job over the supported meters of the preview. effectiveAt null = as soon as submitted; otherwise an
   * ISO instant, not in the past, at most 31 days ahead.
   */
  'controlJobs.create': {
    access: COUNTER,
    input: z.object({
      selection: controlSelection, command: controlCommand,
      effectiveAt: z.string().datetime({ offset: true }).nullable(), reason: f.text(200),
    }).strict(),
  },
  /** Submits a draft with the approval its requester obtained for it; it then waits for its effective time. */
  'controlJobs.submit': { access: COUNTER, input: z.object({ jobId: f.id, approvalId: f.id }).strict() },
  /** Cancels a draft or a scheduled job, or the targets of a running job not yet done. */
  'controlJobs.cancel': { access: COUNTER, input: z.object({ jobId: f.id, reason: f.text(200) }).strict() },
  /** Puts a job's failed targets (or the named ones) back in the retry queue now. */
  'controlJobs.retry': { access: COUNTER, input: z.object({ jobId: f.id, meterIds: z.array(f.id).min(1).max(5_000).optional() }).strict() },
  'controlJobs.list': {
    access: STAFF,
    input: z.object({ state: z.enum(CONTROL_JOB_STATES).optional(), automatic: z.boolean().optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
  },
  'controlJobs.get': { access: STAFF, input: z.object({ jobId: f.id }).strict() },
  /** Targets waiting for a retry or given up after the last attempt, across jobs, oldest first. */
  'controlJobs.retryQueue': { access: STAFF, input: f.empty },
} as const;

export { CONTROL_ACTIONS };
