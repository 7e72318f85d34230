import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toChineseCapitals } from './capitals';
import { MAX_FEN } from './money';

const DIGIT_VALUES: Record<string, number> = { 零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 };
const PLACE_VALUES: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };

/** Reads one section (digits and 拾佰仟, 零 ignored); every place needs its digit, as 壹拾 must keep 壹. */
function decodeSection(text: string): number {
  let total = 0;
  let pending: number | null = null;
  for (const ch of text) {
    if (ch === '零') continue;
    if (ch in DIGIT_VALUES) {
      if (pending !== null) throw new Error(`two digits in a row in "${text}"`);
      pending = DIGIT_VALUES[ch]!;
    } else if (ch in PLACE_VALUES) {
      if (pending === null) throw new Error(`place ${ch} without its digit in "${text}"`);
      total += pending * PLACE_VALUES[ch]!;
      pending = null;
    } else {
      throw new Error(`unexpected ${ch} in "${text}"`);
    }
  }
  return total + (pending ?? 0);
}

/** An independent reader of the capitals: 亿 and 万 split the whole part, then 元, 角, 分 and 整. */
function decode(text: string): number {
  const match = /^(?:(.+)元)?(?:零)?(?:(.)角)?(?:(.)分)?(整)?$/.exec(text);
  if (!match) throw new Error(`not an amount: "${text}"`);
  const [, wholeText = '', jiaoText, fenText] = match;
  let whole = 0;
  let rest = wholeText;
  for (const [mark, factor] of [['亿', 100_000_000], ['万', 10_000]] as const) {
    const at = rest.indexOf(mark);
    if (at >= 0) {
      whole += decodeSection(rest.slice(0, at)) * factor;
      rest = rest.slice(at + 1);
    }
  }
  whole += decodeSection(rest);
  const small = (ch: string | undefined) => (ch === undefined ? 0 : DIGIT_VALUES[ch] ?? Number.NaN);
  return whole * 100 + small(jiaoText) * 10 + small(fenText);
}

describe('toChineseCapitals', () => {
  it.each([
    [10_000, '壹佰元整'],
    [12_345, '壹佰贰拾叁元肆角伍分'],
    [100_005, '壹仟元零伍分'],
    [32_504, '叁佰贰拾伍元零肆分'],
    [140_950, '壹仟肆佰零玖元伍角整'],
    [1_600, '壹拾陆元整'],
    [10_700_053, '壹拾万柒仟元零伍角叁分'],
    [0, '零元整'],
    [50, '伍角整'],
    [5, '伍分'],
    [55, '伍角伍分'],
    [100, '壹元整'],
    [105, '壹元零伍分'],
    [1_000, '壹拾元整'],
    [1_050, '壹拾元零伍角整'],
    [100_000_000, '壹佰万元整'],
    [MAX_FEN, '壹亿元整'],
    // The examples of 《正确填写票据和结算凭证的基本规定》 rule 4:
    [600_714, '陆仟零柒元壹角肆分'],
    [168_032, '壹仟陆佰捌拾元零叁角贰分'],
    [1_640_902, '壹万陆仟肆佰零玖元零贰分'],
    // Sections: zero runs across 万 and 亿 collapse to one 零; a section ending in zeros writes none.
    [10_050_000, '壹拾万零伍佰元整'],
    [100_100_000, '壹佰万壹仟元整'],
    [100_010_000, '壹佰万零壹佰元整'],
    [1_000_100, '壹万零壹元整'],
    [1_001_000, '壹万零壹拾元整'],
    [2_000_000_000, '贰仟万元整'],
    [2_000_000_001, '贰仟万元零壹分'],
    [9_999_999_999, '玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    [1_010_101_010, '壹仟零壹拾万壹仟零壹拾元零壹角整'],
    [5_000_000_050, '伍仟万元零伍角整'],
  ])('%i fen → %s', (fenAmount, expected) => {
    expect(toChineseCapitals(fenAmount)).toBe(expected);
    expect(decode(expected)).toBe(fenAmount);
  });

  it.each([-1, 0.5, MAX_FEN + 1, 1_000_000_000_000, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s', (bad) => {
    expect(() => toChineseCapitals(bad)).toThrow(RangeError);
  });

  it('never writes two 零 in a row, ends as the rules say, and reads back to the same amount', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_FEN }), (amount) => {
      const text = toChineseCapitals(amount);
      expect(text).not.toContain('零零');
      expect(decode(text)).toBe(amount);
      // 整 exactly when nothing follows 元 or 角; never after 分.
      expect(text.endsWith('整')).toBe(amount % 10 === 0);
      expect(text.endsWith('分')).toBe(amount % 10 !== 0);
      // 零 never precedes a section mark, 元 (except 零元整), 角 or 整, and never opens an amount.
      if (amount !== 0) expect(text).not.toMatch(/^零|零[万亿元角整]/);
    }), { numRuns: 5_000 });
  });

  it('round-trips the small amounts exhaustively (every 角/分 pattern below 1,000 yuan)', () => {
    for (let amount = 0; amount <= 100_000; amount += 1) {
      const text = toChineseCapitals(amount);
      if (text.includes('零零') || decode(text) !== amount) throw new Error(`${amount} → ${text}`);
    }
  });
});
