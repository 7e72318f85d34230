import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../meter-port';
import {
  FC_ACREL_PREPAID_WRITE, decodeModbusReply, decodeReadReply, decodeWriteReply, encodeReadHolding, encodeWriteMultiple, encodeWriteSingle,
} from '../../codecs/modbus-rtu';
import { ManualClock } from '../clock';
import { ElectricityMeter } from '../electricity-meter';
import { modbusResponder } from './modbus';

function setup(options: Partial<ConstructorParameters<typeof ElectricityMeter>[0]> = {}) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 16));
  const meter = new ElectricityMeter({ address: '3', clock, remaining: 12_345, purchaseCount: 7, ...options });
  const ask = (request: Uint8Array) => {
    const parsed = modbusResponder.parse(request);
    if (!parsed || parsed.address !== '3') return null;
    return modbusResponder.answer(meter, parsed.request);
  };
  return { clock, meter, ask };
}

const u32 = (r: number[], i: number) => ((r[i]! << 16) | r[i + 1]!) >>> 0;

function exceptionOf(request: Uint8Array, reply: Uint8Array | null): number {
  try {
    decodeModbusReply(request, reply!);
  } catch (error) {
    if (error instanceof ProtocolError && error.code === 'exception') return error.detail['exceptionCode'] as number;
    throw error;
  }
  throw new Error('no exception');
}

describe('Modbus responder (Acrel DDSY1352 map)', () => {
  it('answers the prepaid poll block 0x0200×48 with remaining, purchase count and status word', () => {
    const { ask, clock } = setup();
    clock.advance(3_600_000);
    const request = encodeReadHolding(3, 0x0200, 48);
    const registers = decodeReadReply(request, ask(request)!);
    expect(registers).toHaveLength(48);
    expect(registers[0]).toBe(7); // model code DDSY1352
    expect(u32(registers, 0x1f)).toBeLessThan(12_345);
    expect(registers[0x21]).toBe(7);
    expect(registers[0x24]! & 0x2000).not.toBe(0); // relay L1 closed
    expect(registers[0x24]! & 0x0008).not.toBe(0); // prepaid control on
    expect(u32(registers, 0x15)).toBeGreaterThan(0); // total energy after an hour
  });

  it('answers the metering block at 0000H and the parameter block 0x0046×28', () => {
    const { ask, meter } = setup();
    const metering = encodeReadHolding(3, 0x0000, 17);
    expect(u32(decodeReadReply(metering, ask(metering)!), 0)).toBe(meter.state().totalEnergy);
    const params = encodeReadHolding(3, 0x0046, 28);
    const p = decodeReadReply(params, ask(params)!);
    expect([u32(p, 0), p[8], u32(p, 9), u32(p, 0x13)]).toEqual([2000, 7, 12_345, 5883]);
  });

  it('answers exception 02 outside the map and 01 for an unknown function; no reply to other units', () => {
    const { ask } = setup();
    const outside = encodeReadHolding(3, 0x0100, 2);
    expect(exceptionOf(outside, ask(outside))).toBe(2);
    const straddle = encodeReadHolding(3, 0x022e, 4);
    expect(exceptionOf(straddle, ask(straddle))).toBe(2);
    expect(ask(encodeReadHolding(4, 0x0200, 48))).toBeNull();
    const corrupted = encodeReadHolding(3, 0x0200, 48);
    corrupted[7] = corrupted[7]! ^ 0xff;
    expect(ask(corrupted)).toBeNull();
    const single = encodeWriteSingle(3, 0x0057, 1);
    expect(exceptionOf(single, ask(single))).toBe(3);
  });

  it('trips and closes the relay with FC10 at 0x0057', () => {
    const { ask, meter } = setup();
    const trip = encodeWriteMultiple(3, 0x0057, [1, 1]);
    decodeWriteReply(trip, ask(trip)!);
    expect(meter.state().relay).toBe('open');
    const close = encodeWriteMultiple(3, 0x0057, [1, 0]);
    decodeWriteReply(close, ask(close)!);
    expect(meter.state()).toMatchObject({ relay: 'closed', forced: 'close' });
    const bad = encodeWriteMultiple(3, 0x0058, [1, 1]);
    expect(exceptionOf(bad, ask(bad))).toBe(2);
  });

  it('FC 0xAA sets remaining and purchase count only when the count is current + 1', () => {
    const { ask, meter } = setup();
    const read = encodeReadHolding(3, 0x0046, 28);
    const params = decodeReadReply(read, ask(read)!);
    const write = (count: number, remaining: number) => {
      const values = [...params];
      values[8] = count;
      values[9] = remaining >>> 16;
      values[10] = remaining & 0xffff;
      return encodeWriteMultiple(3, 0x0046, values, FC_ACREL_PREPAID_WRITE);
    };
    // FC 0xAA already has bit 7 set, so its exception reply (AA | 80 = AA) differs from the normal one only by
    // its length: 8 bytes echo start and quantity, 5 bytes carry an exception code.
    const accepted = (request: Uint8Array) => {
      const reply = ask(request)!;
      expect(reply.length).toBe(8);
      expect([...reply.subarray(0, 6)]).toEqual([...request.subarray(0, 6)]);
    };
    const topUp = write(8, 50_000);
    accepted(topUp);
    expect(meter.state()).toMatchObject({ remaining: 50_000, purchaseCount: 8 });
    const replay = write(8, 90_000);
    accepted(replay); // the same count: parameters only, no credit
    expect(meter.state()).toMatchObject({ remaining: 50_000, purchaseCount: 8 });
    const gap = write(10, 90_000);
    const refused = ask(gap)!;
    expect([refused.length, refused[1], refused[2]]).toEqual([5, 0xaa, 3]);
    expect(meter.state()).toMatchObject({ remaining: 50_000, purchaseCount: 8 });
  });

  it('applies a broadcast (unit 0) write to every meter without answering', () => {
    const { meter } = setup();
    const parsed = modbusResponder.parse(encodeWriteMultiple(0, 0x0057, [1, 1]))!;
    expect(parsed.address).toBeNull();
    modbusResponder.broadcast([meter], parsed.request);
    expect(meter.state().relay).toBe('open');
  });
});
