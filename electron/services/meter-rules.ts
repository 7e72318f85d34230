import { DomainError } from '../domain/errors';
import { cardNoTaken, meterNoTaken } from '../db/repositories/meters-repository';
import { findTariff } from '../db/repositories/tariffs-repository';
import type { Db } from '../db/repositories/db';
import { found } from './deps';
import type { ContractInput } from '../../shared/contract/methods';

export type NewMeterInput = ContractInput<'accounts.open'>['meters'][number];

/**
 * Checks a meter before it is installed: unique meter and card numbers (一表一卡) and a tariff of the
 * same utility. (That a hall-kept meter is remote and card-less is part of the contract's schema.)
 */
export async function checkNewMeter(db: Db, meter: NewMeterInput, seen: Set<string>): Promise<void> {
  if (seen.has(`m:${meter.meterNo}`) || (await meterNoTaken(db, meter.meterNo))) {
    throw new DomainError('meter-no-taken', { meterNo: meter.meterNo });
  }
  if (meter.cardNo !== null && (seen.has(`c:${meter.cardNo}`) || (await cardNoTaken(db, meter.cardNo)))) {
    throw new DomainError('card-no-taken', { cardNo: meter.cardNo });
  }
  const tariff = found(await findTariff(db, meter.tariffId), 'tariff');
  if (tariff.utility !== meter.utility) throw new DomainError('tariff-utility-mismatch');
  seen.add(`m:${meter.meterNo}`);
  if (meter.cardNo !== null) seen.add(`c:${meter.cardNo}`);
}
