import { describe, expect, it } from 'vitest';
import { ProtocolError, type Exchange } from '../meter-port';
import { CJT188_READ, encodeCjt188ErrorReply, encodeCjt188Metering, encodeCjt188Reply, encodeCjt188Status, parseCjt188Request } from './cjt188';
import { encodeDlt645ErrorReply, encodeDlt645ReadReply, encodeDlt645Reply, encodeDlt645Value, parseDlt645Request } from './dlt645-slave';
import { broadcastTime, controlRelay, controlValve, PurchaseCountError, readMeter, readPurchase, UnsupportedOperationError, writeRecharge } from './drivers';
import { encodeExceptionReplyFrame, encodeReadReplyFrame, encodeWriteMultipleReplyFrame, parseModbusRequest } from './modbus-slave';
import { pollBlock } from './test-helpers';

/** In-memory bus: the slave handler answers each request; frameLength must delimit the reply exactly. */
function memoryExchange(slave: (request: Uint8Array) => Uint8Array | null): Exchange & { log: Uint8Array[] } {
  const log: Uint8Array[] = [];
  const exchange = async (request: Uint8Array, frameLength: (b: Uint8Array) => number | null, options?: { expectReply?: boolean }) => {
    log.push(request);
    const reply = slave(request);
    if (options?.expectReply === false) return new Uint8Array(0);
    if (!reply) throw new ProtocolError('timeout', 'no reply');
    expect(frameLength(reply)).toBe(reply.length);
    return reply;
  };
  return Object.assign(exchange, { log });
}

/** A DDSY1352 at unit 1 with registers as a sparse map. */
function acrelSlave(registers: Map<number, number>) {
  return (frame: Uint8Array): Uint8Array => {
    const request = parseModbusRequest(frame);
    if (request.unit !== 1) throw new Error('wrong unit');
    if (request.kind === 'read') {
      return encodeReadReplyFrame(1, request.functionCode, Array.from({ length: request.count }, (_, i) => registers.get(request.start + i) ?? 0));
    }
    if (request.kind === 'write-multiple') {
      request.values.forEach((v, i) => registers.set(request.start + i, v));
      return encodeWriteMultipleReplyFrame(1, request.functionCode, request.start, request.values.length);
    }
    return encodeExceptionReplyFrame(1, request.functionCode, 1);
  };
}

function acrelRegisters(): Map<number, number> {
  const registers = new Map<number, number>();
  pollBlock().forEach((v, i) => registers.set(0x200 + i, v));
  registers.set(0x4e, 3); registers.set(0x4f, 0); registers.set(0x50, 5000); registers.set(0x57, 1); registers.set(0x58, 1);
  return registers;
}

const modbus = { protocol: 'modbus', address: 1, model: 'DDSY1352' } as const;

describe('Modbus driver (DDSY1352)', () => {
  it('reads the poll block', async () => {
    const exchange = memoryExchange(acrelSlave(acrelRegisters()));
    await expect(readMeter(exchange, modbus)).resolves.toMatchObject({ total: 1234567, remaining: 98765, purchaseCount: 3, relay: 'closed' });
    expect(exchange.log).toHaveLength(1);
    await expect(readPurchase(exchange, modbus)).resolves.toEqual({ remaining: 98765, purchaseCount: 3 });
  });
  it('trips and closes the relay with FC10 at 0x0057', async () => {
    const registers = acrelRegisters();
    const exchange = memoryExchange(acrelSlave(registers));
    await controlRelay(exchange, modbus, 'close');
    expect([registers.get(0x57), registers.get(0x58)]).toEqual([1, 0]);
    await controlRelay(exchange, modbus, 'trip');
    expect([registers.get(0x57), registers.get(0x58)]).toEqual([1, 1]);
    await expect(controlRelay(exchange, modbus, 'keep-power')).rejects.toBeInstanceOf(UnsupportedOperationError);
  });
  it('[I] recharges over FC 0xAA once per purchase count', async () => {
    const registers = acrelRegisters();
    const exchange = memoryExchange(acrelSlave(registers));
    await expect(writeRecharge(exchange, modbus, { amount: 10000, purchaseCount: 4 })).resolves.toEqual({ applied: true, remainingBefore: 5000, remainingAfter: 15000 });
    expect(exchange.log.at(-1)?.[1]).toBe(0xaa);
    expect([registers.get(0x4e), registers.get(0x50), registers.get(0x57), registers.get(0x58)]).toEqual([4, 15000, 0, 0]);
    await expect(writeRecharge(exchange, modbus, { amount: 10000, purchaseCount: 4 })).resolves.toMatchObject({ applied: false });
    await expect(writeRecharge(exchange, modbus, { amount: 10000, purchaseCount: 9 })).rejects.toBeInstanceOf(PurchaseCountError);
    await expect(writeRecharge(exchange, modbus, { amount: -1, purchaseCount: 5 })).rejects.toBeInstanceOf(RangeError);
  });
  it('surfaces exceptions and unknown models', async () => {
    const exchange = memoryExchange((frame) => encodeExceptionReplyFrame(1, frame[1] ?? 0, 2));
    await expect(readMeter(exchange, modbus)).rejects.toMatchObject({ code: 'exception', detail: { exceptionCode: 2 } });
    await expect(readMeter(exchange, { ...modbus, model: 'NOPE' })).rejects.toBeInstanceOf(UnsupportedOperationError);
    await expect(controlValve(exchange, modbus, 'open')).rejects.toBeInstanceOf(UnsupportedOperationError);
  });
});

