/**
 * Remote recharge (issue 5 item 5) through the sale pipeline, against simulated Modbus meters behind a loopback
 * TCP gateway (startGateway + BusRegistry: the real socket and bus code). The journal goes pending → sent →
 * verified → completed; a timeout or a crash anywhere never credits the meter twice and never loses the payment.
 */
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend, sqlOf } from '../support/backend';
import type { SqlRunner } from '../support/sql';
import type { Fixture } from '../support/backend';
import { approved, expectBooksOk, meterRow, openShifts, refused, sold } from './money-kit';
import { createBackend } from '../../electron/main/composition';
import type { Backend } from '../../electron/main/composition';
import { verifyBooks } from '../../electron/db/verify';
import { buildBus, ManualClock, startGateway } from '../../electron/hardware/meters/sim';
import type { ElectricityMeter, FaultKind, SimBus, SimGateway, SimMeterLike } from '../../electron/hardware/meters/sim';
import { BusRegistry } from '../../electron/hardware/meters/transport/bus-registry';
import { parseLineSettings } from '../../electron/hardware/meters/meter-port';
import type { Exchange } from '../../electron/hardware/meters/meter-port';
import { writeRecharge, readPurchase } from '../../electron/hardware/meters/codecs/drivers';
import type { ExchangeFor } from '../../electron/services/remote-recharge-service';
import type { SaleView } from '../../shared/contract/views';

const LINE = parseLineSettings('115200,8N1')!;
const START_REMAINING = 5_000;
const START_COUNT = 3;

/** The simulated gateway and what the tests steer: a fault on the next recharge frame, or the whole port down. */
interface Sim {
  bus: SimBus<SimMeterLike, unknown>;
  gateway: SimGateway;
  registry: BusRegistry;
  addressOf: Map<number, string>;
  /** A fault the sim applies to the next FC 0xAA (recharge) frame only: the pre-read and the read-back pass. */
  onRecharge: FaultKind | null;
  /** The port refuses before touching anything (no bus configured, a crash before sending). */
  down: boolean;
}

let sim: Sim;
let nextAddress = 0;

const exchangeFor: ExchangeFor = (meterId) => {
  if (sim.down) throw new Error('the bus is down');
  const address = sim.addressOf.get(meterId);
  if (!address) throw new Error(`meter ${meterId} is not on the simulator`);
  const bus = sim.registry.get('gw');
  const exchange: Exchange = (request, frameLength, options) => {
    if (request[1] === 0xaa && sim.onRecharge) {
      sim.bus.setFault(address, { kind: sim.onRecharge, count: 1 });
      sim.onRecharge = null;
    }
    return bus.exchange(request, frameLength, options);
  };
  return { exchange, target: { protocol: 'modbus', address: Number(address), model: 'DDSY1352' } };
};

const simMeter = (address: string) => (sim.bus.meter(address) as ElectricityMeter).state();

/** A new account with a remotely credited meter on the simulated gateway (bus, protocol and address by SQL). */
async function remoteMeter(fx: Fixture, kind: 'money' | 'energy' = 'money') {
  nextAddress += 1;
  const address = String(nextAddress);
  const account = await fx.openAccount([fx.newMeter(kind, { creditVia: 'remote', cardNo: null, commAddress: address, model: 'DDSY1352' })]);
  const meterId = account.meters[0]!.id;
  let bus = (await fx.sql.all<{ id: number }>("select id from meter_buses where code = 'SIM-GW'"))[0]?.id;
  if (bus === undefined) {
    bus = (await fx.sql.one<{ id: number }>(`insert into meter_buses (code, name, kind, endpoint, baud_rate, data_bits, parity, stop_bits, reply_timeout_ms, created_at)
      values ('SIM-GW', '模拟网关', 'tcp-raw', ?, 115200, 8, 'none', 1, 200, ?) returning id`, [`${sim.gateway.host}:${sim.gateway.port}`, fx.clock.now().toISOString()])).id;
  }
  await fx.sql.run("update meters set bus_id = ?, protocol = 'modbus' where id = ?", [bus, meterId]);
  sim.addressOf.set(meterId, address);
  return { meterId, address, accountId: account.id };
}

