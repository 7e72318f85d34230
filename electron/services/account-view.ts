import { currentTier } from '../domain/tariffs/tariff';
import { businessDate, businessYear, periodKey } from '../domain/time/business-time';
import { units } from '../../shared/money';
import { findAccount, unitsToDate } from '../db/repositories/accounts-repository';
import { findCustomer } from '../db/repositories/customers-repository';
import { metersOfAccount } from '../db/repositories/meters-repository';
import type { MeterRow } from '../db/repositories/meters-repository';
import { lastSalesOfMeter, monthlyUnitsOfMeter } from '../db/repositories/sales-repository';
import type { Db } from '../db/repositories/db';
import { tariffInForce } from './tariffs-service';
import { found } from './deps';
import type { AccountView, CustomerView, MeterView, PremisesView } from '../../shared/contract/views';
import type { CreditKind, CreditVia, CustomerCategory, PaymentMethod, Settlement, Utility } from '../../shared/vocabulary';

async function meterView(db: Db, meter: MeterRow, accountId: number, now: Date): Promise<MeterView> {
  const date = businessDate(now);
  const { tariff, version } = await tariffInForce(db, meter.tariff_id, date);
  const soFar = await unitsToDate(db, accountId, meter.utility, periodKey(version.period, date));
  const monthly = await monthlyUnitsOfMeter(db, meter.id, businessYear(now));
  const monthlyUnits = Array.from({ length: 12 }, (_, i) => {
    const month = `${businessYear(now)}-${String(i + 1).padStart(2, '0')}`;
    return Number(monthly.find((m) => m.month === month)?.units ?? 0);
  });
  const last = await lastSalesOfMeter(db, meter.id, 5);
  return {
    id: meter.id, meterNo: meter.meter_no, utility: meter.utility as Utility, model: meter.model, serialNo: meter.serial_no,
    commAddress: meter.comm_address, creditKind: meter.credit_kind as CreditKind, creditVia: meter.credit_via as CreditVia,
    unitStep: meter.unit_step, creditCap: meter.credit_cap === null ? null : Number(meter.credit_cap), cardNo: meter.card_no,
    status: meter.status as 'active' | 'removed', tariffId: Number(tariff.id), tariffName: tariff.name,
    credit: Number(meter.credit_fen), remaining: Number(meter.remaining), overdraft: Number(meter.overdraft),
    unitsThisPeriod: soFar, currentTier: currentTier(version.tiers, units(soFar)), monthlyUnits,
    lastSales: last.map((s) => ({
      id: Number(s.id), receiptNo: s.receipt_no, createdAt: s.created_at, payable: Number(s.payable_fen),
      units: Number(s.units), creditKind: s.credit_kind as CreditKind, paymentMethod: s.payment_method as PaymentMethod,
      reversal: s.reversal_receipt_no === null ? null : { receiptNo: s.reversal_receipt_no },
    })),
  };
}

/** The customer panel: customer, premises, every meter with balance, units this period, tier and last purchases. */
export async function accountView(db: Db, accountId: number, now: Date): Promise<AccountView> {
  const account = found(await findAccount(db, accountId), 'account');
  const customer = found(await findCustomer(db, Number(account.customer_id)), 'customer');
  const premises = found(await db.selectFrom('premises').selectAll().where('id', '=', account.premises_id).executeTakeFirst(), 'premises');
  const meters = await metersOfAccount(db, accountId);
  const customerView: CustomerView = {
    id: Number(customer.id), customerNo: customer.customer_no, name: customer.name, phone: customer.phone,
    category: customer.category as CustomerCategory,
  };
  const premisesView: PremisesView = { area: premises.area, building: premises.building, unit: premises.unit, room: premises.room, roomKey: premises.room_key };
  return {
    id: Number(account.id), accountNo: account.account_no, status: account.status as 'open' | 'closed',
    category: account.category as CustomerCategory, openedAt: account.opened_at, closedAt: account.closed_at,
    customer: customerView, premises: premisesView,
    meters: await Promise.all(meters.map((m) => meterView(db, m, accountId, now))),
    settlement: account.settlement as Settlement,
    remoteIsSettlement: account.remote_is_settlement === 1,
  };
}
