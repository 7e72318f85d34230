import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../meter-port';
import { CJT188_COLD_WATER, decodeCjt188Metering, decodeCjt188Reply, encodeCjt188Read, encodeCjt188Valve } from '../../codecs/cjt188';
import { ManualClock } from '../clock';
import { WaterMeter } from '../water-meter';
import { cjt188Responder } from './cjt188';

const ADDRESS = '00000000000005';

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 16));
  const meter = new WaterMeter({ address: ADDRESS, clock, totalFlow: 1234 });
  const ask = (request: Uint8Array) => {
    const parsed = cjt188Responder.parse(request);
    if (!parsed || parsed.address !== ADDRESS) return null;
    return cjt188Responder.answer(meter, parsed.request);
  };
  return { clock, meter, ask };
}

describe('CJ/T 188-2004 responder', () => {
  it('reads 901F: cumulative flow, valve and status bits', () => {
    const { clock, ask, meter } = setup();
    clock.advance(86_400_000);
    meter.batteryLow = true;
    const request = encodeCjt188Read(CJT188_COLD_WATER, ADDRESS);
    const reading = decodeCjt188Metering(decodeCjt188Reply(request, ask(request)!).payload);
    expect(reading.total).toBe(meter.state().totalFlow);
    expect(reading.total).toBeGreaterThan(1234);
    expect(reading.valve).toBe('open');
    expect(reading.flags).toContain('battery-low');
  });

  it('closes and opens the valve with A017', () => {
    const { ask, meter } = setup();
    const close = encodeCjt188Valve(CJT188_COLD_WATER, ADDRESS, 'close');
    const reply = decodeCjt188Reply(close, ask(close)!);
    expect(reply.payload[0]! & 0x03).toBe(1);
    expect(meter.state().valve).toBe('closed');
    const open = encodeCjt188Valve(CJT188_COLD_WATER, ADDRESS, 'open');
    decodeCjt188Reply(open, ask(open)!);
    expect(meter.state().valve).toBe('open');
  });

  it('answers a stuck valve with the abnormal reply and ignores another meter type or address', () => {
    const { ask, meter } = setup();
    meter.valveFault = true;
    const close = encodeCjt188Valve(CJT188_COLD_WATER, ADDRESS, 'close');
    expect(() => decodeCjt188Reply(close, ask(close)!)).toThrow(ProtocolError);
    expect(ask(encodeCjt188Read(0x11, ADDRESS))).toBeNull();
    expect(ask(encodeCjt188Read(CJT188_COLD_WATER, '00000000000006'))).toBeNull();
  });
});