const events = async (sql: SqlRunner, writeId: number) => (await sql.all<{ state: string; detail: string }>('select state, detail from meter_write_events where write_id = ? order by id', [writeId]))
  .map((e) => ({ state: e.state, detail: JSON.parse(e.detail) as Record<string, unknown> }));
const states = async (sql: SqlRunner, writeId: number) => (await events(sql, writeId)).map((e) => e.state);
const writeRow = (sql: SqlRunner, writeId: number) => sql.one<{ sale_id: number; meter_id: number; kind: string; purchase_count: number | null; amount: number }>(
  'select sale_id, meter_id, kind, purchase_count, amount from meter_writes where id = ?', [writeId]);
const saleExists = async (sql: SqlRunner, saleId: number) => Number((await sql.one<{ n: number }>('select count(*) as n from sales where id = ?', [saleId])).n) === 1;
const writeIdOf = (sale: SaleView) => {
  if (!sale.delivery) throw new Error(`sale ${sale.receiptNo} has no remote delivery`);
  return sale.delivery.writeId;
};

async function reverse(fx: Fixture, sale: SaleView) {
  const approval = await approved(fx, { kind: 'reversal', saleId: sale.id });
  return { saleId: sale.id, approvalId: approval.id, reason: '远程充值未到表', idempotencyKey: fx.key() };
}

/** A crash: the backend goes away with whatever the journal says; a new one opens the same data folder. */
async function crashAndRestart(fx: Fixture): Promise<Backend> {
  await fx.backend.close();
  return createBackend({ dataDir: fx.dataDir, clock: fx.clock, counterCode: 'A01', exchangeFor, log: (error) => fx.logged.push(error) });
}

beforeAll(async () => {
  const bus = buildBus({ protocol: 'modbus', meters: 16, line: LINE, clock: new ManualClock(), turnaroundMs: 0, electricity: { remaining: START_REMAINING, purchaseCount: START_COUNT } });
  const gateway = await startGateway({ bus, mode: 'raw' });
  const registry = new BusRegistry([{ id: 'gw', kind: 'tcp-raw', host: gateway.host, port: gateway.port, line: LINE, timeouts: { replyTimeoutMs: 200, retries: 0 } }]);
  sim = { bus, gateway, registry, addressOf: new Map(), onRecharge: null, down: false };
});
afterAll(async () => {
  await sim.registry.closeAll();
  await sim.gateway.close();
});

