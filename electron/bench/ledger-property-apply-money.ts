/**
 * The money-handling operations of the ledger property: registering vouchers, switching an account's
 * settlement, cash drops to the supervisor, bank deposits of holiday cash and drops, and supervisor-approved
 * reversals of a meter's latest standing sale. Each predicts its refusal from the model and moves the model.
 */
import type { ContractOutput } from '../../shared/contract/methods';
import { credentialsOf } from './ledger-property-hall';
import type { Hall } from './ledger-property-hall';
import { expectedDrawer } from './ledger-property-model';
import type { Model } from './ledger-property-model';
import type { Op } from './ledger-property-ops';
import { approved, expectOutcome, fail, fingerprint, issueReceipt, shiftOf, takeCash, today } from './ledger-property-support';

type OpOf<K extends Op['kind']> = Extract<Op, { kind: K }>;

const BANK = '工商银行';
let references = 0;
let slips = 0;
let reversalKeys = 0;

export async function registerVoucher(hall: Hall, model: Model, op: OpOf<'registerVoucher'>): Promise<void> {
  const last = op.duplicate ? [...model.vouchers.values()].at(-1) : undefined;
  const referenceNo = last ? last.referenceNo : `TR${String(++references).padStart(10, '0')}`;
  const accountId = op.bind === null ? null : hall.accounts[op.bind];
  const before = fingerprint(hall);
  const input = { bank: BANK, payerAccount: '6222020200112233', referenceNo, payer: '付款单位', amount: op.amount, valueDate: today(hall), accountId };
  const result = await hall.call('vouchers.register', input, op.who);
  const voucher = expectOutcome<ContractOutput<'vouchers.register'>>(op, model, result, last ? 'voucher-duplicate' : null, before, hall);
  if (!voucher) return;
  if (voucher.amount !== op.amount || voucher.used !== 0 || voucher.state !== 'registered' || voucher.accountId !== accountId) fail(op, `registered ${JSON.stringify(voucher)}`);
  model.vouchers.set(voucher.id, { id: voucher.id, amount: op.amount, accountId, referenceNo, used: 0 });
  model.bank += op.amount;
  model.moneyIn += op.amount;
}

export async function setSettlement(hall: Hall, model: Model, op: OpOf<'setSettlement'>): Promise<void> {
  const accountId = hall.accounts[op.account];
  const settlement = (model.settlement.get(accountId) ?? 'cash') === 'cash' ? 'bank_transfer' : 'cash';
  const account = await hall.ok('accounts.setSettlement', { accountId, settlement, reason: '结算方式变更' }, 'supervisor');
  if (account.settlement !== settlement) fail(op, `settlement is ${account.settlement}, wanted ${settlement}`);
  model.settlement.set(accountId, settlement);
}

/** The clerk's drawer view against the model (shown before the drop). */
async function checkDrawerView(hall: Hall, model: Model, op: OpOf<'drop'>): Promise<void> {
  const shift = shiftOf(model, op.who);
  if (!shift) return;
  const view = await hall.ok('cash.drawer', {}, op.who);
  const wanted = { taken: shift.taken, drops: shift.drops, deposits: shift.deposits, refunds: shift.refunds, expected: expectedDrawer(shift) };
  const got = { taken: view.cashTaken, drops: view.drops, deposits: view.deposits, refunds: view.refunds, expected: view.expected };
  if (JSON.stringify(wanted) !== JSON.stringify(got)) fail(op, `drawer ${JSON.stringify(got)}, model ${JSON.stringify(wanted)}`);
}

/** Holiday cash the shift took and has not banked (nor had reversed): it leaves the drawer by its deposit, never by a drop. */
function heldHolidayCash(model: Model, shiftId: number): number {
  let held = 0;
  for (const o of model.obligations.values()) if (o.shiftId === shiftId && !o.deposited && !o.reversed) held += o.amount;
  return held;
}

export async function drop(hall: Hall, model: Model, op: OpOf<'drop'>): Promise<void> {
  await checkDrawerView(hall, model, op);
  const shift = shiftOf(model, op.who);
  const available = shift ? expectedDrawer(shift) - heldHolidayCash(model, model.openShift[op.who]!) : 0;
  const amount = Math.max(1, op.over ? available + 1 : Math.floor(available * op.fraction));
  const refusal = !shift ? 'no-open-shift' : amount > available ? 'drop-exceeds-drawer' : null;
  const before = fingerprint(hall);
  const result = await hall.call('cash.drop', { amount, receiver: credentialsOf('supervisor') }, op.who);
  const dropped = expectOutcome<ContractOutput<'cash.drop'>>(op, model, result, refusal, before, hall);
  if (!dropped || !shift) return;
  if (dropped.amount !== amount || dropped.shiftId !== model.openShift[op.who] || dropped.receivedBy !== hall.users.supervisor || dropped.depositId !== null) {
    fail(op, `drop ${JSON.stringify(dropped)}`);
  }
  shift.drops += amount;
  model.safe += amount;
  model.drops.set(dropped.id, { id: dropped.id, amount, deposited: false });
}

