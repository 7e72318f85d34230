/**
 * Remote recharge (issue 5 item 5): a networked meter is credited through the same sale pipeline as a card
 * sale. The sale transaction commits the payment together with the intent — a `meter_writes` row and its
 * 'pending' event (recordRemoteRecharge) — so a payment is never lost. Delivery then runs the journal:
 *
 *   pending ──read the meter's count──► sent ──writeRecharge, read back──► verified ──► completed
 *      │ (count is not intended − 1)      │ (count read back is neither intended nor intended − 1)
 *      └────────────► failed ◄────────────┘                     pending / failed ──reversal──► voided
 *
 * Rules that keep the meter from being credited twice:
 *   - 'sent' is committed BEFORE the device is touched, so after a crash the journal always knows a write
 *     may have happened;
 *   - a 'sent' write is never blindly resent: its meter's purchase count is read first. Count = intended →
 *     it was applied (verified, completed); count = intended − 1 → it was not, resend (and writeRecharge
 *     itself writes nothing when the meter already carries the count); anything else → 'failed' for a supervisor;
 *   - a timeout, or any communication error, leaves the write where it was ('pending' or 'sent'), never
 *     'failed': `reconcile()` (at backend start, and `recharges.retry`) picks it up again;
 *   - a meter's writes go one at a time and in order (a per-meter queue; a later write waits for an earlier
 *     open one), and every state change re-checks the state in the transaction that records it, so a
 *     reversal that voided a pending write stops its delivery.
 * Failed writes are not retried automatically: a supervisor reverses the sale (allowed for pending and failed
 * writes, which it voids) or retries it (`recharges.retry`).
 *
 * The hardware is reached through an injected port, `exchangeFor(meterId) → { exchange, target }`, which the
 * composition root wires to the bus registry; this service never opens a bus itself.
 */
import { readPurchase, writeRecharge, PurchaseCountError, UnsupportedOperationError } from '../hardware/meters/codecs/drivers';
import { lockRowsForUpdate } from '../db/repositories/locks';
import type { MeterTarget, PurchaseState, RechargeOutcome } from '../hardware/meters/codecs/drivers';
import type { Exchange } from '../hardware/meters/meter-port';
import { appendAudit } from '../db/repositories/audit-repository';
import {
  appendWriteEvent, eventsOfWrite, findMeterWrite, lastEvent, openWrites, writesOfMeter, writeState,
} from '../db/repositories/meter-writes-repository';
import type { MeterWriteRow, MeterWriteState } from '../db/repositories/meter-writes-repository';
import { insertMeterWrite } from '../db/repositories/meter-writes-repository';
import type { MeterRow } from '../db/repositories/meters-repository';
import type { Db } from '../db/repositories/db';
import { found, inTransaction } from './deps';
import type { Actor, ServiceDeps } from './deps';
import type { RechargeView, WriteEventDetail } from '../../shared/contract/recharge-views';

/** How the journal reaches one meter: its bus's exchange and the driver's target. */
export interface MeterLink {
  readonly exchange: Exchange;
  readonly target: MeterTarget;
}
export type ExchangeFor = (meterId: number) => MeterLink | Promise<MeterLink>;

/** The port before the composition root wires the bus registry: nothing is touched, writes stay pending. */
export const NO_METER_PORT: ExchangeFor = () => {
  throw new Error('no meter communication is configured on this workstation');
};

/** Whether a sale on this meter is delivered remotely: credited remotely, on a bus, by energy or money. */
export function isRemoteRecharge(meter: Pick<MeterRow, 'credit_via' | 'credit_kind'> & { bus_id: number | null }): boolean {
  return meter.credit_via === 'remote' && meter.bus_id !== null && (meter.credit_kind === 'money' || meter.credit_kind === 'energy');
}

