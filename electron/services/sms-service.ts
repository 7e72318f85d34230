/**
 * SMS (issue 7 item 5): messages to customers through the configured port (GSM modem or HTTP gateway),
 * at most smsPerMinute a minute, every message and every state change in the append-only sms_messages /
 * sms_events, delivery reports recorded as they come. A message over the limit is recorded rate_limited —
 * queued — and the background retry (startRetries, where the counter runs) sends the queue oldest first as
 * the limit allows: rate_limited → sending → sent / failed. The port (a modem holds a serial port) is closed
 * with the backend (composition's close).
 */
import { sql } from 'kysely';
import { appendAudit } from '../db/repositories/audit-repository';
import type { Db } from '../db/repositories/db';
import { DomainError } from '../domain/errors';
import { fillTemplate } from '../domain/worklists/settings';
import type { WorklistSettings } from '../domain/worklists/settings';
import { httpGateway } from '../hardware/sms/sms-http';
import { openModem } from '../hardware/sms/sms-modem';
import { alphabetOf, splitText } from '../hardware/sms/pdu';
import { SmsError } from '../hardware/sms/sms-port';
import type { DeliveryReport, SmsPort } from '../hardware/sms/sms-port';
import { inTransaction, nowIso } from './deps';
import type { Actor, ServiceDeps } from './deps';
import { SYSTEM_TIMER } from './collection-scheduler';
import type { Timer } from './collection-scheduler';
import { loadWorklistSettings } from './worklist-service';
import type { ContractInput } from '../../shared/contract/methods';
import type { SmsDriver, SmsMessageView, SmsSendView, SmsState } from '../../shared/contract/worklist-views';

/** Opens the port the settings name; tests substitute their own. */
export type SmsPortFactory = (sms: WorklistSettings['sms']) => Promise<SmsPort>;

export const openSmsPort: SmsPortFactory = (sms) => (sms.driver === 'http' ? Promise.resolve(httpGateway(sms.target)) : openModem(sms.target));

async function recipients(db: Db, accountIds: readonly number[]) {
  return db.selectFrom('accounts as a').innerJoin('customers as c', 'c.id', 'a.customer_id')
    .select(['a.id', 'a.account_no', 'c.name', 'c.phone']).where('a.id', 'in', [...accountIds]).execute();
}

async function appendEvent(db: Db, messageId: number, state: SmsState, at: string, extra: { reference?: string; detail?: object } = {}): Promise<void> {
  await db.insertInto('sms_events').values({ message_id: messageId, state, at, reference: extra.reference ?? null, detail: JSON.stringify(extra.detail ?? {}) }).execute();
}

export async function smsViews(db: Db, filter: { accountId?: number; state?: SmsState; limit?: number; ids?: readonly number[] }): Promise<SmsMessageView[]> {
  const latest = db.selectFrom('sms_events').select(sql<number>`max(id)`.as('id')).groupBy('message_id');
  let query = db.selectFrom('sms_messages as m').innerJoin('sms_events as e', 'e.message_id', 'm.id').where('e.id', 'in', latest)
    .select(['m.id', 'm.account_id', 'm.phone', 'm.body', 'm.parts', 'm.driver', 'm.created_at', 'e.state', 'e.detail', 'e.at'])
    .orderBy('m.id', 'desc').limit(filter.limit ?? 100);
  if (filter.accountId !== undefined) query = query.where('m.account_id', '=', filter.accountId);
  if (filter.state !== undefined) query = query.where('e.state', '=', filter.state);
  if (filter.ids) query = query.where('m.id', 'in', filter.ids.length ? [...filter.ids] : [0]);
  return (await query.execute()).map((r) => {
    const detail = JSON.parse(r.detail) as { code?: string; message?: string };
    return {
      id: Number(r.id), accountId: Number(r.account_id), phone: r.phone, text: r.body, parts: Number(r.parts), driver: r.driver as SmsDriver,
      state: r.state as SmsState, error: detail.code ? { code: detail.code, message: detail.message ?? '' } : null, createdAt: r.created_at, updatedAt: r.at,
    };
  });
}

/** How often the queue of rate-limited messages is looked at (a minute's budget frees up gradually). */
export const SMS_RETRY_MS = 10_000;

