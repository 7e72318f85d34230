/**
 * Applies one operation of the ledger property through `dispatch`, predicting from the model whether it
 * must succeed or be refused (and with which code), checking that a refusal wrote nothing, and moving the
 * model by what a success must have done. Any disagreement throws: the property fails on that operation.
 * Sales are in ledger-property-apply-sale.ts, the money-handling operations in ledger-property-apply-money.ts.
 */
import { businessYear } from '../domain/time/business-time';
import { DENOMINATIONS } from '../domain/shifts/shift';
import { chargeFor, units } from '../../shared/money';
import type { ContractOutput } from '../../shared/contract/methods';
import { ACCOUNT_OF, ACTORS, ELECTRICITY_TIERS, METERS_OF, WATER_TIERS, openAccountSlot } from './ledger-property-hall';
import type { Hall, Slot } from './ledger-property-hall';
import { bump, expectedDrawer } from './ledger-property-model';
import type { Model } from './ledger-property-model';
import type { Op } from './ledger-property-ops';
import { deposit, drop, registerVoucher, reverse, setSettlement } from './ledger-property-apply-money';
import { sell } from './ledger-property-apply-sale';
import { approved, expectOutcome, fail, fingerprint, issueReceipt, takeCash } from './ledger-property-support';

const HOUR = 3_600_000;
/** Sessions end after 12 idle hours: time moves in steps below that, with every user active between them. */
const STEP = 11 * HOUR;
/** Every operation takes a second at the counter, so no two operations share a timestamp. */
const OP_MS = 1_000;

async function openShift(hall: Hall, model: Model, op: Extract<Op, { kind: 'openShift' }>): Promise<void> {
  const before = fingerprint(hall);
  const result = await hall.call('shifts.open', { float: op.float }, op.who);
  const shift = expectOutcome<ContractOutput<'shifts.open'>>(op, model, result, model.openShift[op.who] === null ? null : 'shift-already-open', before, hall);
  if (!shift) return;
  if (shift.float !== op.float || shift.status !== 'open') fail(op, 'the opened shift does not carry its float');
  model.shifts.set(shift.id, { who: op.who, float: op.float, taken: 0, drops: 0, deposits: 0, refunds: 0, closed: null });
  model.openShift[op.who] = shift.id;
}

/** A drawer count by denomination (largest notes first) that totals exactly `total`. */
export function countDrawer(total: number): Record<string, number> {
  const counted: Record<string, number> = {};
  let left = total;
  for (const value of DENOMINATIONS) {
    const pieces = Math.floor(left / value);
    if (pieces > 0) counted[String(value)] = pieces;
    left -= pieces * value;
  }
  return counted;
}

async function closeShift(hall: Hall, model: Model, op: Extract<Op, { kind: 'closeShift' }>): Promise<void> {
  const shiftId = model.openShift[op.who];
  const shift = shiftId === null ? undefined : model.shifts.get(shiftId);
  const expected = shift ? expectedDrawer(shift) : 0;
  const counted = Math.max(0, expected + op.delta);
  const before = fingerprint(hall);
  const result = await hall.call('shifts.close', { counted: countDrawer(counted), note: null }, op.who);
  const report = expectOutcome<ContractOutput<'shifts.close'>>(op, model, result, shift ? null : 'no-open-shift', before, hall);
  if (!report || !shift) return;
  const { shift: closed } = report;
  if (closed.id !== shiftId || closed.expected !== expected || closed.counted !== counted || closed.shortOver !== counted - expected || report.expectedCash !== expected) {
    fail(op, `shift close says expected ${closed.expected} counted ${closed.counted} short/over ${closed.shortOver}; model ${expected}/${counted}`);
  }
  shift.closed = { counted, expected };
  model.openShift[op.who] = null;
}

async function keepSessionsAlive(hall: Hall): Promise<void> {
  for (const who of ACTORS) await hall.ok('auth.me', {}, who);
}

async function advance(hall: Hall, op: Extract<Op, { kind: 'advance' }>): Promise<void> {
  for (let left = op.hours * HOUR; left > 0; left -= STEP) {
    hall.clock.t += Math.min(left, STEP);
    await keepSessionsAlive(hall);
  }
}

async function yearEnd(hall: Hall, op: Extract<Op, { kind: 'yearEnd' }>): Promise<void> {
  const next = businessYear(hall.clock.now()) + 1;
  hall.clock.t = Date.UTC(next, 0, 1) - 8 * HOUR + op.minutes * 60_000;
  await hall.relogin();
}

