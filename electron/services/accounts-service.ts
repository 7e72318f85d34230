import { DomainError } from '../domain/errors';
import { planCreditTransfer } from '../domain/sales/ledger-plan';
import { fen } from '../../shared/money';
import { appendAudit } from '../db/repositories/audit-repository';
import { appendAccountEvent, findAccount, insertAccount, listAccountEvents, openAccountAtPremises, setAccountOwner, setAccountSettlement } from '../db/repositories/accounts-repository';
import { findCustomer, insertCustomer, nextNumber, upsertPremises } from '../db/repositories/customers-repository';
import { appendLedger } from '../db/repositories/ledger-repository';
import { findMeter, insertMeter, removeMeter, setMeterState } from '../db/repositories/meters-repository';
import { advisoryXactLock, lockAccount } from '../db/repositories/locks';
import type { MeterRow } from '../db/repositories/meters-repository';
import type { Db } from '../db/repositories/db';
import { accountView } from './account-view';
import { checkNewMeter } from './meter-rules';
import type { NewMeterInput } from './meter-rules';
import { found, inTransaction, nowIso } from './deps';
import type { Actor, ServiceDeps } from './deps';
import type { ContractInput } from '../../shared/contract/methods';
import type { AccountEventView } from '../../shared/contract/views';

type CustomerInput = ContractInput<'accounts.open'>['customer'];

async function createCustomer(db: Db, customer: CustomerInput, at: string): Promise<number> {
  return insertCustomer(db, {
    customerNo: await nextNumber(db, 'customers', 'C'), name: customer.name, phone: customer.phone ?? null,
    idNumber: customer.idNumber ?? null, category: customer.category, at,
  });
}

async function installMeter(db: Db, accountId: number, meter: NewMeterInput, at: string, carried = { remaining: 0, overdraft: 0 }) {
  return insertMeter(db, { ...meter, accountId, at, remaining: carried.remaining, overdraft: carried.overdraft });
}

/** An open account, or a refusal: unknown or closed accounts take no business. */
export async function openAccountOrRefuse(db: Db, accountId: number) {
  const account = found(await findAccount(db, accountId), 'account');
  if (account.status !== 'open') throw new DomainError('account-closed');
  return account;
}

/** An active meter of the account, or a refusal. */
export async function activeMeterOf(db: Db, accountId: number, meterId: number): Promise<MeterRow> {
  const meter = found(await findMeter(db, meterId), 'meter');
  if (Number(meter.account_id) !== accountId) throw new DomainError('not-found', { what: 'meter' });
  if (meter.status !== 'active') throw new DomainError('meter-removed');
  return meter;
}

