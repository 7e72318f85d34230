/**
 * Applies one operation of the ledger property through `dispatch`, predicting from the model whether it
 * must succeed or be refused (and with which code), checking that a refusal wrote nothing, and moving the
 * model by what a success must have done. Any disagreement throws: the property fails on that operation.
 */
import { businessYear } from '../domain/time/business-time';
import { DENOMINATIONS } from '../domain/shifts/shift';
import { chargeFor, units } from '../../shared/money';
import type { Result } from '../../shared/result';
import type { ContractOutput } from '../../shared/contract/methods';
import { ACCOUNT_OF, ACTORS, ELECTRICITY_TIERS, METERS_OF, WATER_TIERS, openAccountSlot } from './ledger-property-hall';
import type { Actor, Hall, Slot } from './ledger-property-hall';
import { bump, expectedDrawer } from './ledger-property-ops';
import type { Model, Op } from './ledger-property-ops';

const HOUR = 3_600_000;
/** Sessions end after 12 idle hours: time moves in steps below that, with every user active between them. */
const STEP = 11 * HOUR;
let saleKeys = 0;

function fail(op: Op, what: string): never {
  throw new Error(`${what} — after ${JSON.stringify(op)}`);
}

/** Everything a refused call must leave untouched. */
function fingerprint(hall: Hall): string {
  // Highest ids rather than counts: as telling for append-only tables, and no table scan on every call.
  return JSON.stringify(hall.raw.prepare(`select (select max(id) from sales) as sales, (select max(id) from ledger_entries) as ledger,
    (select coalesce(sum(last_no), 0) from receipt_sequences) as serials, (select max(id) from account_events) as events,
    (select max(id) from audit_log) as audit, (select max(id) from meters) as meters, (select max(id) from shifts) as shifts,
    (select count(*) from shifts where status = 'open') as open, (select coalesce(sum(credit_fen), 0) from meters) as credit,
    (select coalesce(sum(remaining), 0) from meters) as remaining, (select count(*) from accounts where status = 'open') as accounts`).get());
}