function remainingOf(hall: Hall, meterId: number): number {
  return Number((hall.raw.prepare('select remaining from meters where id = ?').get(meterId) as { remaining: number }).remaining);
}

async function changeMeter(hall: Hall, model: Model, op: Extract<Op, { kind: 'changeMeter' }>): Promise<void> {
  const oldId = hall.meters[op.slot];
  const newMeter = hall.newMeter(op.slot);
  const input = { accountId: hall.accounts[ACCOUNT_OF[op.slot]], oldMeterId: oldId, finalRemaining: Math.floor(remainingOf(hall, oldId) * op.keep), newMeter, reason: '换表' };
  const account = await hall.ok('accounts.changeMeter', input, 'supervisor');
  const installed = account.meters.find((m) => m.meterNo === newMeter.meterNo);
  if (!installed) fail(op, 'the new meter is not on the account');
  model.credit.set(installed.id, model.credit.get(oldId) ?? 0);
  model.credit.set(oldId, 0);
  hall.meters[op.slot] = installed.id;
}

/** The most the hall refunds for what is left on a meter (close-account-service's rule, restated). */
function maxResidual(hall: Hall, slot: Slot): number {
  const remaining = remainingOf(hall, hall.meters[slot]);
  if (slot === 'money') return remaining;
  if (slot === 'hall') return 0;
  const tiers = slot === 'water' ? WATER_TIERS : ELECTRICITY_TIERS;
  return chargeFor(units(remaining), Math.max(...tiers.map((t) => t.price)) as Parameters<typeof chargeFor>[1]);
}

/** 销户 by a clerk: a refund leaves the clerk's drawer against the supervisor's approval of exactly that amount. */
async function closeAccount(hall: Hall, model: Model, op: Extract<Op, { kind: 'closeAccount' }>): Promise<void> {
  const slots = METERS_OF[op.account];
  const accountId = hall.accounts[op.account];
  const residuals = op.residual === 'none' ? [] : slots.map((slot, i) => ({
    meterId: hall.meters[slot], refund: op.residual === 'over' && i === 0 ? maxResidual(hall, slot) + 1 : Math.floor(maxResidual(hall, slot) * op.fraction),
  }));
  const total = slots.reduce((sum, slot) => sum + (model.credit.get(hall.meters[slot]) ?? 0), 0) + residuals.reduce((sum, r) => sum + r.refund, 0);
  const refusal = op.residual === 'over' ? 'residual-too-large' : total > 0 && model.openShift[op.who] === null ? 'no-open-shift' : null;
  const approvalId = total > 0 && refusal === null ? await approved(hall, op.who, { kind: 'refund', accountId, amount: total }, '销户退款') : undefined;
  const before = fingerprint(hall);
  const result = await hall.call('accounts.close', { accountId, residuals, reason: '销户', ...(approvalId === undefined ? {} : { approvalId }) }, op.who);
  const closed = expectOutcome<ContractOutput<'accounts.close'>>(op, model, result, refusal, before, hall);
  if (!closed) return;
  if (closed.refunded !== total) fail(op, `refunded ${closed.refunded}, model ${total}`);
  if (total > 0) takeCash(model, op.who, -total);
  for (const slot of slots) model.credit.set(hall.meters[slot], 0);
  issueReceipt(hall, model);
  await openAccountSlot(hall, op.account);
}

async function dispatchOp(hall: Hall, model: Model, op: Op): Promise<void> {
  switch (op.kind) {
    case 'sell': return sell(hall, model, op);
    case 'openShift': return openShift(hall, model, op);
    case 'closeShift': return closeShift(hall, model, op);
    case 'advance': return advance(hall, op);
    case 'yearEnd': return yearEnd(hall, op);
    case 'changeMeter': return changeMeter(hall, model, op);
    case 'closeAccount': return closeAccount(hall, model, op);
    case 'registerVoucher': return registerVoucher(hall, model, op);
    case 'setSettlement': return setSettlement(hall, model, op);
    case 'drop': return drop(hall, model, op);
    case 'deposit': return deposit(hall, model, op);
    case 'reverse': return reverse(hall, model, op);
  }
}

export async function applyOp(hall: Hall, model: Model, op: Op): Promise<void> {
  bump(model.applied, op.kind);
  hall.clock.t += OP_MS;
  await dispatchOp(hall, model, op);
}
