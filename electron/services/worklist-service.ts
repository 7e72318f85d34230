/**
 * Reminder worklists (issue 7 item 5): the lists by the rules of electron/domain/worklists, the contact log
 * (append-only reminder_contacts, audited), the settings and the list printed as the duplicate customer list.
 */
import { appendAudit } from '../db/repositories/audit-repository';
import { findMeter } from '../db/repositories/meters-repository';
import { getSetting, setSetting } from '../db/repositories/settings-repository';
import type { Db } from '../db/repositories/db';
import { businessDate } from '../domain/time/business-time';
import { daysBetween, worklistEntry } from '../domain/worklists/rules';
import type { LastContact, ListEntry, MeterFacts, RuleInput } from '../domain/worklists/rules';
import { listFilter } from '../domain/worklists/list-filter';
import { mergeWorklistSettings } from '../domain/worklists/settings';
import type { WorklistSettings } from '../domain/worklists/settings';
import { translatorCache } from '../../shared/i18n';
import type { Language } from '../../shared/i18n';
import { renderCustomerList } from './print-documents';
import { loadHallBalanceSettings } from './balance-service';
import { found, inTransaction, nowIso } from './deps';
import type { Actor, ServiceDeps } from './deps';
import { contactById, displayOf, firstTierPrices, lastSaleDates, latestContacts } from './worklist-queries';
import type { ContactRow } from './worklist-queries';
import { listedMeters } from './worklist-list-query';
import type { ListedMeter } from './worklist-list-query';
import type { ContractInput } from '../../shared/contract/methods';
import type { DocumentView } from '../../shared/contract/money-views';
import type { ContactView, WorklistKind, WorklistRowView, WorklistView } from '../../shared/contract/worklist-views';
import type { Utility } from '../../shared/vocabulary';

export const WORKLIST_SETTING = 'worklists';

export async function loadWorklistSettings(db: Db): Promise<WorklistSettings> {
  const stored = await getSetting(db, WORKLIST_SETTING);
  return mergeWorklistSettings(stored ? (JSON.parse(stored) as Partial<WorklistSettings>) : null);
}

interface Listed { readonly meter: ListedMeter; readonly entry: ListEntry; readonly contact: ContactRow | null }

const lastContact = (c: ContactRow): LastContact => ({ outcome: c.outcome, date: businessDate(new Date(c.at)), promisedDate: c.promisedDate });

/**
 * The list today: the database picks out and orders the listed meters by the rules restated as a set
 * predicate (domain/worklists/list-filter.ts); each row shown is judged again by the rules themselves, for
 * its reason and days left — and a row they would not list is a defect, not something to show.
 */
async function listed(db: Db, query: { kind: WorklistKind; area: string | undefined; today: string; limit: number }, settings: WorklistSettings): Promise<{ total: number; shown: Listed[] }> {
  const { kind, today } = query;
  const [prices, contacts, balance] = await Promise.all([firstTierPrices(db), latestContacts(db, kind), loadHallBalanceSettings(db)]);
  const lastContacts = new Map([...contacts].map(([meterId, c]) => [meterId, lastContact(c)]));
  const filter = listFilter({ kind, today, settings, alarmFen: balance.alarm1, prices, contacts: lastContacts });
  const { total, rows } = await listedMeters(db, filter, query.area, query.limit);
  const input: RuleInput = { today, settings, alarmFen: balance.alarm1 };
  const shown = rows.map((meter) => {
    const facts: MeterFacts = {
      meterId: meter.meterId, creditKind: meter.creditKind, balance: meter.balance, overdraft: meter.overdraft,
      price: prices.get(meter.tariffId) ?? 0, boughtInWindow: meter.bought, lastSaleDate: meter.lastSaleDate,
      // A meter sells only after it is installed: with a sale on record, the sale date stands for both.
      installedDate: meter.lastSaleDate ?? (kind === 'notRecharged' ? businessDate(new Date(meter.installedAt)) : today),
    };
    const entry = worklistEntry(kind, facts, lastContacts.get(meter.meterId) ?? null, input);
    if (!entry) throw new Error(`worklist ${kind}: meter ${meter.meterId} was selected but the rules do not list it`);
    return { meter, entry, contact: contacts.get(meter.meterId) ?? null };
  });
  return { total, shown };
}

