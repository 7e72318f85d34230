import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { WaterMeter } from './water-meter';

const DAY = 86_400_000;

describe('WaterMeter', () => {
  it('flows while the valve is open, stops while it is closed, and keeps the settlement-day total', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 30, 16, 0, 0)); // Jan 31 00:00 at UTC+8
    const m = new WaterMeter({ address: '1', clock, totalFlow: 10_000 });
    clock.advance(DAY);
    const day = m.state();
    expect(day.totalFlow).toBeGreaterThan(10_000);
    expect(day.settlementFlow).toBe(day.totalFlow); // crossed Feb 1 00:00 exactly at the end
    m.setValve('closed');
    clock.advance(DAY);
    expect(m.state()).toMatchObject({ totalFlow: day.totalFlow, valve: 'closed', status: 0b01 });
  });

  it('reports a stuck valve and a low battery in ST', () => {
    const m = new WaterMeter({ address: '1', clock: new ManualClock() });
    m.valveFault = true;
    m.batteryLow = true;
    expect(m.setValve('closed')).toBe(false);
    expect(m.state()).toMatchObject({ valve: 'open', status: 0b111, flags: ['valve-fault', 'battery-low'] });
  });
});