interface Item { readonly kind: 'obligation' | 'drop'; readonly id: number; readonly amount: number }

/** What waits to be banked, a subset of it by the bits of `pick` (never empty), and an already banked item for `stale`. */
function depositItems(model: Model, op: OpOf<'deposit'>): { chosen: Item[]; stale: Item | null } {
  const open: Item[] = [
    ...[...model.obligations.values()].filter((o) => !o.deposited && !o.reversed).map((o) => ({ kind: 'obligation' as const, id: o.id, amount: o.amount })),
    ...[...model.drops.values()].filter((d) => !d.deposited).map((d) => ({ kind: 'drop' as const, id: d.id, amount: d.amount })),
  ];
  const chosen = open.filter((_, i) => ((op.pick >>> (i % 31)) & 1) === 1);
  if (chosen.length === 0 && open.length > 0) chosen.push(open[op.pick % open.length]!);
  const banked = op.stale ? [...model.drops.values()].find((d) => d.deposited) : undefined;
  return { chosen, stale: banked ? { kind: 'drop', id: banked.id, amount: banked.amount } : null };
}

function bankItems(model: Model, items: readonly Item[]): void {
  for (const item of items) {
    if (item.kind === 'drop') {
      model.drops.get(item.id)!.deposited = true;
      model.safe -= item.amount;
      continue;
    }
    const obligation = model.obligations.get(item.id)!;
    obligation.deposited = true;
    model.shifts.get(obligation.shiftId)!.deposits += item.amount;
  }
}

export async function deposit(hall: Hall, model: Model, op: OpOf<'deposit'>): Promise<void> {
  const { chosen, stale } = depositItems(model, op);
  if (chosen.length === 0) return;
  const items = stale ? [...chosen, stale] : chosen;
  const total = items.reduce((sum, item) => sum + item.amount, 0);
  const amount = !op.wrong ? total : total > 1 && op.pick % 2 === 0 ? total - 1 : total + 1;
  const ids = (kind: Item['kind']) => items.filter((item) => item.kind === kind).map((item) => item.id);
  const input = { bank: BANK, slipRef: `DS${String(++slips).padStart(8, '0')}`, amount, depositDate: today(hall), obligationIds: ids('obligation'), dropIds: ids('drop') };
  const before = fingerprint(hall);
  const result = await hall.call('deposits.record', input, op.who);
  const refusal = stale ? 'deposit-item-unavailable' : op.wrong ? 'deposit-amount-mismatch' : null;
  const deposited = expectOutcome<ContractOutput<'deposits.record'>>(op, model, result, refusal, before, hall);
  if (!deposited) return;
  if (deposited.amount !== total || JSON.stringify([...deposited.obligationIds, ...deposited.dropIds].sort()) !== JSON.stringify([...input.obligationIds, ...input.dropIds].sort())) {
    fail(op, `deposit ${JSON.stringify(deposited)}`);
  }
  bankItems(model, chosen);
  model.bank += total;
}

export async function reverse(hall: Hall, model: Model, op: OpOf<'reverse'>): Promise<void> {
  const meterId = hall.meters[op.slot];
  const standing = model.standing.get(meterId) ?? [];
  const sale = standing.at(-1);
  if (!sale) return;
  const approvalId = await approved(hall, op.who, { kind: 'reversal', saleId: sale.id }, '收错款');
  const refusal = sale.voucherId === null && model.openShift[op.who] === null ? 'no-open-shift' : null;
  const before = fingerprint(hall);
  const input = { saleId: sale.id, approvalId, reason: '冲正', idempotencyKey: `rev-${String(++reversalKeys).padStart(10, '0')}` };
  const reversal = expectOutcome<ContractOutput<'sales.reverse'>>(op, model, await hall.call('sales.reverse', input, op.who), refusal, before, hall);
  if (!reversal) return;
  const method = sale.voucherId === null ? 'cash' : 'voucher';
  if (reversal.amount !== sale.payable || reversal.paymentMethod !== method || reversal.shiftId !== model.openShift[op.who] || reversal.saleId !== sale.id) {
    fail(op, `reversal ${JSON.stringify(reversal)}`);
  }
  if (sale.voucherId === null) takeCash(model, op.who, -sale.payable);
  else model.vouchers.get(sale.voucherId)!.used -= sale.payable;
  model.credit.set(meterId, (model.credit.get(meterId) ?? 0) - (sale.creditAfter - sale.creditBefore));
  if (sale.obligationId !== null) model.obligations.get(sale.obligationId)!.reversed = true;
  standing.pop();
  issueReceipt(hall, model);
}
