/**
 * Bank-transfer vouchers (转账凭证): the customer pays the bank first, the hall registers the voucher and
 * sells against what is left of it. The same bank + reference is registered once (a unique key); the
 * transfer is booked to the bank and owed to the customer (voucher_funds) until sales draw it down.
 */
import { DomainError } from '../domain/errors';
import { planVoucherReceipt } from '../domain/sales/ledger-plan';
import { businessDate } from '../domain/time/business-time';
import { fen } from '../../shared/money';
import { appendAudit } from '../db/repositories/audit-repository';
import { appendLedger } from '../db/repositories/ledger-repository';
import {
  bankKey, findVoucher, findVoucherByKey, findVoucherImage, insertVoucher, insertVoucherImage, searchVouchers, voucherDraws,
} from '../db/repositories/vouchers-repository';
import { advisoryXactLock } from '../db/repositories/locks';
import type { VoucherFilter, VoucherRow } from '../db/repositories/vouchers-repository';
import type { Db } from '../db/repositories/db';
import { openAccountOrRefuse } from './accounts-service';
import { found, inTransaction } from './deps';
import type { Actor, ServiceDeps } from './deps';
import { MAX_VOUCHER_IMAGE_BYTES } from '../../shared/contract/money-methods';
import type { ContractInput } from '../../shared/contract/methods';
import type { VoucherDetailView, VoucherImageView, VoucherView } from '../../shared/contract/money-views';
import type { VoucherState } from '../../shared/vocabulary';

function voucherState(amount: number, used: number): VoucherState {
  if (used === 0) return 'registered';
  return used < amount ? 'partly_used' : 'used_up';
}

export function voucherView(row: VoucherRow): VoucherView {
  const amount = Number(row.amount_fen);
  const used = Number(row.used_fen);
  return {
    id: Number(row.id), bank: row.bank, payerAccount: row.payer_account, referenceNo: row.reference_no, payer: row.payer, amount, used,
    remaining: amount - used, state: voucherState(amount, used), valueDate: row.value_date,
    accountId: row.account_id === null ? null : Number(row.account_id), accountNo: row.account_no, hasImage: Boolean(Number(row.has_image)),
    registeredBy: Number(row.registered_by), registeredAt: row.registered_at,
  };
}

function decodeImage(image: NonNullable<ContractInput<'vouchers.register'>['image']>): Buffer {
  const data = Buffer.from(image.dataBase64, 'base64');
  if (data.length > MAX_VOUCHER_IMAGE_BYTES) throw new DomainError('voucher-image-too-large', { max: MAX_VOUCHER_IMAGE_BYTES / 1024 / 1024 });
  return data;
}

export async function findVouchers(db: Db, filter: Omit<VoucherFilter, 'limit'> & { limit?: number }): Promise<VoucherView[]> {
  return (await searchVouchers(db, { ...filter, limit: filter.limit ?? 100 })).map(voucherView);
}

export function createVouchersService(deps: ServiceDeps) {
  async function register(actor: Actor, input: ContractInput<'vouchers.register'>): Promise<VoucherView> {
    const image = input.image ? decodeImage(input.image) : null;
    return inTransaction(deps, async (trx) => {
      const now = deps.clock.now();
      if (input.valueDate > businessDate(now)) throw new DomainError('voucher-value-date-future', { date: input.valueDate });
      // Checked, then inserted: the same voucher registered at two counters at once gives one voucher and one refusal.
      await advisoryXactLock(trx, `voucher:${bankKey(input.bank)}:${bankKey(input.referenceNo)}`);
      if (await findVoucherByKey(trx, input.bank, input.referenceNo)) throw new DomainError('voucher-duplicate', { bank: input.bank, referenceNo: input.referenceNo });
      if (input.accountId !== null) await openAccountOrRefuse(trx, input.accountId);
      const at = now.toISOString();
      const id = await insertVoucher(trx, {
        bank: input.bank, bank_key: bankKey(input.bank), payer_account: input.payerAccount, reference_no: input.referenceNo,
        reference_key: bankKey(input.referenceNo), payer: input.payer, amount_fen: input.amount, value_date: input.valueDate,
        account_id: input.accountId, registered_by: actor.userId, registered_at: at,
      });
      if (image && input.image) await insertVoucherImage(trx, id, input.image.mime, image);
      await appendLedger(trx, `VCH-${id}`, planVoucherReceipt(fen(input.amount)), { saleId: null, accountId: input.accountId, shiftId: null, at });
      const view = voucherView(found(await findVoucher(trx, id), 'voucher'));
      await appendAudit(trx, { at, userId: actor.userId, action: 'voucher.register', entity: 'voucher', entityId: id, after: view });
      return view;
    });
  }

  async function get(voucherId: number): Promise<VoucherDetailView> {
    const view = voucherView(found(await findVoucher(deps.db, voucherId), 'voucher'));
    const draws = await voucherDraws(deps.db, voucherId);
    return { ...view, draws: draws.map((d) => ({ saleId: Number(d.sale_id), receiptNo: d.receipt_no, amount: Number(d.amount_fen), at: d.created_at })) };
  }

  async function image(voucherId: number): Promise<VoucherImageView> {
    const row = found(await findVoucherImage(deps.db, voucherId), 'voucher image');
    return { voucherId, mime: row.mime, dataBase64: Buffer.from(row.data).toString('base64') };
  }

  return { register, get, image, search: (filter: ContractInput<'vouchers.search'>) => findVouchers(deps.db, filter) };
}
