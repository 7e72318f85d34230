/**
 * Amounts in Chinese capitals (大写金额), as finance checks them on a slip.
 *
 * The rules are those of the People's Bank of China for writing amounts on bills and settlement vouchers:
 * 《正确填写票据和结算凭证的基本规定》, appendix to 《支付结算办法》 (银发〔1997〕393号). In short:
 *  - digits 零壹贰叁肆伍陆柒捌玖, places 拾佰仟, sections 万亿, then 元角分;
 *  - (rule 2) "整" follows an amount that ends at 元; after 角 it MAY be written; never after 分;
 *  - (rule 4.1/4.2) a zero between digits is written as 零, and a run of zeros as one 零;
 *  - (rule 4.3) when the 元 digit (or a 万 position) is zero but what follows is not, one 零 MAY be written;
 *  - (rule 4.4) when 角 is zero and 分 is not, 零 MUST follow 元.
 *
 * Where the rules allow a choice, HallDesk takes the stricter, anti-alteration reading so that nothing can
 * be appended to a printed amount:
 *  - 整 is written after 角 too (伍角整, 壹仟肆佰零玖元伍角整): with it, no 分 can be added later;
 *  - after 元, one 零 is written whenever the 元 digit or the 角 digit is zero and a 角 or 分 follows
 *    (壹拾万柒仟元零伍角叁分, 壹仟元零伍分);
 *  - inside the whole-yuan part zeros are read as spoken Chinese: a section (万, 亿) that ends in zeros
 *    writes no 零 unless the next section starts with a zero (壹拾万柒仟, 壹拾万零伍佰);
 *  - 拾 always keeps its digit, also at the front (壹拾陆元整, never 拾陆元整), as bank practice requires;
 *  - below one yuan the amount starts at 角 or 分 (伍角整, 伍分), and zero is 零元整.
 * The prefix 人民币 (rule 3) is the caller's: the slip writes 人民币 immediately before the capitals.
 */
import { MAX_FEN } from './money';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const PLACES = ['', '拾', '佰', '仟'] as const;
/** Section names from the lowest: units, 万 (10^4), 亿 (10^8). MAX_FEN is 1亿 yuan, so three suffice. */
const SECTIONS = ['', '万', '亿'] as const;

function digit(d: number): string {
  return DIGITS[d] ?? '';
}

/** One section of up to four digits (1..9999): inner zero runs become one 零, trailing zeros nothing. */
function sectionCapitals(n: number): string {
  let out = '';
  let zeroPending = false;
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10;
    if (d === 0) {
      zeroPending = out !== '';
      continue;
    }
    out += `${zeroPending ? '零' : ''}${digit(d)}${PLACES[place]}`;
    zeroPending = false;
  }
  return out;
}

/** Whole yuan (≥ 1) in sections of four digits, highest first; one 零 bridges any gap between sections. */
function yuanCapitals(yuan: number): string {
  const sections = [yuan % 10_000, Math.floor(yuan / 10_000) % 10_000, Math.floor(yuan / 100_000_000)];
  let out = '';
  let gap = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const section = sections[i] ?? 0;
    if (section === 0) {
      gap = out !== '';
      continue;
    }
    // A lower section that starts with zeros (e.g. 0500 after 壹拾万) is bridged by one 零.
    const bridge = out !== '' && (gap || section < 1000);
    out += `${bridge ? '零' : ''}${sectionCapitals(section)}${SECTIONS[i]}`;
    gap = false;
  }
  return out;
}

/**
 * fen → Chinese capitals, e.g. 10000 → 壹佰元整, 12345 → 壹佰贰拾叁元肆角伍分, 100005 → 壹仟元零伍分.
 * Refuses a negative, fractional or out-of-range amount (more than MAX_FEN, 1亿 yuan) rather than guessing.
 */
export function toChineseCapitals(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_FEN) {
    throw new RangeError(`capitals need an integer amount of fen in 0..${MAX_FEN}, got ${amount}`);
  }
  if (amount === 0) return '零元整';
  const yuan = Math.floor(amount / 100);
  const jiao = Math.floor(amount / 10) % 10;
  const fenDigit = amount % 10;
  const whole = yuan > 0 ? `${yuanCapitals(yuan)}元` : '';
  if (jiao === 0 && fenDigit === 0) return `${whole}整`;
  const zero = yuan > 0 && (yuan % 10 === 0 || jiao === 0) ? '零' : '';
  const jiaoPart = jiao > 0 ? `${digit(jiao)}角` : '';
  const fenPart = fenDigit > 0 ? `${digit(fenDigit)}分` : '整';
  return `${whole}${zero}${jiaoPart}${fenPart}`;
}