type ContactKind = NonNullable<ContractInput<'sms.send'>['kind']>;

/** The queued (latest state rate_limited) messages, oldest first, with what the retry needs. */
async function queuedMessages(db: Db, limit: number) {
  const latest = db.selectFrom('sms_events').select(sql<number>`max(id)`.as('id')).groupBy('message_id');
  return db.selectFrom('sms_messages as m').innerJoin('sms_events as e', 'e.message_id', 'm.id').where('e.id', 'in', latest)
    .where('e.state', '=', 'rate_limited').select(['m.id', 'm.account_id', 'm.phone', 'm.body', 'm.requested_by', 'e.detail'])
    .orderBy('m.id').limit(limit).execute();
}

export function createSmsService(deps: ServiceDeps, portFactory: SmsPortFactory = openSmsPort, log: (error: unknown) => void = (e) => console.error('[halldesk] sms', e)) {
  let open: { key: string; port: SmsPort } | null = null;

  async function portFor(sms: WorklistSettings['sms']): Promise<SmsPort> {
    const key = `${sms.driver}:${sms.target}`;
    if (open?.key === key) return open.port;
    await open?.port.close();
    const port = await portFactory(sms);
    port.onDelivery((report) => void recordDelivery(report).catch(log));
    open = { key, port };
    return port;
  }

  async function recordDelivery(report: DeliveryReport): Promise<void> {
    const sent = await deps.db.selectFrom('sms_events').select('message_id').where('state', '=', 'sent')
      .where('reference', 'like', `%,${report.reference},%`).orderBy('id', 'desc').executeTakeFirst();
    if (!sent) return;
    await appendEvent(deps.db, Number(sent.message_id), report.delivered ? 'delivered' : 'failed', nowIso(deps),
      { detail: report.delivered ? { status: report.status } : { code: 'sms-not-delivered', message: `status ${report.status}`, status: report.status } });
  }

  async function sentLastMinute(): Promise<number> {
    const since = new Date(deps.clock.now().getTime() - 60_000).toISOString();
    const row = await deps.db.selectFrom('sms_events').select(sql<number>`count(*)`.as('n')).where('state', '=', 'sending').where('at', '>', since).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async function record(actor: Actor, account: { id: number; phone: string }, text: string, driver: SmsDriver, state: SmsState, kind?: ContactKind): Promise<number> {
    return inTransaction(deps, async (trx) => {
      const at = nowIso(deps);
      const row = { account_id: account.id, phone: account.phone, body: text, parts: splitText(text, alphabetOf(text)).length, driver, requested_by: actor.userId, created_at: at };
      const { id } = await trx.insertInto('sms_messages').values(row).returning('id').executeTakeFirstOrThrow();
      await appendEvent(trx, Number(id), state, at, state === 'rate_limited' ? { detail: { code: 'sms-rate-limited', message: 'over the per-minute limit, queued', ...(kind ? { kind } : {}) } } : {});
      await appendAudit(trx, { at, userId: actor.userId, action: 'sms.send', entity: 'account', entityId: account.id, after: { messageId: Number(id), state, phone: account.phone } });
      return Number(id);
    });
  }

  async function deliverOne(port: SmsPort, messageId: number, phone: string, text: string): Promise<boolean> {
    try {
      const sent = await port.send(phone, text);
      await appendEvent(deps.db, messageId, 'sent', nowIso(deps), { reference: `,${sent.references.join(',')},`, detail: { parts: sent.parts } });
      return true;
    } catch (error) {
      const code = error instanceof SmsError ? error.code : 'sms-port-error';
      await appendEvent(deps.db, messageId, 'failed', nowIso(deps), { detail: { code, message: error instanceof Error ? error.message : String(error) } });
      return false;
    }
  }

  async function logContacts(userId: number, accountId: number, kind: ContactKind): Promise<void> {
    const meters = await deps.db.selectFrom('meters').select('id').where('account_id', '=', accountId).where('status', '=', 'active').execute();
    await inTransaction(deps, async (trx) => {
      const at = nowIso(deps);
      for (const m of meters) {
        await trx.insertInto('reminder_contacts').values({ account_id: accountId, meter_id: Number(m.id), kind, outcome: 'sms_sent', promised_date: null, note: null, user_id: userId, at }).execute();
      }
      await appendAudit(trx, { at, userId, action: 'worklist.contact', entity: 'account', entityId: accountId, after: { kind, outcome: 'sms_sent', meters: meters.length } });
    });
  }

  async function send(actor: Actor, input: ContractInput<'sms.send'>): Promise<SmsSendView> {
    const settings = await loadWorklistSettings(deps.db);
    if (settings.sms.driver === 'none') throw new DomainError('sms-not-configured');
    const accounts = await recipients(deps.db, input.accountIds);
    if (accounts.length !== new Set(input.accountIds).size) throw new DomainError('not-found', { what: 'account' });
    const port = await portFor(settings.sms);
    // Queued messages go first: a new send only gets what the queue leaves of this minute's budget.
    let budget = settings.smsPerMinute - (await sentLastMinute()) - (await queuedMessages(deps.db, settings.smsPerMinute)).length;
    const ids: number[] = [];
    const noPhone: number[] = [];
    const tally = { sent: 0, failed: 0, rateLimited: 0 };
    for (const a of accounts) {
      if (!a.phone) { noPhone.push(Number(a.id)); continue; }
      const text = input.text ?? fillTemplate(settings.templates[input.template!], { name: a.name, accountNo: a.account_no });
      const limited = budget <= 0;
      const id = await record(actor, { id: Number(a.id), phone: a.phone }, text, settings.sms.driver, limited ? 'rate_limited' : 'sending', input.kind);
      ids.push(id);
      if (limited) { tally.rateLimited += 1; continue; }
      budget -= 1;
      const ok = await deliverOne(port, id, a.phone, text);
      tally[ok ? 'sent' : 'failed'] += 1;
      if (ok && input.kind) await logContacts(actor.userId, Number(a.id), input.kind);
    }
    return { ...tally, noPhone, messages: await smsViews(deps.db, { ids, limit: 500 }) };
  }

  /** Sends queued messages, oldest first, as far as this minute's budget allows; answers how many it tried. */
  async function sendQueued(): Promise<number> {
    const settings = await loadWorklistSettings(deps.db);
    if (settings.sms.driver === 'none') return 0;
    const budget = settings.smsPerMinute - (await sentLastMinute());
    if (budget <= 0) return 0;
    const queued = await queuedMessages(deps.db, budget);
    if (queued.length === 0) return 0;
    const port = await portFor(settings.sms);
    for (const m of queued) {
      await appendEvent(deps.db, Number(m.id), 'sending', nowIso(deps), { detail: { retry: true } });
      const ok = await deliverOne(port, Number(m.id), m.phone, m.body);
      const kind = (JSON.parse(m.detail) as { kind?: ContactKind }).kind;
      if (ok && kind && m.requested_by !== null) await logContacts(Number(m.requested_by), Number(m.account_id), kind);
    }
    return queued.length;
  }

  let retryHandle: unknown = null;
  let retrying: Promise<unknown> = Promise.resolve();

  /** The background retry of the queue every SMS_RETRY_MS on an injected timer (the counter's process only). */
  function startRetries(timer: Timer = SYSTEM_TIMER, everyMs = SMS_RETRY_MS): () => void {
    let stopped = false;
    // A modem that stays broken fails every round: its error is logged once, again only when it changes.
    let lastFailure: string | null = null;
    const failed = (error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      if (text !== lastFailure) log(error);
      lastFailure = text;
    };
    const arm = () => {
      retryHandle = timer.set(() => {
        retrying = sendQueued().then(() => { lastFailure = null; }, failed).finally(() => { if (!stopped) arm(); });
      }, everyMs);
    };
    arm();
    return () => { stopped = true; timer.clear(retryHandle); };
  }

  return {
    send,
    sendQueued,
    startRetries,
    status: (filter: ContractInput<'sms.status'>) => smsViews(deps.db, filter),
    /** Waits for a retry under way, then closes the port (a modem's serial port): the backend's shutdown. */
    close: async () => {
      await retrying;
      const port = open?.port;
      open = null;
      await port?.close();
    },
  };
}