/** The count a write must leave on the meter: fixed at sale time, or pinned by its first 'sent' event. */
async function intendedCount(db: Db, write: MeterWriteRow): Promise<number | null> {
  if (write.purchase_count !== null) return Number(write.purchase_count);
  const sent = (await eventsOfWrite(db, Number(write.id))).find((e) => e.state === 'sent');
  const pinned = sent?.detail['purchaseCount'];
  return typeof pinned === 'number' ? pinned : null;
}

/**
 * Inside the sale's transaction: the intent to credit the meter, with its 'pending' event. The purchase count
 * is the previous write's + 1 when the meter's previous (not voided) write is on the journal and did not
 * fail; otherwise null, and delivery reads the meter's own count (see 0090-meter-writes.ts).
 */
export async function recordRemoteRecharge(db: Db, sale: { saleId: number; meterId: number; amount: number; at: string }): Promise<number> {
  const previous = (await writesOfMeter(db, sale.meterId)).filter((w) => w.state !== 'voided').at(-1);
  const previousCount = previous && previous.state !== 'failed' ? await intendedCount(db, previous) : null;
  const writeId = await insertMeterWrite(db, {
    sale_id: sale.saleId, meter_id: sale.meterId, kind: 'recharge', purchase_count: previousCount === null ? null : previousCount + 1,
    amount: sale.amount, created_at: sale.at,
  });
  await appendWriteEvent(db, writeId, 'pending', sale.at, {});
  return writeId;
}

/** What a communication error says, for the journal and the view. */
function describeError(error: unknown): { error: string; message: string } {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'error';
  return { error: code, message: error instanceof Error ? error.message : String(error) };
}

/** The read-back agrees with the write: the count, and (when this run wrote it) a remaining the top-up is in. */
function consistent(read: PurchaseState, intended: number, amount: number, outcome: RechargeOutcome | null): boolean {
  if (read.purchaseCount !== intended) return false;
  if (!outcome || !outcome.applied) return true;
  // Between the write and the read the meter can only have used some of it, never all of a fresh top-up.
  return read.remaining <= outcome.remainingAfter && read.remaining > outcome.remainingAfter - amount;
}