function expectOutcome<T>(op: Op, model: Model, result: Result<unknown>, refusal: string | null, before: string, hall: Hall): T | null {
  if (refusal === null) {
    if (!result.ok) fail(op, `expected success, got ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  }
  if (result.ok) fail(op, `expected the refusal ${refusal}, but it succeeded`);
  if (result.error.code !== refusal) fail(op, `expected the refusal ${refusal}, got ${result.error.code}`);
  if (fingerprint(hall) !== before) fail(op, `the refusal ${refusal} wrote to the database`);
  bump(model.refused, refusal);
  return null;
}

function issueReceipt(hall: Hall, model: Model): void {
  bump(model.receipts, businessYear(hall.clock.now()));
}

function takeCash(model: Model, who: Actor, amount: number): void {
  const shiftId = model.openShift[who];
  const shift = shiftId === null ? undefined : model.shifts.get(shiftId);
  if (!shift) throw new Error(`model: ${who} moved cash without an open shift`);
  shift.cash += amount;
  model.moneyIn += amount;
}

function tendered(op: Extract<Op, { kind: 'sell' }>, payable: number): number {
  if (op.tender === 'over') return payable + op.extra;
  if (op.tender === 'short' && payable > 0) return payable - 1 - (op.extra % payable);
  return payable;
}

async function sell(hall: Hall, model: Model, op: Extract<Op, { kind: 'sell' }>): Promise<void> {
  const meterId = hall.meters[op.slot];
  const step = op.slot === 'money' ? 1 : 100;
  const request = op.mode === 'money' ? { mode: 'money' as const, amount: op.amount }
    : { mode: 'units' as const, units: op.aligned ? Math.max(1, Math.round(op.amount / step)) * step : op.amount };
  const before = fingerprint(hall);
  const quote = await hall.call('sales.quote', { meterId, request }, op.who);
  if (fingerprint(hall) !== before) fail(op, 'a quote wrote to the database');
  const payable = quote.ok ? (quote.value as ContractOutput<'sales.quote'>).payable : 0;
  const tender = tendered(op, payable);
  const noShift = model.openShift[op.who] === null;
  const refusal = noShift ? 'no-open-shift' : !quote.ok ? quote.error.code : tender < payable ? 'tendered-too-little' : null;
  saleKeys += 1;
  const key = `prop-${String(saleKeys).padStart(10, '0')}`;
  const result = await hall.call('sales.sell', { meterId, request, tendered: tender, idempotencyKey: key }, op.who);
  const sale = expectOutcome<ContractOutput<'sales.sell'>>(op, model, result, refusal, before, hall);
  if (!sale || !quote.ok) return;
  const q = quote.value as ContractOutput<'sales.quote'>;
  if (sale.payable !== q.payable || sale.creditAfter !== q.creditAfter || sale.charge !== q.charge) fail(op, 'the sale differs from its quote');
  if (op.mode === 'money' && sale.payable !== op.amount) fail(op, `a money sale of ${op.amount} took ${sale.payable}`);
  if (sale.change !== tender - sale.payable) fail(op, `change ${sale.change} for ${tender} tendered against ${sale.payable}`);
  if (sale.creditBefore !== (model.credit.get(meterId) ?? 0)) fail(op, `held credit before ${sale.creditBefore}, model ${model.credit.get(meterId) ?? 0}`);
  if (sale.shiftId !== model.openShift[op.who]) fail(op, `sale booked to shift ${sale.shiftId}, expected ${model.openShift[op.who]}`);
  takeCash(model, op.who, sale.payable);
  model.credit.set(meterId, sale.creditAfter);
  issueReceipt(hall, model);
}

async function openShift(hall: Hall, model: Model, op: Extract<Op, { kind: 'openShift' }>): Promise<void> {
  const before = fingerprint(hall);
  const result = await hall.call('shifts.open', { float: op.float }, op.who);
  const shift = expectOutcome<ContractOutput<'shifts.open'>>(op, model, result, model.openShift[op.who] === null ? null : 'shift-already-open', before, hall);
  if (!shift) return;
  if (shift.float !== op.float || shift.status !== 'open') fail(op, 'the opened shift does not carry its float');
  model.shifts.set(shift.id, { who: op.who, float: op.float, cash: 0, closed: null });
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

async function closeAccount(hall: Hall, model: Model, op: Extract<Op, { kind: 'closeAccount' }>): Promise<void> {
  const slots = METERS_OF[op.account];
  const residuals = op.residual === 'none' ? [] : slots.map((slot, i) => ({
    meterId: hall.meters[slot], refund: op.residual === 'over' && i === 0 ? maxResidual(hall, slot) + 1 : Math.floor(maxResidual(hall, slot) * op.fraction),
  }));
  const total = slots.reduce((sum, slot) => sum + (model.credit.get(hall.meters[slot]) ?? 0), 0) + residuals.reduce((sum, r) => sum + r.refund, 0);
  const refusal = op.residual === 'over' ? 'residual-too-large' : total > 0 && model.openShift.supervisor === null ? 'no-open-shift' : null;
  const before = fingerprint(hall);
  const result = await hall.call('accounts.close', { accountId: hall.accounts[op.account], residuals, reason: '销户' }, 'supervisor');
  const closed = expectOutcome<ContractOutput<'accounts.close'>>(op, model, result, refusal, before, hall);
  if (!closed) return;
  if (closed.refunded !== total) fail(op, `refunded ${closed.refunded}, model ${total}`);
  if (total > 0) takeCash(model, 'supervisor', -total);
  for (const slot of slots) model.credit.set(hall.meters[slot], 0);
  issueReceipt(hall, model);
  await openAccountSlot(hall, op.account);
}

export async function applyOp(hall: Hall, model: Model, op: Op): Promise<void> {
  bump(model.applied, op.kind);
  switch (op.kind) {
    case 'sell': return sell(hall, model, op);
    case 'openShift': return openShift(hall, model, op);
    case 'closeShift': return closeShift(hall, model, op);
    case 'advance': return advance(hall, op);
    case 'yearEnd': return yearEnd(hall, op);
    case 'changeMeter': return changeMeter(hall, model, op);
    case 'closeAccount': return closeAccount(hall, model, op);
  }
}