describe('remote recharge through the sale pipeline', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await buildBackend({ exchangeFor });
    await openShifts(fx, 0, ['clerk1']);
  });
  afterEach(async () => {
    sim.bus.clearFault();
    sim.onRecharge = null;
    sim.down = false;
    await expectBooksOk(fx);
  });
  afterAll(() => fx.close());

  it('a remote sale delivers and completes: the meter moved once, and the next sale carries the next count', async () => {
    const { meterId, address } = await remoteMeter(fx);
    const sale = await sold(fx, meterId, 10_000);
    expect(sale.delivery).toEqual({ state: 'completed', writeId: expect.any(Number) });
    const writeId = writeIdOf(sale);
    expect(await states(fx.sql, writeId)).toEqual(['pending', 'sent', 'verified', 'completed']);
    // The first write to a meter takes its count from the meter (3 → 4); it was pinned in 'sent'.
    expect(await writeRow(fx.sql, writeId)).toEqual({ sale_id: sale.id, meter_id: meterId, kind: 'recharge', purchase_count: null, amount: 10_000 });
    expect((await events(fx.sql, writeId))[1]!.detail).toMatchObject({ purchaseCount: START_COUNT + 1, remainingBefore: START_REMAINING, attempt: 1 });
    expect(simMeter(address)).toMatchObject({ remaining: START_REMAINING + 10_000, purchaseCount: START_COUNT + 1 });
    expect(await fx.ok('sales.get', { saleId: sale.id }, fx.sessions.clerk1)).toEqual({ ...sale, replayed: false });

    // The second sale's count comes from the journal.
    const second = await sold(fx, meterId, 2_000);
    expect(second.delivery?.state).toBe('completed');
    expect((await writeRow(fx.sql, writeIdOf(second))).purchase_count).toBe(START_COUNT + 2);
    expect(simMeter(address)).toMatchObject({ remaining: START_REMAINING + 12_000, purchaseCount: START_COUNT + 2 });
    expect(await fx.ok('recharges.pending', {}, fx.sessions.clerk1)).toEqual([]);

    // A retried sale (same key) answers the stored sale and writes nothing, on the meter either.
    const counts = await fx.counts();
    expect(await fx.ok('recharges.retry', { writeId: writeIdOf(second) }, fx.sessions.clerk1)).toMatchObject({ state: 'completed', purchaseCount: START_COUNT + 2 });
    expect(await fx.counts()).toEqual(counts);
    expect(simMeter(address).purchaseCount).toBe(START_COUNT + 2);

    // The meter has taken it: the reversal is refused and nothing is written.
    await refused(fx, 'sales.reverse', await reverse(fx, second), fx.sessions.clerk1, 'reversal-consumed');
  });

  it('an energy meter is credited in 0.01 kWh', async () => {
    const { meterId, address } = await remoteMeter(fx, 'energy');
    const sale = await sold(fx, meterId, 10_000);
    expect(sale).toMatchObject({ creditKind: 'energy', creditedToMeter: 20_400, delivery: { state: 'completed' } });
    expect(simMeter(address)).toMatchObject({ remaining: START_REMAINING + 20_400, purchaseCount: START_COUNT + 1 });
  });

  it('no reply to the recharge: the write stays sent; reconcile after the fault clears completes it without a second credit', async () => {
    const { meterId, address } = await remoteMeter(fx);
    sim.onRecharge = 'no-reply';
    const sale = await sold(fx, meterId, 3_000);
    expect(sale.delivery?.state).toBe('sent');
    expect(await saleExists(fx.sql, sale.id)).toBe(true);
    expect(simMeter(address)).toMatchObject({ remaining: START_REMAINING, purchaseCount: START_COUNT });
    const pending = await fx.ok('recharges.pending', {}, fx.sessions.supervisor);
    expect(pending).toEqual([expect.objectContaining({ writeId: writeIdOf(sale), saleId: sale.id, state: 'sent', purchaseCount: START_COUNT + 1, amount: 3_000 })]);
    expect(pending[0]!.lastError).toMatch(/timeout|timed out|no reply/i);
    // A sent write is never reversed while it is unconfirmed.
    await refused(fx, 'sales.reverse', await reverse(fx, sale), fx.sessions.clerk1, 'reversal-recharge-in-flight');

    await fx.backend.services.recharges.reconcile();
    expect(await states(fx.sql, writeIdOf(sale))).toEqual(['pending', 'sent', 'sent', 'verified', 'completed']);
    expect(simMeter(address)).toMatchObject({ remaining: START_REMAINING + 3_000, purchaseCount: START_COUNT + 1 });
    await fx.backend.services.recharges.reconcile();
    expect(simMeter(address)).toMatchObject({ remaining: START_REMAINING + 3_000, purchaseCount: START_COUNT + 1 });
    expect((await fx.ok('sales.get', { saleId: sale.id }, fx.sessions.clerk1)).delivery?.state).toBe('completed');
  });

  it('a meter that does not answer at all: the write stays pending (nothing sent); retry completes it once', async () => {
    const { meterId, address } = await remoteMeter(fx);
    sim.bus.setFault(address, { kind: 'no-reply' });
    const sale = await sold(fx, meterId, 4_000);
    expect(sale.delivery?.state).toBe('pending');
    expect(await states(fx.sql, writeIdOf(sale))).toEqual(['pending']);
    sim.bus.clearFault(address);
    const retried = await fx.ok('recharges.retry', { writeId: writeIdOf(sale) }, fx.sessions.clerk1);
    expect(retried).toMatchObject({ state: 'completed', purchaseCount: START_COUNT + 1, lastError: null });
    expect(simMeter(address)).toMatchObject({ remaining: START_REMAINING + 4_000, purchaseCount: START_COUNT + 1 });
  });

  it('a count the meter does not expect fails the write for a supervisor, who may reverse the sale (voiding the write)', async () => {
    const { meterId, address, accountId } = await remoteMeter(fx);
    const first = await sold(fx, meterId, 1_000);
    expect(first.delivery?.state).toBe('completed');
    // The meter is recharged twice behind the hall's back (another system, a hand-held programmer).
    const { exchange, target } = await exchangeFor(meterId);
    for (const count of [START_COUNT + 2, START_COUNT + 3]) await writeRecharge(exchange, target, { amount: 500, purchaseCount: count });
    const remainingBefore = (await readPurchase(exchange, target)).remaining;

    const sale = await sold(fx, meterId, 2_500);
    expect(sale.delivery?.state).toBe('failed');
    expect(await saleExists(fx.sql, sale.id)).toBe(true);
    expect(simMeter(address)).toMatchObject({ remaining: remainingBefore, purchaseCount: START_COUNT + 3 });
    const [failed] = await fx.ok('recharges.pending', {}, fx.sessions.supervisor);
    expect(failed).toMatchObject({
      saleId: sale.id, state: 'failed',
      lastEvent: { state: 'failed', detail: { reason: 'count-mismatch', meterCount: START_COUNT + 3, purchaseCount: START_COUNT + 2, meterHasIt: false } },
    });
    // reconcile leaves failed writes to the supervisor.
    await fx.backend.services.recharges.reconcile();
    expect(await states(fx.sql, writeIdOf(sale))).toEqual(['pending', 'failed']);

    const before = await meterRow(fx, meterId);
    const reversal = await fx.ok('sales.reverse', await reverse(fx, sale), fx.sessions.clerk1);
    expect(reversal).toMatchObject({ saleId: sale.id, amount: 2_500 });
    expect(await states(fx.sql, writeIdOf(sale))).toEqual(['pending', 'failed', 'voided']);
    expect((await events(fx.sql, writeIdOf(sale))).at(-1)!.detail).toEqual({ reversalId: reversal.id, reversalReceiptNo: reversal.receiptNo });
    expect((await meterRow(fx, meterId)).remaining).toBe(before.remaining - 2_500);
    expect((await fx.ok('sales.get', { saleId: sale.id }, fx.sessions.clerk1)).delivery?.state).toBe('voided');
    expect(await fx.ok('recharges.pending', {}, fx.sessions.supervisor)).toEqual([]);
    expect(simMeter(address).purchaseCount).toBe(START_COUNT + 3);
    expect(accountId).toBeGreaterThan(0);
  });

  it('a pending write is voided by a reversal and never sent afterwards', async () => {
    const { meterId, address } = await remoteMeter(fx);
    sim.down = true;
    const sale = await sold(fx, meterId, 1_500);
    expect(sale.delivery?.state).toBe('pending');
    await fx.ok('sales.reverse', await reverse(fx, sale), fx.sessions.clerk1);
    sim.down = false;
    await fx.backend.services.recharges.reconcile();
    expect(await states(fx.sql, writeIdOf(sale))).toEqual(['pending', 'voided']);
    expect(simMeter(address)).toMatchObject({ remaining: START_REMAINING, purchaseCount: START_COUNT });
  });
});

