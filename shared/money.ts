/**
 * Exact quantities and every rounding rule of HallDesk. This module is the only place where money,
 * prices and metered units are converted into one another; nothing else rounds.
 *
 * Units (all integers, so no float ever reaches a ledger):
 *  - Fen        money in 分 (1/100 yuan)
 *  - Price      unit price in 1/10000 yuan per kWh or per m³ (four decimals, as tariffs are published)
 *  - Units      energy in 0.01 kWh, water in 0.01 m³ (the meters' own register resolution)
 *
 * Rounding rules (documented here and tested in money.test.ts / quote property tests):
 *  R1 The charge for `u` units at price `p` is u·p/10000 fen, rounded half up to the fen
 *     (四舍五入, as on published Chinese utility bills). Each tier segment is rounded on its own,
 *     so the slip lines add up exactly to the total.
 *  R2 Money → units buys the largest unit count whose charge (R1) does not exceed the money, then
 *     rounds the units DOWN to the meter's unit step. The money not spent stays on the account as
 *     credit (余额) and is offered again at the next sale; nothing is ever lost.
 *  R3 Amounts in yuan typed by a person are parsed as decimal text with at most two decimals;
 *     anything else is refused rather than rounded.
 *  R4 A signed price difference (the tier surcharge of a time-of-use tariff, tier k price − tier 1
 *     price, electron/domain/balances/charge.ts) is charged by R1 on its magnitude with the sign put
 *     back, so a negative step rounds exactly like the positive one (half away from zero).
 */

declare const fenBrand: unique symbol;
declare const priceBrand: unique symbol;
declare const unitsBrand: unique symbol;

export type Fen = number & { readonly [fenBrand]: 'Fen' };
export type Price = number & { readonly [priceBrand]: 'Price' };
export type Units = number & { readonly [unitsBrand]: 'Units' };

/** Largest amount HallDesk accepts anywhere: 100 million yuan. Keeps every product exact in a double. */
export const MAX_FEN = 10_000_000_000;
/** Largest unit count: 100 million kWh or m³ in 0.01 steps. */
export const MAX_UNITS = 10_000_000_000;
/** Largest price: 1,000 yuan per unit. */
export const MAX_PRICE = 10_000_000;

function assertInteger(value: number, max: number, what: string): void {
  if (!Number.isSafeInteger(value) || Math.abs(value) > max) {
    throw new RangeError(`${what} must be an integer within ±${max}, got ${value}`);
  }
}

export function fen(value: number): Fen {
  assertInteger(value, MAX_FEN, 'fen');
  return value as Fen;
}

export function price(value: number): Price {
  assertInteger(value, MAX_PRICE, 'price');
  if (value < 0) throw new RangeError(`price must not be negative, got ${value}`);
  return value as Price;
}

export function units(value: number): Units {
  assertInteger(value, MAX_UNITS, 'units');
  return value as Units;
}

export const ZERO_FEN = fen(0);
export const ZERO_UNITS = units(0);

export function addFen(...values: Fen[]): Fen {
  return fen(values.reduce((sum, v) => sum + v, 0));
}
export function subFen(a: Fen, b: Fen): Fen {
  return fen(a - b);
}
export function negFen(a: Fen): Fen {
  return fen(a === 0 ? 0 : -a);
}
export function minFen(a: Fen, b: Fen): Fen {
  return a <= b ? a : b;
}
export function maxFen(a: Fen, b: Fen): Fen {
  return a >= b ? a : b;
}
export function addUnits(...values: Units[]): Units {
  return units(values.reduce((sum, v) => sum + v, 0));
}
export function subUnits(a: Units, b: Units): Units {
  return units(a - b);
}

/**
 * R1: charge for `u` units at price `p`, rounded half up to the fen. u·p can reach 10^17, past
 * 2^53, so the product is computed with BigInt and only the fen result comes back as a number.
 */
export function chargeFor(u: Units, p: Price): Fen {
  if (u < 0) throw new RangeError('units must not be negative');
  const product = BigInt(u) * BigInt(p);
  return fen(Number((product + 5000n) / 10000n));
}

/** R4: units at a signed price difference (1/10000 yuan), R1 on the magnitude, the sign restored. */
export function chargeForDelta(u: Units, delta: number): Fen {
  const magnitude = chargeFor(u, price(Math.abs(delta)));
  return delta < 0 ? negFen(magnitude) : magnitude;
}

/**
 * R2 (first half): the largest u with chargeFor(u, p) ≤ money. From R1,
 * floor((u·p + 5000) / 10000) ≤ m  ⇔  u·p ≤ m·10000 + 4999.
 * A zero price would make units free; the caller must not price with zero (tariff validation).
 */
export function unitsAffordable(money: Fen, p: Price): Units {
  if (money < 0) throw new RangeError('money must not be negative');
  if (p <= 0) throw new RangeError('price must be positive to convert money into units');
  const limit = BigInt(money) * 10000n + 4999n;
  const result = Number(limit / BigInt(p));
  return units(Math.min(result, MAX_UNITS));
}

/** R2 (second half): units rounded down to the meter's step (e.g. 100 = whole kWh). */
export function roundUnitsDownToStep(u: Units, step: number): Units {
  if (!Number.isSafeInteger(step) || step < 1) throw new RangeError(`bad unit step ${step}`);
  return units(Math.floor(u / step) * step);
}

/** R3: "123.45" → 12345 fen. Returns null for anything that is not a plain non-negative decimal. */
export function parseYuan(text: string): Fen | null {
  const match = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  const total = whole * 100 + fraction;
  return total <= MAX_FEN ? fen(total) : null;
}

/** R3 for unit prices: "0.5883" → 5883 (1/10000 yuan). Null for anything but a plain non-negative decimal with at most four decimals, or above MAX_PRICE. */
export function parsePrice(text: string): Price | null {
  const match = /^\s*(\d{1,4})(?:\.(\d{1,4}))?\s*$/.exec(text);
  if (!match) return null;
  const total = Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'));
  return total <= MAX_PRICE ? price(total) : null;
}

/** 12345 → "123.45"; -5 → "-0.05". Display only. */
export function formatYuan(amount: Fen): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${cents}`;
}

/** 123456 (0.01 kWh) → "1234.56". Display only. */
export function formatUnits(amount: Units): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 4883 (1/10000 yuan) → "0.4883". Display only. */
export function formatPrice(p: Price): string {
  return `${Math.floor(p / 10000)}.${String(p % 10000).padStart(4, '0')}`;
}
