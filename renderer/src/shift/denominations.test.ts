// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fen } from '../../../shared/money';
import { DENOMINATIONS, denominationName, drawerCount, parsePieces, shortOver } from './denominations';

describe('denomination count', () => {
  it('has the eleven renminbi denominations, keyed in fen', () => {
    expect(DENOMINATIONS.map(String)).toEqual(['10000', '5000', '2000', '1000', '500', '100', '50', '10', '5', '2', '1']);
  });

  it('adds pieces × denomination exactly, in fen', () => {
    const count = drawerCount({ '10000': '3', '5000': '1', '100': '7', '50': '1', '10': '3', '5': '1', '2': '2', '1': '1' });
    expect(count).toEqual({ ok: true, counted: { '10000': 3, '5000': 1, '100': 7, '50': 1, '10': 3, '5': 1, '2': 2, '1': 1 }, total: 35_790 });
  });

  it('one piece of each is 186.68 yuan; nothing typed is zero and sends nothing', () => {
    const all = Object.fromEntries(DENOMINATIONS.map((d) => [String(d), '1']));
    expect(drawerCount(all)).toMatchObject({ ok: true, total: 18_668 });
    expect(drawerCount({})).toEqual({ ok: true, counted: {}, total: 0 });
  });

  it('a thousand 1-fen coins are exactly 10 yuan (no float drift)', () => {
    expect(drawerCount({ '1': '1000', '2': '0', '10': '3' })).toMatchObject({ ok: true, total: 1_030 });
  });

  it('refuses non-whole or absurd counts and names the rows', () => {
    expect(drawerCount({ '10000': '1.5', '50': 'x', '1': '100001' })).toEqual({ ok: false, bad: ['10000', '50', '1'] });
    expect(parsePieces('１２')).toBe(12);
    expect(parsePieces('-1')).toBeNull();
  });

  it('short/over is counted − expected', () => {
    expect(shortOver(fen(35_790), fen(35_800))).toBe(-10);
    expect(shortOver(fen(35_800), fen(35_800))).toBe(0);
    expect(shortOver(fen(40_000), fen(35_800))).toBe(4_200);
  });

  it('names notes and coins as yuan, jiao, fen', () => {
    expect(denominationName(10_000)).toEqual({ unit: 'yuan', n: 100 });
    expect(denominationName(50)).toEqual({ unit: 'jiao', n: 5 });
    expect(denominationName(2)).toEqual({ unit: 'fen', n: 2 });
  });
});
