import { DomainError } from '../domain/errors';
import { planRefund } from '../domain/sales/ledger-plan';
import { businessDate, businessYear } from '../domain/time/business-time';
import { chargeFor, fen, formatYuan, units } from '../../shared/money';
import { lockAccount } from '../db/repositories/locks';
import type { Fen } from '../../shared/money';
import { appendAudit } from '../db/repositories/audit-repository';
import { appendAccountEvent, closeAccountRow } from '../db/repositories/accounts-repository';
import { appendLedger } from '../db/repositories/ledger-repository';
import { metersOfAccount, removeMeter, setMeterState } from '../db/repositories/meters-repository';
import type { MeterRow } from '../db/repositories/meters-repository';
import { allocateReceiptNo } from '../db/repositories/receipts-repository';
import type { Db } from '../db/repositories/db';
import { accountView } from './account-view';
import { openAccountOrRefuse } from './accounts-service';
import { requireOpenShift } from './shifts-service';
import { tariffInForce } from './tariffs-service';
import { consumeApproval } from './approvals-service';
import { inTransaction } from './deps';
import type { Actor, ServiceDeps } from './deps';
import type { ContractInput } from '../../shared/contract/methods';

/**
 * The most that can be refunded for what is left on a meter: a money meter's remaining yuan; an energy
 * meter's remaining units at the highest price of its tariff (the hall never pays back more than the
 * units could have cost); nothing for a hall-kept meter, whose whole balance is already held credit.
 */
async function maxResidual(db: Db, meter: MeterRow, date: string): Promise<Fen> {
  if (meter.credit_kind === 'money') return fen(Number(meter.remaining));
  if (meter.credit_kind === 'hall') return fen(0);
  const { version } = await tariffInForce(db, meter.tariff_id, date);
  const highest = version.tiers.reduce((max, tier) => (tier.price > max.price ? tier : max));
  return chargeFor(units(Number(meter.remaining)), highest.price);
}

async function refundsFor(db: Db, meters: MeterRow[], residuals: ContractInput<'accounts.close'>['residuals'], date: string) {
  const byMeter = new Map(residuals.map((r) => [r.meterId, r.refund]));
  for (const meterId of byMeter.keys()) {
    if (!meters.some((m) => m.id === meterId)) throw new DomainError('not-found', { what: 'meter' });
  }
  const refunds = [];
  for (const meter of meters) {
    const residual = fen(byMeter.get(meter.id) ?? 0);
    const max = await maxResidual(db, meter, date);
    if (residual > max) throw new DomainError('residual-too-large', { max: formatYuan(max) });
    refunds.push({ meter, held: fen(Number(meter.credit_fen)), residual });
  }
  return refunds;
}

export function createCloseAccountService(deps: ServiceDeps) {
  /**
   * 销户: every meter is removed, the held credit and the declared residuals are refunded in cash from
   * the acting supervisor's drawer as compensating ledger entries, under one receipt serial.
   */
  async function close(actor: Actor, input: ContractInput<'accounts.close'>) {
    return inTransaction(deps, async (trx) => {
      const now = deps.clock.now();
      const at = now.toISOString();
      // The held credit refunded is read, then zeroed: no sale to this account may land in between.
      await lockAccount(trx, input.accountId);
      await openAccountOrRefuse(trx, input.accountId);
      const meters = (await metersOfAccount(trx, input.accountId)).filter((m) => m.status === 'active');
      // The customer still owes what the meter lent (透支): it is recovered by a sale before closing.
      if (meters.some((m) => Number(m.overdraft) > 0)) throw new DomainError('meter-has-overdraft');
      const refunds = await refundsFor(trx, meters, input.residuals, businessDate(now));
      const total = refunds.reduce((sum, r) => sum + r.held + r.residual, 0);
      const shift = total > 0 ? await requireOpenShift(trx, actor, deps.counterCode) : null;
      // A refund leaves the drawer only against a supervisor's approval for exactly this account and amount.
      if (total > 0) {
        if (input.approvalId === undefined) throw new DomainError('approval-required');
        await consumeApproval(trx, { approvalId: input.approvalId, actor, now, entity: 'account', entityId: input.accountId, wanted: { kind: 'refund', accountId: input.accountId, amount: total } });
      }
      const before = await accountView(trx, input.accountId, now);
      const receiptNo = await allocateReceiptNo(trx, deps.counterCode, businessYear(now));
      for (const { meter, held, residual } of refunds) {
        const lines = planRefund(meter.id, held, residual);
        await appendLedger(trx, receiptNo, lines, { saleId: null, accountId: input.accountId, shiftId: shift ? Number(shift.id) : null, at });
        await setMeterState(trx, meter.id, { credit_fen: 0 });
        await removeMeter(trx, meter.id, at, 0);
      }
      await closeAccountRow(trx, input.accountId, at);
      const detail = { refunds: refunds.map((r) => ({ meterId: r.meter.id, held: r.held, residual: r.residual })), total, reason: input.reason };
      await appendAccountEvent(trx, { accountId: input.accountId, kind: 'close', receiptNo, detail, userId: actor.userId, at });
      const after = await accountView(trx, input.accountId, now);
      await appendAudit(trx, { at, userId: actor.userId, action: 'account.close', entity: 'account', entityId: input.accountId, before, after: { ...after, refunded: total, receiptNo } });
      return { ...after, refunded: total, receiptNo };
    });
  }
  return { close };
}
