import { DomainError } from '../domain/errors';
import { tierProblem, versionInForce } from '../domain/tariffs/tariff';
import { advisoryXactLock } from '../db/repositories/locks';
import type { TariffTier, TariffVersion } from '../domain/tariffs/tariff';
import { businessDate } from '../domain/time/business-time';
import { price, units } from '../../shared/money';
import { appendAudit } from '../db/repositories/audit-repository';
import { findTariff, findTariffByCode, insertTariff, insertTariffVersion, listTariffs, tariffVersions } from '../db/repositories/tariffs-repository';
import type { Db } from '../db/repositories/db';
import { insertTouPrices, touOfVersions } from '../db/repositories/balances-repository';
import type { TouPrices } from '../domain/balances/charge';
import { found, inTransaction, nowIso } from './deps';
import type { Actor, ServiceDeps } from './deps';
import type { TariffView } from '../../shared/contract/views';
import type { CustomerCategory, TierPeriod, Utility } from '../../shared/vocabulary';

type TierInput = readonly { uptoUnits: number | null; price: number }[];
type TouInput = { spike: number; peak: number; flat: number; valley: number } | null | undefined;

/** Time-of-use prices are for electricity only (water has no 峰谷 periods). */
function toTou(input: TouInput, utility: string): TouPrices | null {
  if (!input) return null;
  if (utility !== 'electricity') throw new DomainError('tariff-invalid', { reason: 'tou-electricity-only' });
  return { spike: price(input.spike), peak: price(input.peak), flat: price(input.flat), valley: price(input.valley) };
}

function toTiers(input: TierInput): TariffTier[] {
  const tiers = input.map((t) => ({ uptoUnits: t.uptoUnits === null ? null : units(t.uptoUnits), price: price(t.price) }));
  const problem = tierProblem(tiers);
  if (problem) throw new DomainError('tariff-invalid', { reason: problem });
  return tiers;
}

/** The tariff row and the version in force on a business date, or `no-tariff`. */
export async function tariffInForce(db: Db, tariffId: number, date: string) {
  const tariff = found(await findTariff(db, tariffId), 'tariff');
  const version = versionInForce(await tariffVersions(db, tariffId, tariff.period as TierPeriod), date);
  if (!version) throw new DomainError('no-tariff', { date });
  return { tariff, version: version as TariffVersion };
}

export async function tariffView(db: Db, tariffId: number): Promise<TariffView> {
  const row = found(await findTariff(db, tariffId), 'tariff');
  const versions = await tariffVersions(db, tariffId, row.period as TierPeriod);
  const tou = await touOfVersions(db, versions.map((v) => v.id));
  return {
    id: Number(row.id), code: row.code, name: row.name, utility: row.utility as Utility,
    category: row.category as CustomerCategory, period: row.period as TierPeriod, cardFee: Number(row.card_fee_fen),
    versions: versions.map((v) => ({ id: v.id, effectiveFrom: v.effectiveFrom, tiers: v.tiers.map((t) => ({ uptoUnits: t.uptoUnits, price: t.price })), tou: tou.get(v.id) ?? null })),
  };
}

export function createTariffsService(deps: ServiceDeps) {
  return {
    async list(utility?: Utility): Promise<TariffView[]> {
      const rows = await listTariffs(deps.db, utility);
      return Promise.all(rows.map((row) => tariffView(deps.db, Number(row.id))));
    },

    async create(actor: Actor | null, input: { code: string; name: string; utility: Utility; category: CustomerCategory; period: TierPeriod; effectiveFrom: string; tiers: TierInput; tou?: TouInput }) {
      const tiers = toTiers(input.tiers);
      const tou = toTou(input.tou, input.utility);
      if (await findTariffByCode(deps.db, input.code)) throw new DomainError('tariff-code-taken');
      return inTransaction(deps, async (trx) => {
        // Checked again under a lock on the code: another counter may have created it since (a clear refusal, not a unique-key error).
        await advisoryXactLock(trx, `tariff-code:${input.code}`);
        if (await findTariffByCode(trx, input.code)) throw new DomainError('tariff-code-taken');
        const id = await insertTariff(trx, { ...input, at: nowIso(deps) });
        const versionId = await insertTariffVersion(trx, { tariffId: id, effectiveFrom: input.effectiveFrom, tiers, at: nowIso(deps), userId: actor?.userId ?? null });
        if (tou) await insertTouPrices(trx, versionId, tou);
        const view = await tariffView(trx, id);
        await appendAudit(trx, { at: nowIso(deps), userId: actor?.userId ?? null, action: 'tariff.create', entity: 'tariff', entityId: id, after: view });
        return view;
      });
    },

    /** A price change is a new version from a date on; versions are never edited (append-only in the database). */
    async addVersion(actor: Actor, input: { tariffId: number; effectiveFrom: string; tiers: TierInput; tou?: TouInput }) {
      const tiers = toTiers(input.tiers);
      if (input.effectiveFrom < businessDate(deps.clock.now())) throw new DomainError('tariff-version-in-past');
      return inTransaction(deps, async (trx) => {
        await advisoryXactLock(trx, `tariff:${input.tariffId}`); // its versions are checked, then one is added
        const before = await tariffView(trx, input.tariffId);
        if (before.versions.some((v) => v.effectiveFrom === input.effectiveFrom)) throw new DomainError('tariff-version-exists');
        const tou = toTou(input.tou, before.utility);
        const versionId = await insertTariffVersion(trx, { tariffId: input.tariffId, effectiveFrom: input.effectiveFrom, tiers, at: nowIso(deps), userId: actor.userId });
        if (tou) await insertTouPrices(trx, versionId, tou);
        const after = await tariffView(trx, input.tariffId);
        await appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: 'tariff.add-version', entity: 'tariff', entityId: input.tariffId, before, after });
        return after;
      });
    },
  };
}
