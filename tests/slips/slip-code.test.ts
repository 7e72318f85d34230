/** The keyed slip code: round trip, tampering, wrong key, malformed text, and the QR matrix drawn from it. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { slipCodeText, verifySlipCode } from '../../electron/slips/slip-code';
import { drawQr, qrMatrix } from '../../electron/slips/slip-qr';

const KEY = 'a'.repeat(64);
const OTHER_KEY = randomBytes(32).toString('hex');

describe('slip codes', () => {
  const text = slipCodeText('A01-2026-000123', 10_000, KEY);

  it('reads HD1|serial|amount|8 hex digits', () => {
    expect(text).toMatch(/^HD1\|A01-2026-000123\|10000\|[0-9a-f]{8}$/);
  });

  it('verifies its own code and gives back serial and amount', () => {
    expect(verifySlipCode(text, KEY)).toEqual({ valid: true, receiptNo: 'A01-2026-000123', amount: 10_000 });
    expect(verifySlipCode(`  ${text}\n`, KEY).valid).toBe(true);
  });

  it('depends on the key: another hall\'s key refuses it', () => {
    expect(verifySlipCode(text, OTHER_KEY)).toEqual({ valid: false, reason: 'mac' });
    expect(slipCodeText('A01-2026-000123', 10_000, OTHER_KEY)).not.toBe(text);
  });

  it.each([
    ['the amount', (t: string) => t.replace('|10000|', '|100000|')],
    ['one fen', (t: string) => t.replace('|10000|', '|10001|')],
    ['the serial', (t: string) => t.replace('000123', '000124')],
    ['the counter', (t: string) => t.replace('A01-', 'A02-')],
    ['the MAC', (t: string) => t.slice(0, -1) + (t.endsWith('0') ? '1' : '0')],
  ])('detects a change of %s', (_what, tamper) => {
    expect(verifySlipCode(tamper(text), KEY)).toEqual({ valid: false, reason: 'mac' });
  });

  it.each([
    ['', 'format'], ['HD1|A01-2026-000123|10000', 'format'], [`${'x'}|A01-2026-000123|10000|00000000`, 'version'],
    ['HD2|A01-2026-000123|10000|00000000', 'version'], ['HD1|not-a-serial|10000|00000000', 'format'],
    ['HD1|A01-2026-000123|-1|00000000', 'format'], ['HD1|A01-2026-000123|1.5|00000000', 'format'],
    ['HD1|A01-2026-000123|99999999999|00000000', 'format'], ['HD1|A01-2026-000123|10000|0000000', 'format'],
    ['HD1|A01-2026-000123|10000|ABCDEF01', 'format'], ['HD1|A01-2026-000123|10000|00000000|x', 'format'],
  ])('refuses %j (%s)', (bad, reason) => {
    expect(verifySlipCode(bad, KEY)).toEqual({ valid: false, reason });
  });

  it('refuses to make a code for a bad serial or amount', () => {
    expect(() => slipCodeText('nope', 1, KEY)).toThrow(RangeError);
    expect(() => slipCodeText('A01-2026-000001', -1, KEY)).toThrow(RangeError);
    expect(() => slipCodeText('A01-2026-000001', 0.5, KEY)).toThrow(RangeError);
  });
});

describe('the QR drawing', () => {
  const text = slipCodeText('A01-2026-000123', 10_000, KEY);

  it('covers exactly the dark modules of the qrcode matrix, one rectangle per run', () => {
    const matrix = qrMatrix(text);
    const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    expect(matrix.size).toBe(size);
    const drawn = new Uint8Array(size * size);
    for (const run of matrix.runs) {
      for (let c = run.col; c < run.col + run.length; c++) {
        expect(drawn[run.row * size + c]).toBe(0);
        drawn[run.row * size + c] = 1;
      }
    }
    expect([...drawn]).toEqual([...data].map((bit) => (bit ? 1 : 0)));
  });

  it('places every rectangle inside its square, quiet zone included, and fills once', () => {
    const rects: number[][] = [];
    let fills = 0;
    drawQr({ rect: (...r: number[]) => rects.push(r), fill: () => { fills += 1; } }, qrMatrix(text), 100, 200, 60);
    expect(fills).toBe(1);
    for (const [x = 0, y = 0, w = 0, h = 0] of rects) {
      expect(x).toBeGreaterThan(100);
      expect(y).toBeGreaterThan(200);
      expect(x + w).toBeLessThan(160.0001);
      expect(y + h).toBeLessThan(260.0001);
    }
  });
});
