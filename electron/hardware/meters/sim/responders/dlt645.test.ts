import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../meter-port';
import { numberToBcd } from '../../codecs/bcd';
import {
  DLT645_N1, decodeDlt645Reply, decodeDlt645ReadReply, decodeDlt645Value, encodeDlt645BroadcastTime, encodeDlt645Control,
  encodeDlt645Read, encodeDlt645Write,
} from '../../codecs/dlt645';
import { ManualClock } from '../clock';
import { ElectricityMeter } from '../electricity-meter';
import { dlt645Responder } from './dlt645';

const ADDRESS = '000000000021';

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 16));
  const meter = new ElectricityMeter({ address: ADDRESS, clock, remaining: 12_345, purchaseCount: 7 });
  const ask = (request: Uint8Array) => {
    const parsed = dlt645Responder.parse(request);
    if (!parsed || parsed.address !== ADDRESS) return null;
    return dlt645Responder.answer(meter, parsed.request);
  };
  const read = (di: number) => {
    const request = encodeDlt645Read(ADDRESS, di);
    return decodeDlt645Value(decodeDlt645ReadReply(request, ask(request)!));
  };
  return { clock, meter, ask, read };
}

describe('DL/T 645-2007 responder', () => {
  it('reads energy, remaining amount, overdraft and purchase count', () => {
    const { clock, read, meter } = setup();
    clock.advance(6 * 3_600_000);
    const s = meter.state();
    expect(read(0x00010000)).toBe(s.totalEnergy);
    expect(read(0x00000000)).toBe(s.totalEnergy);
    expect(read(0x00900200)).toBe(s.remaining);
    expect(read(0x00900201)).toBe(0);
    expect(read(0x03330201)).toBe(7);
    expect(read(0x04050101)).toBe(5883);
  });

  it('answers an unknown DI with the abnormal reply (no data) and ignores other addresses', () => {
    const { ask } = setup();
    const request = encodeDlt645Read(ADDRESS, 0x12345678);
    expect(() => decodeDlt645Reply(request, ask(request)!)).toThrow(ProtocolError);
    try {
      decodeDlt645Reply(request, ask(request)!);
    } catch (error) {
      expect((error as ProtocolError).code).toBe('exception');
    }
    expect(ask(encodeDlt645Read('000000000022', 0x00010000))).toBeNull();
  });

  it('writes alarm amount and prices (14H)', () => {
    const { ask, meter, read } = setup();
    const request = encodeDlt645Write(ADDRESS, 0x04001001, numberToBcd(3000, 4));
    decodeDlt645Reply(request, ask(request)!);
    expect(meter.alarm1).toBe(3000);
    const price = encodeDlt645Write(ADDRESS, 0x04050103, numberToBcd(6000, 4));
    decodeDlt645Reply(price, ask(price)!);
    expect(read(0x04050103)).toBe(6000);
  });

  it('trips, keeps power and closes with 1CH', () => {
    const { ask, meter } = setup();
    const until = new Date(Date.UTC(2026, 0, 2));
    const send = (n1: number) => {
      const request = encodeDlt645Control(ADDRESS, n1, until);
      decodeDlt645Reply(request, ask(request)!);
    };
    send(DLT645_N1.trip);
    expect(meter.state().relay).toBe('open');
    send(DLT645_N1.closeAllowed);
    expect(meter.state()).toMatchObject({ relay: 'closed', forced: 'none' });
    send(DLT645_N1.keepPower);
    expect(meter.state().keepPower).toBe(true);
    send(DLT645_N1.trip);
    expect(meter.state().relay).toBe('closed');
    send(DLT645_N1.keepPowerRelease);
    expect(meter.state()).toMatchObject({ keepPower: false, relay: 'open' });
  });

  it('takes the broadcast time (08H) on every meter and answers nothing', () => {
    const { meter } = setup();
    const time = new Date(Date.UTC(2026, 0, 1, 16, 5, 0));
    const parsed = dlt645Responder.parse(encodeDlt645BroadcastTime(time))!;
    expect(parsed.address).toBeNull();
    dlt645Responder.broadcast([meter], parsed.request);
    expect(meter.meterTime()).toBe(time.getTime());
  });
});
