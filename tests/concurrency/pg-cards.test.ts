/**
 * "A card is locked while one counter works on it" (issue 8 item 2): a card write that one counter has begun
 * ('sent', the card maybe half written) is refused at another counter with a translated error naming the first,
 * instead of the purchase being written twice; the claim lapses after CARD_WRITE_CLAIM_MS (a counter that
 * crashed mid-write), and then the other counter may finish it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { simCard } from '../../electron/hardware/cards';
import type { SimCard } from '../../electron/hardware/cards';
import { CARD_WRITE_CLAIM_MS } from '../../electron/services/cards/card-journal';
import type { SaleView } from '../../shared/contract/views';
import { READER } from '../support/card-kit';
import { expectedMessage } from '../support/backend';
import { buildHall } from './hall-kit';
import type { Counter, Hall } from './hall-kit';

let hall: Hall | null = null;
afterEach(async () => {
  await hall?.close();
  hall = null;
});

function moveCard(card: SimCard, from: Counter, to: Counter): void {
  from.readers.clearFaults(READER);
  from.readers.remove(READER);
  to.readers.remove(READER);
  to.readers.insert(READER, card);
}

describe('a card write claimed by one counter (PostgreSQL)', () => {
  it('is refused at another counter until it completes or its claim lapses', async () => {
    hall = await buildHall(2);
    const [c1, c2] = hall.counters as [Counter, Counter];
    const account = await c1.ok('accounts.open', {
      customer: { name: '持卡客户', phone: '13800000002', category: 'residential' },
      premises: { area: '幸福小区', building: '2', unit: '1', room: '201' }, category: 'residential',
      meters: [{
        meterNo: 'M000002', utility: 'electricity', model: 'DDSY1352', serialNo: 'SN2', commAddress: '900000000002', creditKind: 'money',
        creditVia: 'card', unitStep: 1, creditCap: null, tariffId: hall.tariff, cardNo: null,
      }],
    });
    const meterId = account.meters[0]!.id;
    const card = simCard({}, 'blank');
    c1.readers.insert(READER, card);
    await c1.ok('cards.issue', { meterId });
    const sale = await c1.ok('sales.sell', { meterId, request: { mode: 'money', amount: 3_000 }, tendered: 3_000, idempotencyKey: 'card-claim-1' }) as SaleView;
    const writeId = sale.cardWrite!.writeId;
    // C01 starts writing and the card is pulled half way: the write stays 'sent', claimed by C01.
    c1.readers.applyFault(READER, { kind: 'removed-mid-write', afterBytes: 10 });
    const interrupted = await c1.call('cards.write', { writeId });
    expect(interrupted.ok ? null : interrupted.error.code).toBe('card-write-interrupted');

    moveCard(card, c1, c2);
    const refused = await c2.call('cards.write', { writeId });
    expect(refused.ok ? null : refused.error.code).toBe('card-write-in-progress');
    const params = refused.ok ? {} : refused.error.params ?? {};
    expect(params.counter).toBe('C01');
    expect(refused.ok ? null : refused.error.message).toBe(expectedMessage('card-write-in-progress', params));

    // C01 crashed for good: once the claim lapses, C02 finishes the write.
    hall.clock.advance(CARD_WRITE_CLAIM_MS + 1_000);
    for (const c of [c1, c2]) c.session = (await c.backend.dispatch('auth.login', { username: c.clerk, password: 'clerk1234' }, { session: null }).then((r) => (r.ok ? r.value as { session: string } : { session: '' }))).session;
    const written = await c2.call('cards.write', { writeId });
    expect(written.ok ? (written.value as { state: string }).state : written.error.code).toBe('completed');
  });
});
