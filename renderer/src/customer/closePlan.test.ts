import { describe, expect, it } from 'vitest';
import { accountView, meterView as meter } from '../test/views';
import { closableMeters, closePlan, hasOverdraft, heldCredit } from './closePlan';

const energy = meter(1, { credit: 105, remaining: 1450 });
const hall = meter(2, { creditKind: 'hall', creditVia: 'remote', credit: 29_000 });
const money = meter(3, { creditKind: 'money', remaining: 1234 });

describe('the account close total', () => {
  it('is the held credit alone when nothing is read off the meters', () => {
    expect(closePlan([energy, hall], {})).toEqual({ ok: true, held: 29_105, residuals: [], total: 29_105 });
    expect(closePlan([energy, hall], { 1: '  ', 2: '' })).toMatchObject({ residuals: [], total: 29_105 });
  });

  it('adds the typed residuals in exact fen, leaving zeros out of the request', () => {
    expect(closePlan([energy, hall, money], { 1: '12.34', 3: '0' })).toEqual({
      ok: true, held: 29_105, residuals: [{ meterId: 1, refund: 1234 }], total: 30_339,
    });
    expect(closePlan([energy, money], { 1: '０.１', 3: '12。3' })).toMatchObject({ residuals: [{ meterId: 1, refund: 10 }, { meterId: 3, refund: 1230 }], total: 1345 });
  });

  it('a hall-kept meter takes no residual: whatever was typed for it is ignored', () => {
    expect(closePlan([hall], { 2: '99' })).toMatchObject({ residuals: [], total: 29_000 });
  });

  it('names the meter whose residual cannot be read', () => {
    expect(closePlan([energy, money], { 1: '5', 3: '1.234' })).toEqual({ ok: false, meterId: 3, problem: 'format' });
    expect(closePlan([energy], { 1: '-5' })).toEqual({ ok: false, meterId: 1, problem: 'format' });
    expect(closePlan([energy], { 1: '99999999999' })).toEqual({ ok: false, meterId: 1, problem: 'too-large' });
  });

  it('is zero for an account with nothing held or left', () => {
    expect(closePlan([meter(4), meter(5)], {})).toEqual({ ok: true, held: 0, residuals: [], total: 0 });
  });

  it('only active meters are closed; an overdraft is seen', () => {
    const account = accountView([energy, meter(6, { status: 'removed', credit: 500 })]);
    expect(closableMeters(account)).toEqual([energy]);
    expect(heldCredit(closableMeters(account))).toBe(105);
    expect(hasOverdraft([energy])).toBe(false);
    expect(hasOverdraft([energy, meter(7, { overdraft: 300 })])).toBe(true);
  });
});
