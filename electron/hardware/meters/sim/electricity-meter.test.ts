import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { ElectricityMeter, tariffAt } from './electricity-meter';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function meter(options: Partial<ConstructorParameters<typeof ElectricityMeter>[0]> = {}) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 16, 0, 0)); // 00:00 at UTC+8
  return { clock, meter: new ElectricityMeter({ address: '1', clock, seed: 's', ...options }) };
}

describe('ElectricityMeter', () => {
  it('advances energy with a deterministic daily curve and takes the money at the price', () => {
    const a = meter({ remaining: 1_000_000 });
    a.clock.advance(DAY);
    const day = a.meter.state();
    expect(day.totalEnergy).toBeGreaterThan(1000); // > 10 kWh for a 3 kW peak
    expect(day.totalEnergy).toBeLessThan(5000);
    // money: remaining fell by energy × 0.5883 yuan/kWh (fen = 0.01 kWh × 5883 / 10000)
    expect(1_000_000 - day.remaining).toBeCloseTo((day.totalEnergy * 5883) / 10_000, -1);
    const b = meter({ remaining: 1_000_000 });
    for (let i = 0; i < 100; i++) b.clock.advance(DAY / 100); // cut differently: the same day
    expect(Math.abs(b.meter.state().totalEnergy - day.totalEnergy)).toBeLessThanOrEqual(1);
  });

  it('splits energy by tariff period and the evening draws more than the night', () => {
    const { clock, meter: m } = meter({ remaining: 1_000_000 });
    clock.advance(DAY);
    const s = m.state();
    expect(s.tariffEnergy.spike + s.tariffEnergy.peak + s.tariffEnergy.flat + s.tariffEnergy.valley).toBeGreaterThanOrEqual(s.totalEnergy - 4);
    expect(s.tariffEnergy.spike / 2).toBeGreaterThan(s.tariffEnergy.valley / 8);
    expect(tariffAt(20)).toBe('spike');
    expect(tariffAt(3)).toBe('valley');
  });

  it('raises arrears at zero and trips below zero, then stops consuming', () => {
    const { clock, meter: m } = meter({ remaining: 300, alarm1: 200, alarm2: 100 });
    expect(m.state().flags).not.toContain('arrears');
    clock.advance(3 * DAY);
    const s = m.state();
    expect(s.remaining).toBeLessThan(0);
    expect(s.relay).toBe('open');
    expect(s.flags).toEqual(expect.arrayContaining(['arrears', 'alarm1', 'alarm2']));
    expect(s.statusWord & (1 << 5)).not.toBe(0);
    expect(s.statusWord & 0x2000).toBe(0); // relay L1 bit clear = open
    clock.advance(DAY);
    expect(m.state().totalEnergy).toBe(s.totalEnergy);
    expect(m.state().powerW).toBe(0);
  });

  it('trips only past the overdraft, and keep-power holds the relay closed', () => {
    const a = meter({ remaining: 100, overdraft: 100_000 });
    a.clock.advance(DAY);
    expect(a.meter.state().remaining).toBeLessThan(0);
    expect(a.meter.state().relay).toBe('closed');
    const b = meter({ remaining: 100 });
    b.meter.setForced('close');
    b.clock.advance(DAY);
    expect(b.meter.state().relay).toBe('closed');
    b.meter.setForced('trip');
    expect(b.meter.state().relay).toBe('open');
  });

  it('credits a card only when its purchase count is the meter\'s + 1', () => {
    const { meter: m } = meter({ remaining: 1000, purchaseCount: 4 });
    expect(m.insertCard({ purchaseCount: 4, amount: 5000 })).toMatchObject({ outcome: 'already-loaded', remaining: 1000 });
    expect(m.insertCard({ purchaseCount: 3, amount: 5000 })).toMatchObject({ outcome: 'stale-card', remaining: 1000 });
    expect(m.insertCard({ purchaseCount: 6, amount: 5000 })).toMatchObject({ outcome: 'count-gap', remaining: 1000 });
    expect(m.insertCard({ purchaseCount: 5, amount: 5000 })).toMatchObject({ outcome: 'credited', purchaseCount: 5, remaining: 6000 });
    expect(m.insertCard({ purchaseCount: 5, amount: 5000 })).toMatchObject({ outcome: 'already-loaded', remaining: 6000 });
    expect(m.insertCard({ purchaseCount: 6, amount: 99_999_999 })).toMatchObject({ outcome: 'over-limit', purchaseCount: 5 });
  });

  it('a purchase after a trip lifts the arrears and closes the relay', () => {
    const { clock, meter: m } = meter({ remaining: 50 });
    clock.advance(DAY);
    expect(m.state().relay).toBe('open');
    m.insertCard({ purchaseCount: 1, amount: 10_000 });
    expect(m.state()).toMatchObject({ relay: 'closed', purchaseCount: 1 });
    expect(m.state().flags).not.toContain('arrears');
  });

  it('counts energy for energy-credit meters in 0.01 kWh', () => {
    const { clock, meter: m } = meter({ creditKind: 'energy', remaining: 100_000 });
    clock.advance(DAY);
    const s = m.state();
    expect(100_000 - s.remaining).toBeGreaterThanOrEqual(s.totalEnergy - 1);
    expect(100_000 - s.remaining).toBeLessThanOrEqual(s.totalEnergy + 1);
  });
});
