/**
 * High-voltage settlement readings (issue 5 item 8). A high-voltage customer's remote meter may not be the
 * trade-settlement meter named in the supply agreement (供用电合同); the hall then bills from readings of the
 * settlement meter entered by hand, each with a supervisor's approval for exactly that meter, instant and total
 * (ApprovalSubject 'manual_reading'). Transmitted readings of such an account are stored but never charged.
 */
import { DomainError } from '../domain/errors';
import { formatUnits, units } from '../../shared/money';
import { appendAudit } from '../db/repositories/audit-repository';
import { insertManualReading, latestManualReading, setRemoteIsSettlement } from '../db/repositories/balances-repository';
import { findMeter } from '../db/repositories/meters-repository';
import { accountView } from './account-view';
import { activeMeterOf, openAccountOrRefuse } from './accounts-service';
import { consumeApproval } from './approvals-service';
import { found, inTransaction, nowIso } from './deps';
import { lockAccount, lockAccountOfMeter } from '../db/repositories/locks';
import type { Actor, ServiceDeps } from './deps';
import type { ContractInput } from '../../shared/contract/methods';
import type { ManualReadingView } from '../../shared/contract/balance-views';
import type { AccountView } from '../../shared/contract/views';

export function createSettlementReadingsService(deps: ServiceDeps) {
  async function setMeteringBasis(actor: Actor, input: ContractInput<'accounts.setMeteringBasis'>): Promise<AccountView> {
    return inTransaction(deps, async (trx) => {
      await lockAccount(trx, input.accountId); // the charging of this account's meter reads the basis it changes
      await openAccountOrRefuse(trx, input.accountId);
      const before = await accountView(trx, input.accountId, deps.clock.now());
      await setRemoteIsSettlement(trx, input.accountId, input.remoteIsSettlement);
      const after = await accountView(trx, input.accountId, deps.clock.now());
      await appendAudit(trx, {
        at: nowIso(deps), userId: actor.userId, action: 'account.set-metering-basis', entity: 'account', entityId: input.accountId,
        before: { remoteIsSettlement: before.remoteIsSettlement }, after: { remoteIsSettlement: after.remoteIsSettlement, reason: input.reason },
      });
      return after;
    });
  }

  async function enterManual(actor: Actor, input: ContractInput<'readings.enterManual'>): Promise<ManualReadingView> {
    return inTransaction(deps, async (trx) => {
      // Checked against the latest manual reading, then inserted: not alongside another counter's entry.
      await lockAccountOfMeter(trx, input.meterId);
      const meterRow = found(await findMeter(trx, input.meterId), 'meter');
      const account = await openAccountOrRefuse(trx, Number(meterRow.account_id));
      await activeMeterOf(trx, Number(account.id), input.meterId);
      if (account.remote_is_settlement === 1) throw new DomainError('remote-meter-is-settlement');
      const readAt = new Date(input.readAt).toISOString();
      // A settlement reading records what was read; one dated ahead of now would charge consumption not yet used.
      if (readAt > nowIso(deps)) throw new DomainError('manual-reading-in-future');
      const previous = await latestManualReading(trx, input.meterId);
      if (previous && input.total < Number(previous.total)) {
        throw new DomainError('manual-reading-decreasing', { previous: formatUnits(units(Number(previous.total))) });
      }
      if (previous && readAt <= previous.read_at) throw new DomainError('manual-reading-not-after', { previous: previous.read_at });
      const readingId = await insertManualReading(trx, {
        meter_id: input.meterId, read_at: readAt, total: input.total, periods: input.periods ? JSON.stringify(input.periods) : null,
        agreement_ref: input.agreementRef, approval_id: input.approvalId, entered_by: actor.userId,
      });
      const approvedBy = await consumeApproval(trx, {
        approvalId: input.approvalId, actor, now: deps.clock.now(), entity: 'meter_reading', entityId: readingId,
        wanted: { kind: 'manual_reading', meterId: input.meterId, readAt: input.readAt, total: input.total },
      });
      const view: ManualReadingView = { readingId, meterId: input.meterId, readAt, total: input.total, agreementRef: input.agreementRef, approvedBy };
      await appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: 'reading.enter-manual', entity: 'meter_reading', entityId: readingId, after: { ...view, periods: input.periods } });
      return view;
    });
  }

  return { setMeteringBasis, enterManual };
}
