import type { Db } from './db';
import type { TariffTier, TariffVersion } from '../../domain/tariffs/tariff';
import { price, units } from '../../../shared/money';
import type { TierPeriod } from '../../../shared/vocabulary';

export async function insertTariff(db: Db, t: { code: string; name: string; utility: string; category: string; period: string; at: string }) {
  const row = await db.insertInto('tariffs').values({
    code: t.code, name: t.name, utility: t.utility, category: t.category, period: t.period, created_at: t.at,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function insertTariffVersion(db: Db, v: { tariffId: number; effectiveFrom: string; tiers: readonly TariffTier[]; at: string; userId: number | null }) {
  const row = await db.insertInto('tariff_versions').values({
    tariff_id: v.tariffId, effective_from: v.effectiveFrom, created_at: v.at, created_by: v.userId,
  }).returning('id').executeTakeFirstOrThrow();
  const versionId = Number(row.id);
  await db.insertInto('tariff_tiers').values(v.tiers.map((tier, seq) => ({
    version_id: versionId, seq, upto_units: tier.uptoUnits, price: tier.price,
  }))).execute();
  return versionId;
}

export async function findTariff(db: Db, id: number) {
  return db.selectFrom('tariffs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTariffByCode(db: Db, code: string) {
  return db.selectFrom('tariffs').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listTariffs(db: Db, utility?: string) {
  let query = db.selectFrom('tariffs').selectAll().orderBy('id');
  if (utility) query = query.where('utility', '=', utility);
  return query.execute();
}

/** Every version of a tariff with its tiers, oldest first. */
export async function tariffVersions(db: Db, tariffId: number, period: TierPeriod): Promise<TariffVersion[]> {
  const versions = await db.selectFrom('tariff_versions').selectAll().where('tariff_id', '=', tariffId).orderBy('effective_from').execute();
  if (versions.length === 0) return [];
  const tiers = await db.selectFrom('tariff_tiers').selectAll()
    .where('version_id', 'in', versions.map((v) => v.id)).orderBy('version_id').orderBy('seq').execute();
  return versions.map((v) => ({
    id: Number(v.id),
    tariffId,
    effectiveFrom: v.effective_from,
    period,
    tiers: tiers.filter((t) => t.version_id === v.id)
      .map((t) => ({ uptoUnits: t.upto_units === null ? null : units(Number(t.upto_units)), price: price(Number(t.price)) })),
  }));
}
