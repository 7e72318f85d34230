/**
 * The state the money cases of the bad-input matrix refer to (tests/support/bad-input-money.ts), built
 * through the contract like everything else. Two steps: approvals that must have expired are asked for
 * first and the clock moves past their expiry (before anything whose timing matters, such as a login
 * lockout, is set up); the rest is built afterwards.
 */
import type { Fixture } from './backend';
import type { MoneyFixture } from './bad-input-money';
import { PNG_BASE64 } from './bad-input-money';
import type { ApprovalSubject } from '../../shared/contract/money-views';
import { DEFAULT_MONEY_RULES } from '../../electron/domain/money/rules';

export interface ExpiredApprovals {
  readonly expiredPending: number;
  readonly expiredRefund: number;
}

const money = (amount: number) => ({ mode: 'money' as const, amount });
const SUPER = { username: 'super1', password: 'super1234' };

async function request(fx: Fixture, subject: ApprovalSubject, session: string): Promise<number> {
  return (await fx.ok('approvals.request', { subject, reason: '测试审批' }, session)).id;
}
async function decided(fx: Fixture, subject: ApprovalSubject, decision: 'approve' | 'reject', session = fx.sessions.clerk1): Promise<number> {
  const id = await request(fx, subject, session);
  await fx.ok('approvals.decide', { approvalId: id, decision, approver: SUPER }, session);
  return id;
}

/** clerk1's pending reversal of `saleId` and an approved refund of 1.00 yuan on the money account, both expired by the clock. */
export async function expireApprovals(fx: Fixture, saleId: number): Promise<ExpiredApprovals> {
  const expiredPending = await request(fx, { kind: 'reversal', saleId }, fx.sessions.clerk1);
  const expiredRefund = await decided(fx, { kind: 'refund', accountId: fx.accounts.money.id, amount: 100 }, 'approve');
  fx.clock.advance((DEFAULT_MONEY_RULES.approvalMinutes + 5) * 60_000);
  return { expiredPending, expiredRefund };
}

/** Everything else; clerk1 has an open shift. */
export async function buildMoneyState(fx: Fixture, expired: ExpiredApprovals): Promise<MoneyFixture> {
  const { sessions } = fx;
  const sale = async (meterId: number, amount: number, voucherId?: number) => (await fx.ok('sales.sell', {
    meterId, request: money(amount), tendered: amount, idempotencyKey: fx.key(), ...(voucherId === undefined ? {} : { voucherId }),
  }, sessions.clerk1));
  const moneyMeter = async () => (await fx.openAccount([fx.newMeter('money')])).meters[0]!.id;

  await fx.ok('users.create', { username: 'clerk3', displayName: 'CLERK3', role: 'clerk', password: 'clerk3234' }, sessions.admin);
  const clerk3 = (await fx.ok('auth.login', { username: 'clerk3', password: 'clerk3234' }, null)).session;
  await fx.ok('shifts.open', { float: DEFAULT_MONEY_RULES.drawerLimit }, clerk3);

  const bank = await fx.openAccount([fx.newMeter('money')]);
  await fx.ok('accounts.setSettlement', { accountId: bank.id, settlement: 'bank_transfer', reason: '对公结算' }, sessions.supervisor);
  const bankMeter = bank.meters[0]!.id;

  const usedUpRef = { bank: '中国银行', referenceNo: 'REF-0001' };
  const register = async (o: { referenceNo: string; amount: number; accountId?: number; image?: boolean; bank?: string }) => (await fx.ok('vouchers.register', {
    bank: o.bank ?? '建设银行', payerAccount: '6227-0000-0001', referenceNo: o.referenceNo, payer: '测试付款人', amount: o.amount, valueDate: '2026-06-15',
    accountId: o.accountId ?? null, ...(o.image ? { image: { mime: 'image/png' as const, dataBase64: PNG_BASE64 } } : {}),
  }, sessions.clerk1)).id;
  const usedUp = await register({ ...usedUpRef, amount: 5_000 });
  await sale(bankMeter, 5_000, usedUp);
  const vouchers = {
    usedUp,
    small: await register({ referenceNo: 'REF-0002', amount: 1_000 }),
    otherAccount: await register({ referenceNo: 'REF-0003', amount: 100_000, accountId: fx.accounts.energy.id }),
    open: await register({ referenceNo: 'REF-0004', amount: 100_000, image: true }),
  };

  const reverseSale = (await sale(await moneyMeter(), 2_000)).id;
  const otherSale = (await sale(await moneyMeter(), 3_000)).id;
  const reversedSale = (await sale(await moneyMeter(), 4_000)).id;
  const notLatestMeter = await moneyMeter();
  const notLatestSale = (await sale(notLatestMeter, 1_000)).id;
  await sale(notLatestMeter, 1_500);
  const replaced = await fx.openAccount([fx.newMeter('energy')]);
  const removedMeterSale = (await sale(replaced.meters[0]!.id, 1_000)).id;
  await fx.ok('accounts.changeMeter', {
    accountId: replaced.id, oldMeterId: replaced.meters[0]!.id, finalRemaining: 0, newMeter: fx.newMeter('energy'), reason: '测试换表',
  }, sessions.supervisor);

  const refundOf = (amount: number): ApprovalSubject => ({ kind: 'refund', accountId: fx.accounts.money.id, amount });
  const approvals = {
    ...expired,
    pending: await request(fx, { kind: 'reversal', saleId: reverseSale }, sessions.clerk1),
    reverse: await decided(fx, { kind: 'reversal', saleId: reverseSale }, 'approve'),
    otherSale: await decided(fx, { kind: 'reversal', saleId: otherSale }, 'approve'),
    byClerk2: await decided(fx, { kind: 'reversal', saleId: reverseSale }, 'approve', sessions.clerk2),
    rejected: await decided(fx, { kind: 'reversal', saleId: reverseSale }, 'reject'),
    bySupervisor: await request(fx, refundOf(100), sessions.supervisor),
    refund: await decided(fx, refundOf(100), 'approve'),
    refundOther: await decided(fx, refundOf(200), 'approve'),
    refundPending: await request(fx, refundOf(100), sessions.clerk1),
    used: await decided(fx, { kind: 'reversal', saleId: reversedSale }, 'approve'),
  };
  const reversalKey = 'reversal-key-0001';
  await fx.ok('sales.reverse', { saleId: reversedSale, approvalId: approvals.used, reason: '测试冲正', idempotencyKey: reversalKey }, sessions.clerk1);

  const dropOf = async (amount: number) => (await fx.ok('cash.drop', { amount, receiver: SUPER }, sessions.clerk1)).id;
  const deposited = await dropOf(1_000);
  const depositSlip = { bank: '工商银行', slipRef: 'SLIP-0001' };
  await fx.ok('deposits.record', { ...depositSlip, amount: 1_000, depositDate: '2026-06-15', obligationIds: [], dropIds: [deposited] }, sessions.clerk1);
  const openAmount = 2_000;
  const open = await dropOf(openAmount);

  const saleReceiptNo = (await fx.ok('sales.get', { saleId: reverseSale }, sessions.clerk1)).receiptNo;
  return {
    extraSessions: { clerk3 }, bankAccount: bank.id, bankMeter, vouchers, usedUpRef, approvals, reverseSale, reversedSale, reversalKey,
    notLatestSale, removedMeterSale, saleReceiptNo, drops: { deposited, open, openAmount }, depositSlip,
  };
}
