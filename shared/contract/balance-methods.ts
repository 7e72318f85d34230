/**
 * Hall-kept balances (远程费控, issue 5 item 7) and high-voltage settlement readings (item 8). The hall keeps the
 * balance of a 'hall' credit-kind meter and charges each reading interval's consumption against it at the
 * account's tariff; alarm levels raise alerts; at zero (or the overdraft limit) an automatic trip job is raised,
 * never inside the keep-power window; a recharge above zero raises an automatic close. For a high-voltage
 * account whose remote meter is not the settlement meter, billing uses readings entered from the supply
 * agreement, each with a supervisor's approval (subject { kind: 'manual_reading', … }).
 */
import { z } from 'zod';
import * as f from './fields';
import type { Role } from '../vocabulary';

const STAFF: readonly Role[] = ['clerk', 'supervisor', 'admin'];
const COUNTER: readonly Role[] = ['clerk', 'supervisor'];
const SUPERVISOR: readonly Role[] = ['supervisor'];
const SUPERVISOR_ADMIN: readonly Role[] = ['supervisor', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** Period energies (0.01 units) as the supply agreement's reading states them. */
export const periodTotals = z.object({
  spike: z.number().int().nonnegative(), peak: z.number().int().nonnegative(),
  flat: z.number().int().nonnegative(), valley: z.number().int().nonnegative(),
}).strict();

export const balanceContract = {
  'balances.settings': { access: STAFF, input: f.empty },
  /**
   * Alarm 1 ≥ alarm 2 ≥ 0 (fen): alerts as the balance falls. overdraftLimit (fen ≥ 0): how far below zero the
   * balance may go before the trip. The keep-power window: nights from nightStart to nightEnd (Beijing time,
   * may wrap midnight) and, when nonWorkingDays, every non-working day of the holiday calendar.
   */
  'balances.setSettings': {
    access: ADMIN,
    input: z.object({
      alarm1: f.nonNegativeFen, alarm2: f.nonNegativeFen, overdraftLimit: f.nonNegativeFen, autoTrip: z.boolean(),
      keepPower: z.object({ nightStart: clockTime, nightEnd: clockTime, nonWorkingDays: z.boolean() }).strict(),
    }).strict().refine((s) => s.alarm1 >= s.alarm2, { message: 'alarm 1 is the higher amount', path: ['alarm2'] }),
  },
  /** A hall-kept meter's balance, level, recent charges, open alerts and any automatic job waiting. */
  'balances.ofMeter': { access: STAFF, input: z.object({ meterId: f.id, limit: z.number().int().min(1).max(500).optional() }).strict() },
  /** Balance alerts, newest first; open = only those whose meter is still at or below the level. */
  'balances.alerts': { access: STAFF, input: z.object({ open: z.boolean().optional(), limit: z.number().int().min(1).max(500).optional() }).strict() },
  /** Charges every hall-kept meter's readings not yet charged (also runs after every reading sweep). */
  'balances.chargeNow': { access: SUPERVISOR_ADMIN, input: f.empty },
  /** High-voltage: whether the account's remote meter is the trade-settlement meter (default yes). */
  'accounts.setMeteringBasis': {
    access: SUPERVISOR,
    input: z.object({ accountId: f.id, remoteIsSettlement: z.boolean(), reason: f.text(200) }).strict(),
  },
  /** A settlement reading from the supply agreement, used with the approval obtained for exactly these values. */
  'readings.enterManual': {
    access: COUNTER,
    input: z.object({
      meterId: f.id, readAt: z.string().datetime({ offset: true }), total: z.number().int().nonnegative(),
      periods: periodTotals.nullable(), agreementRef: f.text(60), approvalId: f.id,
    }).strict(),
  },
} as const;
