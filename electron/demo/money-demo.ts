/**
 * The demo hall's money discipline: its commercial customers settle by bank transfer only (as enterprise
 * customers do), and a few of them have transfer vouchers registered, one already partly drawn, so the
 * voucher register, the pay-by-voucher path and the holiday banner have something real to show. Made
 * through the services, so the books and the audit chain are what the counter itself would write.
 */
import type { Backend } from '../main/composition';
import { businessDate } from '../domain/time/business-time';
import type { Actor } from '../services/deps';

const BANKS = ['中国工商银行', '中国建设银行', '中国农业银行', '中国银行'] as const;
/** How many commercial accounts get a registered voucher. */
const VOUCHERS = 4;

export async function seedMoneyDemo(backend: Backend, clerk: Actor, supervisor: Actor): Promise<{ bankTransfer: number; vouchers: number }> {
  const db = backend.database.db;
  const commercial = await db.selectFrom('accounts as a').innerJoin('customers as c', 'c.id', 'a.customer_id')
    .select(['a.id', 'c.name']).where('a.category', '=', 'commercial').where('a.status', '=', 'open').orderBy('a.id').execute();
  for (const account of commercial) {
    await backend.services.accounts.setSettlement(supervisor, { accountId: Number(account.id), settlement: 'bank_transfer', reason: '企业客户转账结算' });
  }
  const today = businessDate(backend.clock.now());
  for (const [i, account] of commercial.slice(0, VOUCHERS).entries()) {
    const voucher = await backend.services.vouchers.register(clerk, {
      bank: BANKS[i % BANKS.length]!, payerAccount: `62220${String(100000000 + Number(account.id) * 7919).slice(-10)}`,
      referenceNo: `ZZ${today.replaceAll('-', '')}${String(i + 1).padStart(4, '0')}`, payer: account.name, amount: (i + 2) * 100_000,
      valueDate: today, accountId: Number(account.id),
    });
    if (i === 0) await drawOnce(backend, clerk, Number(account.id), voucher.id);
  }
  return { bankTransfer: commercial.length, vouchers: Math.min(VOUCHERS, commercial.length) };
}

/** One sale paid from the first voucher, inside a demo shift opened and closed for it. */
async function drawOnce(backend: Backend, clerk: Actor, accountId: number, voucherId: number): Promise<void> {
  const meter = await backend.database.db.selectFrom('meters').select('id').where('account_id', '=', accountId).where('status', '=', 'active').orderBy('id').executeTakeFirst();
  if (!meter) return;
  const s = backend.services;
  const open = await s.shifts.current(clerk);
  if (!open) await s.shifts.open(clerk, 0);
  await s.sales.sell(clerk, { meterId: Number(meter.id), request: { mode: 'money', amount: 50_000 }, tendered: 50_000, idempotencyKey: `demo-voucher-${voucherId}`, voucherId });
  if (!open) await s.shifts.close(clerk, {}, '演示：凭证售电');
}
