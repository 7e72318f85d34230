/**
 * Reminder worklists (issue 7 item 5): the lists by the rules of electron/domain/worklists, the contact log
 * (append-only reminder_contacts, audited), the settings and the list printed as the duplicate customer list.
 */
import { appendAudit } from '../db/repositories/audit-repository';
import { findMeter } from '../db/repositories/meters-repository';
import { getSetting, setSetting } from '../db/repositories/settings-repository';
import type { Db } from '../db/repositories/db';
import { businessDate } from '../domain/time/business-time';
import { addDays, daysBetween, worklistEntry } from '../domain/worklists/rules';
import type { ListEntry, MeterFacts, RuleInput } from '../domain/worklists/rules';
import { mergeWorklistSettings } from '../domain/worklists/settings';
import type { WorklistSettings } from '../domain/worklists/settings';
import { translatorCache } from '../../shared/i18n';
import type { Language } from '../../shared/i18n';
import { renderCustomerList } from './print-documents';
import { loadHallBalanceSettings } from './balance-service';
import { found, inTransaction, nowIso } from './deps';
import type { Actor, ServiceDeps } from './deps';
import { activeMeterFacts, contactById, displayOf, firstTierPrices, lastSaleDates, latestContacts, salesWindowCache } from './worklist-queries';
import type { ContactRow, MeterFactRow, SalesWindow, WindowSales } from './worklist-queries';
import type { ContractInput } from '../../shared/contract/methods';
import type { DocumentView } from '../../shared/contract/money-views';
import type { ContactView, WorklistKind, WorklistRowView, WorklistView } from '../../shared/contract/worklist-views';
import type { Utility } from '../../shared/vocabulary';

export const WORKLIST_SETTING = 'worklists';

export async function loadWorklistSettings(db: Db): Promise<WorklistSettings> {
  const stored = await getSetting(db, WORKLIST_SETTING);
  return mergeWorklistSettings(stored ? (JSON.parse(stored) as Partial<WorklistSettings>) : null);
}

interface Listed { readonly meter: MeterFactRow; readonly entry: ListEntry; readonly lastSaleDate: string | null; readonly contact: ContactRow | null }

/** Worst first: arrears and low balance by days left then balance; not recharged by the oldest sale. */
function compare(a: Listed, b: Listed): number {
  // Plain code-unit comparison of ISO dates (localeCompare goes through ICU: slow over a whole hall).
  const [x, y] = [a.lastSaleDate ?? '', b.lastSaleDate ?? ''];
  const sale = x < y ? -1 : x > y ? 1 : 0;
  const days = (a.entry.daysLeft ?? Infinity) - (b.entry.daysLeft ?? Infinity);
  return (a.entry.reason === 'notRecharged' ? sale : days || a.meter.balance - b.meter.balance) || a.meter.meterId - b.meter.meterId;
}

/** Every meter on the list today (unsorted), by the domain rules over the set queries. */
async function listed(db: Db, query: { kind: WorklistKind; area: string | undefined; today: string }, settings: WorklistSettings, window: SalesWindow): Promise<Listed[]> {
  const { kind, area, today } = query;
  const [meters, prices, contacts, balance] = await Promise.all([activeMeterFacts(db, area, kind === 'arrears'), firstTierPrices(db), latestContacts(db, kind), loadHallBalanceSettings(db)]);
  // Arrears need no sales; low balance averages over its window; not recharged looks back its own span.
  const days = kind === 'lowBalance' ? settings.averageWindowDays : settings.notRechargedDays;
  const sales = kind === 'arrears' ? new Map<number, WindowSales>() : await window(db, addDays(today, -days));
  const input: RuleInput = { today, settings, alarmFen: balance.alarm1 };
  const out: Listed[] = [];
  // A plain literal per meter, no spread and no date parsing unless the list needs it: the loop runs over every meter of the hall.
  for (const meter of meters) {
    const s = sales.get(meter.meterId);
    const facts: MeterFacts = {
      meterId: meter.meterId, creditKind: meter.creditKind, balance: meter.balance, overdraft: meter.overdraft,
      price: prices.get(meter.tariffId) ?? 0, lastSaleDate: s ? s.lastDate : null,
      boughtInWindow: s ? (meter.creditKind === 'energy' ? s.units : s.fen) : 0,
      // A meter sells only after it is installed: with a sale on record, the sale date stands for both.
      installedDate: kind === 'notRecharged' && !s ? businessDate(new Date(meter.installedAt)) : s ? s.lastDate : today,
    };
    const contact = contacts.get(meter.meterId) ?? null;
    const entry = worklistEntry(kind, facts, contact ? { outcome: contact.outcome, date: businessDate(new Date(contact.at)), promisedDate: contact.promisedDate } : null, input);
    if (entry) out.push({ meter, entry, lastSaleDate: facts.lastSaleDate, contact });
  }
  return out;
}

function contactView(c: ContactRow): ContactView {
  return { ...c };
}

async function rowsOf(db: Db, shown: readonly Listed[], today: string): Promise<WorklistRowView[]> {
  const ids = shown.map((l) => l.meter.meterId);
  const display = await displayOf(db, ids);
  const older = await lastSaleDates(db, shown.filter((l) => l.lastSaleDate === null).map((l) => l.meter.meterId));
  return shown.map((l) => {
    const d = found(display.get(l.meter.meterId), 'meter');
    const last = l.lastSaleDate ?? older.get(l.meter.meterId) ?? null;
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
  // One cache per list kind: each kind has its own window start.
  const windows = { lowBalance: salesWindowCache(), arrears: salesWindowCache(), notRecharged: salesWindowCache() };

  async function list(input: { kind: WorklistKind; area?: string; limit?: number }): Promise<WorklistView> {
    const today = businessDate(deps.clock.now());
    const settings = await loadWorklistSettings(deps.db);
    const all = (await listed(deps.db, { kind: input.kind, area: input.area, today }, settings, windows[input.kind])).sort(compare);
    const shown = all.slice(0, input.limit ?? 200);
    return { kind: input.kind, today, total: all.length, rows: await rowsOf(deps.db, shown, today) };
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