function contactView(c: ContactRow): ContactView {
  return { ...c };
}

async function rowsOf(db: Db, shown: readonly Listed[], today: string): Promise<WorklistRowView[]> {
  const ids = shown.map((l) => l.meter.meterId);
  const display = await displayOf(db, ids);
  const older = await lastSaleDates(db, shown.filter((l) => l.meter.lastSaleDate === null).map((l) => l.meter.meterId));
  return shown.map((l) => {
    const d = found(display.get(l.meter.meterId), 'meter');
    const last = l.meter.lastSaleDate ?? older.get(l.meter.meterId) ?? null;
    return {
      meterId: l.meter.meterId, accountId: l.meter.accountId, accountNo: d.accountNo, customerName: d.customerName, phone: d.phone,
      address: d.address, area: d.area, meterNo: d.meterNo, utility: d.utility as Utility, creditKind: l.meter.creditKind,
      reason: l.entry.reason, balance: l.meter.balance, measure: l.meter.creditKind === 'energy' ? 'units' : 'fen',
      overdraft: l.meter.overdraft, daysLeft: l.entry.daysLeft, lastSaleDate: last,
      daysSinceSale: last === null ? null : daysBetween(last, today),
      lastContact: l.contact ? contactView(l.contact) : null,
    } satisfies WorklistRowView;
  });
}

export function createWorklistService(deps: ServiceDeps) {
  const translator = translatorCache();

  async function list(input: { kind: WorklistKind; area?: string; limit?: number }): Promise<WorklistView> {
    const today = businessDate(deps.clock.now());
    const settings = await loadWorklistSettings(deps.db);
    const { total, shown } = await listed(deps.db, { kind: input.kind, area: input.area, today, limit: input.limit ?? 200 }, settings);
    return { kind: input.kind, today, total, rows: await rowsOf(deps.db, shown, today) };
  }

  async function logContact(actor: Actor, input: ContractInput<'worklists.logContact'>): Promise<ContactView> {
    const meter = found(await findMeter(deps.db, input.meterId), 'meter');
    return inTransaction(deps, async (trx) => {
      const row = {
        account_id: Number(meter.account_id), meter_id: input.meterId, kind: input.kind, outcome: input.outcome,
        promised_date: input.promisedDate ?? null, note: input.note ?? null, user_id: actor.userId, at: nowIso(deps),
      };
      const inserted = await trx.insertInto('reminder_contacts').values(row).returning('id').executeTakeFirstOrThrow();
      await appendAudit(trx, { at: row.at, userId: actor.userId, action: 'worklist.contact', entity: 'meter', entityId: input.meterId, after: row });
      return contactView(await contactById(trx, Number(inserted.id)));
    });
  }

  async function setSettings(actor: Actor, next: WorklistSettings): Promise<WorklistSettings> {
    return inTransaction(deps, async (trx) => {
      const before = await loadWorklistSettings(trx);
      await setSetting(trx, WORKLIST_SETTING, JSON.stringify(next));
      await appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: 'worklist.settings', entity: 'settings', entityId: WORKLIST_SETTING, before, after: next });
      return loadWorklistSettings(trx);
    });
  }

  /** The list (up to 500 rows, the customer list's limit) as the duplicate customer list, A4. */
  async function print(actor: Actor, input: { kind: WorklistKind; area?: string }, language: Language): Promise<DocumentView> {
    const view = await list({ ...input, limit: 500 });
    const i18n = translator(language);
    const t = i18n.getFixedT(language, 'slips');
    const rows = view.rows.map((r) => ({
      accountNo: r.accountNo, customerName: r.customerName, phone: r.phone, address: r.address, meterNo: r.meterNo,
      amount: r.measure === 'fen' ? r.balance : null, note: t(`worklist.reason.${r.reason}`, { days: r.daysLeft ?? '', since: r.lastSaleDate ?? '—' }),
    }));
    const doc = await renderCustomerList(deps.db, { list: { title: t(`worklist.title.${input.kind}`), rows }, form: 'a4', userId: actor.userId, at: nowIso(deps) }, i18n, {});
    return { fileName: `worklist-${input.kind}-${view.today}.pdf`, pdfBase64: doc.bytes.toString('base64'), bytes: doc.bytes.length };
  }

  return { list, logContact, settings: () => loadWorklistSettings(deps.db), setSettings, print };
}