export function createRemoteRechargeService(deps: ServiceDeps, exchangeFor: ExchangeFor = NO_METER_PORT) {
  const queues = new Map<number, Promise<unknown>>();
  /** The last communication error of a write in this process (timeouts leave no event). */
  const lastErrors = new Map<number, string>();

  /** Runs `work` after everything queued for this meter. */
  function onMeter<T>(meterId: number, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(meterId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    queues.set(meterId, settled);
    void settled.then(() => { if (queues.get(meterId) === settled) queues.delete(meterId); });
    return next;
  }

  /** Appends an event if the write is still in one of `from`; false when something else moved it meanwhile. */
  async function transition(write: MeterWriteRow, from: readonly MeterWriteState[], to: MeterWriteState, detail: WriteEventDetail, actor: Actor | null): Promise<boolean> {
    return inTransaction(deps, async (trx) => {
      // The write's row lock makes this compare-and-append one step across counters: of two counters delivering
      // the same write, one moves it to 'sent' and sends; the other waits, finds it 'sent' and sends nothing.
      await lockRowsForUpdate(trx, 'meter_writes', [Number(write.id)]);
      const state = await writeState(trx, Number(write.id));
      if (!from.includes(state)) return false;
      const at = deps.clock.now().toISOString();
      await appendWriteEvent(trx, Number(write.id), to, at, detail);
      if (to === 'completed' || to === 'failed') {
        await appendAudit(trx, {
          at, userId: actor?.userId ?? null, action: `meter-write.${to}`, entity: 'meter_write', entityId: Number(write.id),
          after: { saleId: Number(write.sale_id), meterId: Number(write.meter_id), ...detail },
        });
      }
      return true;
    });
  }

  async function complete(write: MeterWriteRow, from: readonly MeterWriteState[], read: PurchaseState, actor: Actor | null, how: string): Promise<void> {
    if (await transition(write, from, 'verified', { purchaseCount: read.purchaseCount, remaining: read.remaining, how }, actor)) {
      await transition(write, ['verified'], 'completed', {}, actor);
    }
  }

  const fail = (write: MeterWriteRow, from: readonly MeterWriteState[], detail: WriteEventDetail, actor: Actor | null) =>
    transition(write, from, 'failed', detail, actor);

  /** Records 'sent', then writes and reads back. Errors after 'sent' leave it 'sent'. */
  async function send(write: MeterWriteRow, link: MeterLink, from: readonly MeterWriteState[], intended: number, before: PurchaseState, actor: Actor | null): Promise<void> {
    const amount = Number(write.amount);
    const attempt = (await eventsOfWrite(deps.db, Number(write.id))).filter((e) => e.state === 'sent').length + 1;
    if (!await transition(write, from, 'sent', { purchaseCount: intended, remainingBefore: before.remaining, attempt }, actor)) return;
    let outcome: RechargeOutcome;
    try {
      outcome = await writeRecharge(link.exchange, link.target, { amount, purchaseCount: intended });
    } catch (error) {
      // Both refuse before writing anything: the meter was not credited.
      if (error instanceof PurchaseCountError) {
        await fail(write, ['sent'], { reason: 'count-mismatch', meterCount: error.meterCount, purchaseCount: intended, meterHasIt: false }, actor);
        return;
      }
      if (error instanceof UnsupportedOperationError) {
        await fail(write, ['sent'], { reason: 'unsupported', message: error.message, meterHasIt: false }, actor);
        return;
      }
      throw error;
    }
    const read = await readPurchase(link.exchange, link.target);
    if (consistent(read, intended, amount, outcome)) {
      await complete(write, ['sent'], read, actor, outcome.applied ? 'written' : 'already-applied');
      return;
    }
    await fail(write, ['sent'], {
      reason: read.purchaseCount === intended ? 'remaining-inconsistent' : 'not-taken', meterCount: read.purchaseCount,
      remaining: read.remaining, purchaseCount: intended, meterHasIt: read.purchaseCount === intended,
    }, actor);
  }

  /** A pending write: settle its count from the journal or the meter, check the meter is where it should be, send. */
  async function deliverPending(write: MeterWriteRow, link: MeterLink, actor: Actor | null): Promise<void> {
    const earlier = (await writesOfMeter(deps.db, Number(write.meter_id))).filter((w) => Number(w.id) < Number(write.id) && w.state !== 'voided').at(-1);
    if (earlier && earlier.state !== 'completed' && earlier.state !== 'failed') {
      lastErrors.set(Number(write.id), `waiting for write ${earlier.id}`);
      return;
    }
    const before = await readPurchase(link.exchange, link.target);
    let intended = await intendedCount(deps.db, write);
    if (intended === null) {
      const earlierCount = earlier && earlier.state === 'completed' ? await intendedCount(deps.db, earlier) : null;
      intended = earlierCount === null ? before.purchaseCount + 1 : earlierCount + 1;
    }
    if (before.purchaseCount !== intended - 1) {
      await fail(write, ['pending'], {
        reason: before.purchaseCount === intended ? 'count-taken-before-send' : 'count-mismatch', meterCount: before.purchaseCount,
        purchaseCount: intended, meterHasIt: false,
      }, actor);
      return;
    }
    await send(write, link, ['pending'], intended, before, actor);
  }

  /** A write that may have reached the meter: the meter's count decides, never a blind resend. */
  async function deliverSent(write: MeterWriteRow, link: MeterLink, state: MeterWriteState, actor: Actor | null): Promise<void> {
    const intended = await intendedCount(deps.db, write);
    if (intended === null) {
      await fail(write, [state], { reason: 'count-unknown', meterHasIt: false }, actor);
      return;
    }
    const read = await readPurchase(link.exchange, link.target);
    if (read.purchaseCount === intended) {
      await complete(write, [state], read, actor, 'read-back');
      return;
    }
    if (read.purchaseCount === intended - 1) {
      await send(write, link, [state], intended, read, actor);
      return;
    }
    if (state === 'sent') {
      await fail(write, ['sent'], { reason: 'count-mismatch', meterCount: read.purchaseCount, purchaseCount: intended, meterHasIt: false }, actor);
    }
  }

  async function deliverNow(writeId: number, actor: Actor | null, includeFailed: boolean): Promise<void> {
    const write = found(await findMeterWrite(deps.db, writeId), 'meter write');
    const state = await writeState(deps.db, writeId);
    if (state === 'verified') {
      await transition(write, ['verified'], 'completed', {}, actor);
      return;
    }
    if (state === 'completed' || state === 'voided' || (state === 'failed' && !includeFailed)) return;
    let link: MeterLink;
    try {
      link = await exchangeFor(Number(write.meter_id));
    } catch (error) {
      lastErrors.set(writeId, describeError(error).message);
      return;
    }
    try {
      if (state === 'pending') await deliverPending(write, link, actor);
      else await deliverSent(write, link, state, actor);
      if (await writeState(deps.db, writeId) === 'completed') lastErrors.delete(writeId);
    } catch (error) {
      // A timeout or any communication error: the write stays where it is, for reconcile.
      if (error instanceof UnsupportedOperationError && await writeState(deps.db, writeId) === 'pending') {
        await fail(write, ['pending'], { reason: 'unsupported', message: error.message, meterHasIt: false }, actor);
        return;
      }
      lastErrors.set(writeId, describeError(error).message);
    }
  }

  /** Runs the journal for one write now (after the sale commits, or on retry); never throws for the device. */
  async function deliver(writeId: number, actor: Actor | null = null, includeFailed = false): Promise<MeterWriteState> {
    const write = found(await findMeterWrite(deps.db, writeId), 'meter write');
    await onMeter(Number(write.meter_id), () => deliverNow(writeId, actor, includeFailed));
    return writeState(deps.db, writeId);
  }

  async function view(db: Db, writeId: number): Promise<RechargeView> {
    const write = found(await findMeterWrite(db, writeId), 'meter write');
    const sale = await db.selectFrom('sales as s').innerJoin('meters as m', 'm.id', 's.meter_id')
      .select(['s.receipt_no', 'm.meter_no']).where('s.id', '=', Number(write.sale_id)).executeTakeFirstOrThrow();
    const last = await lastEvent(db, writeId);
    return {
      writeId, saleId: Number(write.sale_id), receiptNo: sale.receipt_no, meterId: Number(write.meter_id), meterNo: sale.meter_no,
      amount: Number(write.amount), purchaseCount: await intendedCount(db, write), state: last.state, createdAt: write.created_at,
      lastEvent: { state: last.state, at: last.at, detail: last.detail as WriteEventDetail }, lastError: lastErrors.get(writeId) ?? null,
    };
  }

  /** Every write not completed or voided (failed ones wait for a supervisor), oldest first. */
  async function reconcile(): Promise<void> {
    for (const write of await openWrites(deps.db)) {
      if (write.state !== 'failed') await deliver(Number(write.id));
    }
  }

  return {
    deliver,
    reconcile,
    /** recharges.retry: this write now, whatever its state (a failed one is re-checked against the meter). */
    async retry(actor: Actor, writeId: number): Promise<RechargeView> {
      await deliver(writeId, actor, true);
      return view(deps.db, writeId);
    },
    async pending(): Promise<RechargeView[]> {
      const views: RechargeView[] = [];
      for (const write of await openWrites(deps.db)) views.push(await view(deps.db, Number(write.id)));
      return views;
    },
    view: (writeId: number) => view(deps.db, writeId),
  };
}

export type RemoteRechargeService = ReturnType<typeof createRemoteRechargeService>;