describe('a journaled recharge survives a crash', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    sim.bus.clearFault();
    sim.onRecharge = null;
    sim.down = false;
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function crashFixture() {
    const fx = await buildBackend({ exchangeFor });
    await openShifts(fx, 0, ['clerk1']);
    return fx;
  }

  it('between send and verify: the meter applied it, the reply was lost; after the restart reconcile completes it without resending', async () => {
    const fx = await crashFixture();
    const { meterId, address } = await remoteMeter(fx);
    sim.onRecharge = 'lost-reply';
    const sale = await sold(fx, meterId, 6_000);
    const writeId = writeIdOf(sale);
    expect(sale.delivery?.state).toBe('sent');
    // The meter has it; the journal only knows it was sent.
    expect(simMeter(address)).toMatchObject({ remaining: START_REMAINING + 6_000, purchaseCount: START_COUNT + 1 });

    const backend = await crashAndRestart(fx);
    cleanups.push(async () => { await backend.close(); await rm(fx.dataDir, { recursive: true, force: true }); });
    await backend.services.recharges.reconcile();
    const raw = sqlOf(backend);
    expect(await states(raw, writeId)).toEqual(['pending', 'sent', 'verified', 'completed']);
    expect((await events(raw, writeId))[2]!.detail).toMatchObject({ how: 'read-back', purchaseCount: START_COUNT + 1, remaining: START_REMAINING + 6_000 });
    // Credited exactly once; the payment is on the books.
    expect(simMeter(address)).toMatchObject({ remaining: START_REMAINING + 6_000, purchaseCount: START_COUNT + 1 });
    expect(await saleExists(raw, sale.id)).toBe(true);
    expect((await backend.services.sales.get(sale.id)).delivery).toEqual({ state: 'completed', writeId });
    expect((await verifyBooks(backend.database.db)).filter((c) => !c.ok)).toEqual([]);
  });

  it('after pending, before sent: the restart sends it once', async () => {
    const fx = await crashFixture();
    const { meterId, address } = await remoteMeter(fx);
    sim.down = true;
    const sale = await sold(fx, meterId, 7_000);
    const writeId = writeIdOf(sale);
    expect(sale.delivery?.state).toBe('pending');
    sim.down = false;

    const backend = await crashAndRestart(fx);
    cleanups.push(async () => { await backend.close(); await rm(fx.dataDir, { recursive: true, force: true }); });
    await backend.services.recharges.reconcile();
    const raw = sqlOf(backend);
    expect(await states(raw, writeId)).toEqual(['pending', 'sent', 'verified', 'completed']);
    expect(simMeter(address)).toMatchObject({ remaining: START_REMAINING + 7_000, purchaseCount: START_COUNT + 1 });
    await backend.services.recharges.reconcile();
    expect(simMeter(address)).toMatchObject({ remaining: START_REMAINING + 7_000, purchaseCount: START_COUNT + 1 });
    expect(await saleExists(raw, sale.id)).toBe(true);
    expect((await verifyBooks(backend.database.db)).filter((c) => !c.ok)).toEqual([]);
  });

  it('sent and the meter never got it (no reply, no action): the restart resends once', async () => {
    const fx = await crashFixture();
    const { meterId, address } = await remoteMeter(fx);
    sim.onRecharge = 'no-reply';
    const sale = await sold(fx, meterId, 8_000);
    const writeId = writeIdOf(sale);
    expect(sale.delivery?.state).toBe('sent');
    expect(simMeter(address).purchaseCount).toBe(START_COUNT);

    const backend = await crashAndRestart(fx);
    cleanups.push(async () => { await backend.close(); await rm(fx.dataDir, { recursive: true, force: true }); });
    await backend.services.recharges.reconcile();
    expect(await states(sqlOf(backend), writeId)).toEqual(['pending', 'sent', 'sent', 'verified', 'completed']);
    expect(simMeter(address)).toMatchObject({ remaining: START_REMAINING + 8_000, purchaseCount: START_COUNT + 1 });
    expect((await verifyBooks(backend.database.db)).filter((c) => !c.ok)).toEqual([]);
  });
});
