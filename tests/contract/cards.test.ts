/**
 * Cards through the contract (issue 6 items 3–5) on the simulated reader: issuing, a sale written to the card
 * and verified, the card inserted into a simulated card meter (the balance rises exactly once), the
 * purchase-count rule at the counter, an interrupted write settled by reconciliation (never both, never
 * neither), reversal while the meter has not loaded the purchase, loss and replacement with its fee.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../support/backend';
import { approvedBySupervisor } from '../support/approve';
import { READER, buildCardKit } from '../support/card-kit';
import type { CardKit } from '../support/card-kit';

let kit: CardKit;
const fx = () => kit.fx;
const money = (amount: number) => ({ mode: 'money' as const, amount });
const sell = (meterId: number, amount: number, extra: Record<string, number> = {}) =>
  fx().call('sales.sell', { meterId, request: money(amount), tendered: amount, idempotencyKey: fx().key(), ...extra }, fx().sessions.clerk1);
const writeState = async (writeId: number) => (await fx().sql.one<{ state: unknown }>('select state from card_write_events where write_id = ? order by id desc limit 1', [writeId])).state;

beforeAll(async () => {
  kit = await buildCardKit();
  await fx().ok('shifts.open', { float: 50_000 }, fx().sessions.clerk1);
});
afterAll(async () => { await fx().close(); });

describe('issuing a card (开户发卡)', () => {
  it('writes a blank card for a card meter, verified, and records it; a second card or a written card is refused', async () => {
    const { meterId, address } = await kit.cardMeter('money');
    const card = kit.blank();
    const issued = await fx().ok('cards.issue', { meterId }, fx().sessions.clerk1);
    expect(issued).toMatchObject({ meterId, kind: 'user', profile: 'halldesk-v1', blacklisted: false });
    expect(issued.writes).toEqual([expect.objectContaining({ kind: 'issue', state: 'completed', purchaseCount: 0 })]);
    expect(await kit.decode(card)).toMatchObject({ cardNumber: Number(issued.cardNo), meterNumber: address, purchaseCount: 0, macValid: true });
    expect((await fx().sql.one<{ card_no: unknown }>('select card_no from meters where id = ?', [meterId])).card_no).toBe(issued.cardNo);
    kit.blank();
    expect(refusal(await fx().call('cards.issue', { meterId }, fx().sessions.clerk1)).code).toBe('card-already-issued');
    const other = await kit.cardMeter('money');
    kit.insert(card);
    const before = await fx().counts();
    expect(refusal(await fx().call('cards.issue', { meterId: other.meterId }, fx().sessions.clerk1)).code).toBe('card-not-blank');
    expect(await fx().counts()).toEqual(before);
  });

  it('refuses a sale to a card meter that has no card, writing nothing — unless the hall\'s cards are another program\'s', async () => {
    const { meterId } = await kit.cardMeter('energy');
    const before = await fx().counts();
    expect(refusal(await sell(meterId, 5_000)).code).toBe('card-not-issued');
    expect(await fx().counts()).toEqual(before);
    expect(await fx().ok('cards.rules', {}, fx().sessions.clerk1)).toEqual({ unissuedCardSales: false });
    expect(refusal(await fx().call('cards.setRules', { unissuedCardSales: true, reason: '迁移' }, fx().sessions.supervisor)).code).toBe('forbidden');
    await fx().ok('cards.setRules', { unissuedCardSales: true, reason: '沿用旧系统卡' }, fx().sessions.admin);
    expect((await sell(meterId, 5_000)).ok).toBe(true);
    await fx().ok('cards.setRules', { unissuedCardSales: false, reason: '迁移完成' }, fx().sessions.admin);
    expect(Number((await fx().sql.one<{ n: number }>("select count(*) as n from audit_log where entity_id = 'card_rules'")).n)).toBe(2);
  });
});

describe('a check card (检查卡)', () => {
  it('is issued beside the user card, collects the meter\'s data in the meter and is read back as its reading', async () => {
    const { meterId, address } = await kit.cardMeter('money');
    kit.blank();
    await fx().ok('cards.issue', { meterId }, fx().sessions.clerk1);
    const check = kit.blank();
    const issued = await fx().ok('cards.issue', { meterId, kind: 'check' }, fx().sessions.clerk1);
    expect(issued).toMatchObject({ kind: 'check', meterId });
    expect(await kit.decode(check)).toMatchObject({ cardType: 'check', purchaseCount: 0, macValid: true });
    const meter = kit.simMeter(address, 'money', 7);
    expect(await kit.intoMeter(check, meter)).toMatchObject({ outcome: 'checked', purchaseCount: 7 });
    const back = await fx().ok('cards.readBack', {}, fx().sessions.clerk1);
    expect(back).toMatchObject({ meterId, countLoaded: 7 });
    const reading = await fx().sql.one('select purchase_count, flags from meter_readings where id = ?', [back.readingId]);
    expect(reading).toEqual({ purchase_count: 7, flags: '["card-write-back"]' });
  });
});

describe('a card sale', () => {
  it('journals the exact bytes, writes and verifies them; the meter credits the purchase exactly once', async () => {
    const { meterId, address } = await kit.cardMeter('money');
    const card = kit.blank();
    await fx().ok('cards.issue', { meterId }, fx().sessions.clerk1);
    expect(refusal(await fx().call('cards.readBack', {}, fx().sessions.clerk1)).code).toBe('card-no-write-back');
    const sale = await fx().ok('sales.sell', { meterId, request: money(5_000), tendered: 5_000, idempotencyKey: fx().key() }, fx().sessions.clerk1);
    expect(sale.cardWrite).toMatchObject({ state: 'pending' });
    const written = await fx().ok('cards.write', { writeId: sale.cardWrite!.writeId }, fx().sessions.clerk1);
    expect(written).toMatchObject({ state: 'completed', kind: 'purchase', purchaseCount: 1, amount: 5_000, receiptNo: sale.receiptNo });
    expect(await kit.decode(card)).toMatchObject({ purchase: { measure: 'fen', amount: 5_000 }, purchaseCount: 1, macValid: true });
    const status = await fx().ok('cards.status', {}, fx().sessions.clerk1);
    expect(status.card).toMatchObject({ state: 'ours', meterId, purchaseCount: 1, loaded: false, blacklisted: false, triesLeft: 3 });

    const meter = kit.simMeter(address, 'money');
    expect(await kit.intoMeter(card, meter)).toMatchObject({ outcome: 'credited', remaining: 5_000, purchaseCount: 1 });
    expect(await kit.intoMeter(card, meter)).toMatchObject({ outcome: 'already-loaded', remaining: 5_000 });
    expect(meter.state().remaining).toBe(5_000);
    const back = await fx().ok('cards.readBack', {}, fx().sessions.clerk1);
    expect(back).toMatchObject({ meterId, remaining: 5_000, countLoaded: 1 });
    expect((await fx().ok('cards.status', {}, fx().sessions.clerk1)).card?.loaded).toBe(true);

    const second = await fx().ok('sales.sell', { meterId, request: money(2_000), tendered: 2_000, idempotencyKey: fx().key() }, fx().sessions.clerk1);
    await fx().ok('cards.write', { writeId: second.cardWrite!.writeId }, fx().sessions.clerk1);
    expect(await kit.intoMeter(card, meter)).toMatchObject({ outcome: 'credited', remaining: 7_000, purchaseCount: 2 });
    await kit.expectBooksWhole();
  });

  it('refuses a new sale while the last purchase has not reached the meter, unless approved; then they add up under one count', async () => {
    const { meterId, address } = await kit.cardMeter('energy');
    const card = kit.blank();
    await fx().ok('cards.issue', { meterId }, fx().sessions.clerk1);
    const first = await fx().ok('sales.sell', { meterId, request: money(4_883), tendered: 4_883, idempotencyKey: fx().key() }, fx().sessions.clerk1);
    await fx().ok('cards.write', { writeId: first.cardWrite!.writeId }, fx().sessions.clerk1);
    const before = await fx().counts();
    expect(refusal(await sell(meterId, 4_883)).code).toBe('card-purchase-not-loaded');
    expect(await fx().counts()).toEqual(before);
    const approvalId = await approvedBySupervisor(fx(), { kind: 'card_unloaded', meterId }, fx().sessions.clerk1);
    const second = await fx().ok('sales.sell', { meterId, request: money(4_883), tendered: 4_883, idempotencyKey: fx().key(), loadApprovalId: approvalId }, fx().sessions.clerk1);
    const written = await fx().ok('cards.write', { writeId: second.cardWrite!.writeId }, fx().sessions.clerk1);
    expect(written).toMatchObject({ purchaseCount: 1, amount: first.creditedToMeter + second.creditedToMeter });
    const meter = kit.simMeter(address, 'energy');
    expect(await kit.intoMeter(card, meter)).toMatchObject({ outcome: 'credited', remaining: first.creditedToMeter + second.creditedToMeter, purchaseCount: 1 });
  });
});

describe('an interrupted write', () => {
  it('card pulled mid-write: stays sent; reinserted, reconcile finds it missing, voids it and reverses the sale (never both, never neither)', async () => {
    const { meterId } = await kit.cardMeter('money');
    const card = kit.blank();
    await fx().ok('cards.issue', { meterId }, fx().sessions.clerk1);
    const sale = await fx().ok('sales.sell', { meterId, request: money(3_000), tendered: 3_000, idempotencyKey: fx().key() }, fx().sessions.clerk1);
    kit.readers.applyFault(READER, { kind: 'removed-mid-write', afterBytes: 10 });
    const interrupted = refusal(await fx().call('cards.write', { writeId: sale.cardWrite!.writeId }, fx().sessions.clerk1));
    expect(interrupted).toMatchObject({ code: 'card-write-interrupted', params: { code: 'card-removed' } });
    expect(await writeState(sale.cardWrite!.writeId)).toBe('sent');
    kit.readers.clearFaults(READER);
    kit.insert(card);
    const status = await fx().ok('cards.status', {}, fx().sessions.clerk1);
    expect(status.openWrites).toEqual([expect.objectContaining({ id: sale.cardWrite!.writeId, state: 'sent' })]);
    const settled = await fx().ok('cards.reconcile', {}, fx().sessions.clerk1);
    expect(settled.voided.map((w) => w.id)).toEqual([sale.cardWrite!.writeId]);
    expect(settled.reversedReceipts).toHaveLength(1);
    const after = await fx().ok('sales.get', { saleId: sale.id }, fx().sessions.clerk1);
    expect(after.reversal?.receiptNo).toBe(settled.reversedReceipts[0]);
    expect(after.cardWrite?.state).toBe('voided');
    const reversal = await fx().sql.one('select cause, approval_id from sale_reversals where sale_id = ?', [sale.id]);
    expect(reversal).toEqual({ cause: 'card_void', approval_id: null });
    expect((await fx().sql.one<{ credit_fen: unknown }>('select credit_fen from meters where id = ?', [meterId])).credit_fen).toBe(0);
    await kit.expectBooksWhole();
  });

  it('a retry after a lost confirmation finds the bytes on the card and completes without writing twice', async () => {
    const { meterId } = await kit.cardMeter('money');
    kit.blank();
    await fx().ok('cards.issue', { meterId }, fx().sessions.clerk1);
    const sale = await fx().ok('sales.sell', { meterId, request: money(1_000), tendered: 1_000, idempotencyKey: fx().key() }, fx().sessions.clerk1);
    kit.readers.applyFault(READER, { kind: 'removed-mid-write', afterBytes: 1_000 });
    await fx().call('cards.write', { writeId: sale.cardWrite!.writeId }, fx().sessions.clerk1);
    kit.readers.clearFaults(READER);
    const settled = await fx().ok('cards.reconcile', {}, fx().sessions.clerk1);
    expect(settled).toMatchObject({ voided: [], reversedReceipts: [] });
    expect(await writeState(sale.cardWrite!.writeId)).toBe('completed');
  });

  it('a wrong PSC is not retried: the write fails and reconcile voids the sale', async () => {
    const { meterId } = await kit.cardMeter('money');
    kit.blank();
    await fx().ok('cards.issue', { meterId }, fx().sessions.clerk1);
    const sale = await fx().ok('sales.sell', { meterId, request: money(1_500), tendered: 1_500, idempotencyKey: fx().key() }, fx().sessions.clerk1);
    kit.readers.applyFault(READER, { kind: 'wrong-psc' });
    expect(refusal(await fx().call('cards.write', { writeId: sale.cardWrite!.writeId }, fx().sessions.clerk1)).code).toBe('card-wrong-psc');
    expect(await writeState(sale.cardWrite!.writeId)).toBe('failed');
    kit.readers.clearFaults(READER);
    const settled = await fx().ok('cards.reconcile', {}, fx().sessions.clerk1);
    expect(settled.reversedReceipts).toHaveLength(1);
    await kit.expectBooksWhole();
  });
});

describe('reversing a card sale', () => {
  it('is refused through sales.reverse once on the card; with the card in the reader the purchase is taken off first', async () => {
    const { meterId, address } = await kit.cardMeter('money');
    const card = kit.blank();
    await fx().ok('cards.issue', { meterId }, fx().sessions.clerk1);
    const sale = await fx().ok('sales.sell', { meterId, request: money(2_500), tendered: 2_500, idempotencyKey: fx().key() }, fx().sessions.clerk1);
    await fx().ok('cards.write', { writeId: sale.cardWrite!.writeId }, fx().sessions.clerk1);
    const approvalId = await approvedBySupervisor(fx(), { kind: 'reversal', saleId: sale.id }, fx().sessions.clerk1);
    const input = { saleId: sale.id, approvalId, reason: '收错金额', idempotencyKey: fx().key() };
    expect(refusal(await fx().call('sales.reverse', input, fx().sessions.clerk1)).code).toBe('reversal-card-on-card');
    const reversal = await fx().ok('cards.reverseSale', input, fx().sessions.clerk1);
    expect(reversal).toMatchObject({ saleId: sale.id, cause: 'approved', approvalId });
    expect(await kit.decode(card)).toMatchObject({ purchaseCount: 0, purchase: { amount: 0 } });
    expect(await kit.intoMeter(card, kit.simMeter(address, 'money'))).toMatchObject({ outcome: 'already-loaded', remaining: 0 });
    await kit.expectBooksWhole();
  });

  it('is refused once the meter has loaded the purchase', async () => {
    const { meterId, address } = await kit.cardMeter('money');
    const card = kit.blank();
    await fx().ok('cards.issue', { meterId }, fx().sessions.clerk1);
    const sale = await fx().ok('sales.sell', { meterId, request: money(2_500), tendered: 2_500, idempotencyKey: fx().key() }, fx().sessions.clerk1);
    await fx().ok('cards.write', { writeId: sale.cardWrite!.writeId }, fx().sessions.clerk1);
    await kit.intoMeter(card, kit.simMeter(address, 'money'));
    const approvalId = await approvedBySupervisor(fx(), { kind: 'reversal', saleId: sale.id }, fx().sessions.clerk1);
    const before = await fx().counts();
    expect(refusal(await fx().call('cards.reverseSale', { saleId: sale.id, approvalId, reason: '退', idempotencyKey: fx().key() }, fx().sessions.clerk1)).code).toBe('reversal-consumed');
    expect(await fx().counts()).toEqual(before);
  });
});

describe('loss and replacement (挂失, 补卡)', () => {
  it('blacklists the lost card, and a replacement carries the purchase count and takes the fee under a receipt', async () => {
    const { meterId, address } = await kit.cardMeter('money');
    const lost = kit.blank();
    const first = await fx().ok('cards.issue', { meterId }, fx().sessions.clerk1);
    const sale = await fx().ok('sales.sell', { meterId, request: money(6_000), tendered: 6_000, idempotencyKey: fx().key() }, fx().sessions.clerk1);
    await fx().ok('cards.write', { writeId: sale.cardWrite!.writeId }, fx().sessions.clerk1);
    expect((await fx().ok('cards.reportLoss', { meterId, reason: '客户遗失' }, fx().sessions.clerk1)).blacklisted).toBe(true);
    kit.insert(lost);
    expect((await fx().ok('cards.status', {}, fx().sessions.clerk1)).card?.blacklisted).toBe(true);
    expect(refusal(await sell(meterId, 1_000)).code).toBe('card-not-issued');
    const fresh = kit.blank();
    const key = fx().key();
    const noApproval = refusal(await fx().call('cards.replace', { meterId, approvalId: 999_999, tendered: 5_000, idempotencyKey: key }, fx().sessions.clerk1));
    expect(noApproval.code).toBe('not-found');
    const approvalId = await approvedBySupervisor(fx(), { kind: 'card_replacement', meterId }, fx().sessions.clerk1);
    const replaced = await fx().ok('cards.replace', { meterId, approvalId, tendered: 5_000, idempotencyKey: key }, fx().sessions.clerk1);
    expect(replaced).toMatchObject({ oldCardNo: first.cardNo, fee: 2_000, change: 3_000, replayed: false });
    expect(replaced.card.cardNo).not.toBe(first.cardNo);
    expect(await kit.decode(fresh)).toMatchObject({ purchaseCount: 1, purchase: { amount: 6_000 }, cardNumber: Number(replaced.card.cardNo) });
    // The unloaded purchase travels on the new card: the meter takes it once.
    expect(await kit.intoMeter(fresh, kit.simMeter(address, 'money'))).toMatchObject({ outcome: 'credited', remaining: 6_000 });
    const again = await fx().ok('cards.replace', { meterId, approvalId, tendered: 5_000, idempotencyKey: key }, fx().sessions.clerk1);
    expect(again).toMatchObject({ replayed: true, feeReceiptNo: replaced.feeReceiptNo });
    await kit.expectBooksWhole();
  });
});