const ADDR = '000000000042';
const dlt = { protocol: 'dlt645', address: ADDR } as const;

function dltSlave(values: Record<number, Uint8Array>, controls: number[] = []) {
  return (frame: Uint8Array): Uint8Array | null => {
    const request = parseDlt645Request(frame);
    if (request.kind === 'broadcast-time') return null;
    if (request.kind === 'control') { controls.push(request.n1); return encodeDlt645Reply(ADDR, 0x1c); }
    if (request.kind !== 'read') return encodeDlt645ErrorReply(ADDR, 0x14, 0x04);
    const value = values[request.di];
    return value ? encodeDlt645ReadReply(ADDR, request.di, value, 4) : encodeDlt645ErrorReply(ADDR, 0x11, 0x02);
  };
}

describe('DL/T 645 driver', () => {
  const values = { 0x00000000: encodeDlt645Value(123456, 4), 0x00900200: encodeDlt645Value(5000, 4), 0x03330201: encodeDlt645Value(7, 2) };
  it('reads energy and prepaid DIs, tolerating DIs without data', async () => {
    const exchange = memoryExchange(dltSlave(values));
    await expect(readMeter(exchange, dlt)).resolves.toMatchObject({ total: 123456, remaining: 5000, overdraft: null, purchaseCount: 7, extra: {} });
    await expect(readPurchase(exchange, dlt)).resolves.toEqual({ remaining: 5000, purchaseCount: 7 });
    await expect(readMeter(memoryExchange(dltSlave({})), dlt)).rejects.toMatchObject({ code: 'exception' });
  });
  it('a late reply to an earlier request (another DI) is consumed and the request sent again', async () => {
    const slave = dltSlave(values);
    let stale: Uint8Array | null = encodeDlt645ReadReply(ADDR, 0x00010000, encodeDlt645Value(42, 4), 4);
    const exchange = memoryExchange((frame) => {
      const late = stale;
      stale = null;
      return late ?? slave(frame);
    });
    await expect(readPurchase(exchange, dlt)).resolves.toEqual({ remaining: 5000, purchaseCount: 7 });
    expect(exchange.log).toHaveLength(3);
  });
  it('sends the N1 codes of §2.3 and the time broadcast', async () => {
    const controls: number[] = [];
    const exchange = memoryExchange(dltSlave(values, controls));
    for (const action of ['trip', 'close', 'keep-power', 'keep-power-release'] as const) await controlRelay(exchange, dlt, action);
    await controlRelay(exchange, dlt, 'close', { closeMode: 'allow' });
    expect(controls).toEqual([0x1a, 0x1c, 0x3a, 0x3b, 0x1b]);
    await broadcastTime(exchange, new Date());
    await expect(writeRecharge(exchange, dlt, { amount: 100, purchaseCount: 8 })).rejects.toBeInstanceOf(UnsupportedOperationError);
  });
});

describe('CJ/T 188 driver', () => {
  const WATER = '00000000000777';
  const target = { protocol: 'cjt188', address: WATER } as const;
  let valve: 'open' | 'closed' = 'open';
  const slave = (frame: Uint8Array): Uint8Array => {
    const request = parseCjt188Request(frame);
    if (request.kind === 'read') {
      const payload = encodeCjt188Metering({ total: 4321, settlementTotal: 4000, clock: new Date(2024, 0, 1), status: encodeCjt188Status(valve) });
      return encodeCjt188Reply(0x10, WATER, CJT188_READ, request.di, request.ser, payload, 2);
    }
    if (request.kind === 'write' && request.value[0] === 0x99) valve = 'closed';
    else if (request.kind === 'write' && request.value[0] === 0x55) valve = 'open';
    else return encodeCjt188ErrorReply(0x10, WATER, 0x04, request.ser, 3);
    return encodeCjt188Reply(0x10, WATER, 0x04, request.di, request.ser, Uint8Array.of(encodeCjt188Status(valve), 0));
  };
  it('reads 901F and drives the valve', async () => {
    const exchange = memoryExchange(slave);
    await expect(readMeter(exchange, target)).resolves.toMatchObject({ total: 4321, valve: 'open' });
    await controlValve(exchange, target, 'close');
    await expect(readMeter(exchange, target)).resolves.toMatchObject({ valve: 'closed' });
    await expect(controlRelay(exchange, target, 'trip')).rejects.toBeInstanceOf(UnsupportedOperationError);
    await expect(readPurchase(exchange, target)).rejects.toBeInstanceOf(UnsupportedOperationError);
  });
});