export function createAccountsService(deps: ServiceDeps) {
  const view = (db: Db, id: number) => accountView(db, id, deps.clock.now());

  /** 结算方式: a supervisor moves an account between cash and bank-transfer-only, with a reason; audited. */
  async function setSettlement(actor: Actor, input: ContractInput<'accounts.setSettlement'>) {
    return inTransaction(deps, async (trx) => {
      await lockAccount(trx, input.accountId); // a sale at another counter checks the settlement it changes
      await openAccountOrRefuse(trx, input.accountId);
      const before = await view(trx, input.accountId);
      await setAccountSettlement(trx, input.accountId, input.settlement);
      const after = await view(trx, input.accountId);
      await appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: 'account.set-settlement', entity: 'account', entityId: input.accountId, before, after: { ...after, reason: input.reason } });
      return after;
    });
  }

  async function open(actor: Actor, input: ContractInput<'accounts.open'>) {
    return inTransaction(deps, async (trx) => {
      const at = nowIso(deps);
      // Opening checks that premises, customer, meter and card numbers are free, then takes them: accounts are
      // opened one at a time across counters (rare enough), so two counters never both pass the checks.
      await advisoryXactLock(trx, 'accounts.open');
      const premisesId = await upsertPremises(trx, input.premises);
      if (await openAccountAtPremises(trx, premisesId)) throw new DomainError('premises-occupied');
      const seen = new Set<string>();
      for (const meter of input.meters) await checkNewMeter(trx, meter, seen);
      const customerId = await createCustomer(trx, input.customer, at);
      const accountId = await insertAccount(trx, { accountNo: await nextNumber(trx, 'accounts', 'H'), customerId, premisesId, category: input.category, settlement: input.settlement, at });
      for (const meter of input.meters) await installMeter(trx, accountId, meter, at);
      const after = await view(trx, accountId);
      await appendAccountEvent(trx, { accountId, kind: 'open', receiptNo: null, detail: { meters: input.meters.map((m) => m.meterNo) }, userId: actor.userId, at });
      await appendAudit(trx, { at, userId: actor.userId, action: 'account.open', entity: 'account', entityId: accountId, after });
      return after;
    });
  }

  /** 过户: a new owner takes the account; balance, meters and tier usage stay with the premises. */
  async function changeOwner(actor: Actor, input: ContractInput<'accounts.changeOwner'>) {
    return inTransaction(deps, async (trx) => {
      await lockAccount(trx, input.accountId);
      const account = await openAccountOrRefuse(trx, input.accountId);
      const current = found(await findCustomer(trx, Number(account.customer_id)), 'customer');
      if (current.name === input.newOwner.name && current.phone === (input.newOwner.phone ?? null)) throw new DomainError('same-owner');
      const before = await view(trx, input.accountId);
      const at = nowIso(deps);
      const customerId = await createCustomer(trx, input.newOwner, at);
      await setAccountOwner(trx, input.accountId, customerId);
      await appendAccountEvent(trx, { accountId: input.accountId, kind: 'change_owner', receiptNo: null, detail: { from: Number(current.id), to: customerId, reason: input.reason }, userId: actor.userId, at });
      const after = await view(trx, input.accountId);
      await appendAudit(trx, { at, userId: actor.userId, action: 'account.change-owner', entity: 'account', entityId: input.accountId, before, after });
      return after;
    });
  }

  /**
   * 换表: the old meter is removed with its final remaining (read off it), the new one is installed
   * carrying that residual and any overdraft, and the hall-held credit moves across in the ledger.
   */
  async function changeMeter(actor: Actor, input: ContractInput<'accounts.changeMeter'>) {
    return inTransaction(deps, async (trx) => {
      // 换表 carries the old meter's credit to the new one: no sale may credit the old meter in between.
      await lockAccount(trx, input.accountId);
      await advisoryXactLock(trx, 'accounts.open'); // the new meter and card numbers are checked, then taken
      await openAccountOrRefuse(trx, input.accountId);
      const old = await activeMeterOf(trx, input.accountId, input.oldMeterId);
      if (old.utility !== input.newMeter.utility || old.credit_kind !== input.newMeter.creditKind) throw new DomainError('utility-mismatch');
      const before = await view(trx, input.accountId);
      const at = nowIso(deps);
      await removeMeter(trx, old.id, at, input.finalRemaining);
      await checkNewMeter(trx, input.newMeter, new Set());
      const newId = await installMeter(trx, input.accountId, input.newMeter, at, { remaining: input.finalRemaining, overdraft: Number(old.overdraft) });
      const held = fen(Number(old.credit_fen));
      await appendLedger(trx, `MC-${old.id}-${newId}`, planCreditTransfer(old.id, newId, held), { saleId: null, accountId: input.accountId, shiftId: null, at });
      await setMeterState(trx, old.id, { credit_fen: 0, overdraft: 0 });
      await setMeterState(trx, newId, { credit_fen: held });
      const detail = { oldMeterId: old.id, newMeterId: newId, carriedRemaining: input.finalRemaining, carriedCredit: held, reason: input.reason };
      await appendAccountEvent(trx, { accountId: input.accountId, kind: 'change_meter', receiptNo: null, detail, userId: actor.userId, at });
      const after = await view(trx, input.accountId);
      await appendAudit(trx, { at, userId: actor.userId, action: 'account.change-meter', entity: 'account', entityId: input.accountId, before, after });
      return after;
    });
  }

  async function events(accountId: number): Promise<AccountEventView[]> {
    found(await findAccount(deps.db, accountId), 'account');
    return (await listAccountEvents(deps.db, accountId)).map((e) => ({
      id: Number(e.id), accountId: Number(e.account_id), kind: e.kind as AccountEventView['kind'], receiptNo: e.receipt_no,
      detail: JSON.parse(e.detail) as unknown, createdAt: e.created_at,
    }));
  }

  return { open, setSettlement, changeOwner, changeMeter, events, get: (accountId: number) => view(deps.db, accountId) };
}
