/**
 * The bad-input matrix: for EVERY contract method a valid input, the fields whose bad values are generated
 * by kind, and the refusals that need a particular state (unknown ids, closed accounts, removed meters, no
 * open shift...). tests/contract/bad-input.test.ts iterates METHOD_NAMES over this table, so a new method
 * without an entry fails the suite. The money-discipline methods' entries live in bad-input-money.ts.
 */
import { ELECTRICITY_TIERS } from './backend';
import type { Fixture, Who } from './backend';
import { CLOSE_MONEY_CASES, MONEY_KINDS, MONEY_SPECS, SELL_MONEY_CASES, closeInput } from './bad-input-money';
import type { ExtraCaller, MoneyFixture } from './bad-input-money';
import { RECHARGE_SPECS } from './bad-input-recharge';
import { METER_KINDS, METER_SPECS } from './bad-input-meters';
import { BALANCE_KINDS, BALANCE_SPECS, TOU } from './bad-input-balance';
import { CONTROL_KINDS, CONTROL_SPECS } from './bad-input-control';
import { PRINT_KINDS, PRINT_SPECS } from './bad-input-print';
import { REPORT_KINDS, REPORT_SPECS } from './bad-input-report';
import { BACKUP_INPUT_KINDS, BACKUP_SPECS } from './bad-input-backup';
import { CARD_KINDS, CARD_SPECS } from './bad-input-card';
import { WORKLIST_KINDS, WORKLIST_SPECS } from './bad-input-worklist';
import { SYSTEM_KINDS, SYSTEM_SPECS } from './bad-input-system';
import type { ControlFixture } from './bad-input-control';
import type { MeterFixture } from './bad-input-meters';
import type { ErrorCode } from '../../shared/contract/errors';
import type { MethodName } from '../../shared/contract/methods';

/** The fixture state the semantic cases refer to (built by the test's beforeAll). */
export interface BadFixture extends Fixture, MoneyFixture, MeterFixture, ControlFixture {
  readonly closedAccount: number;
  readonly closedMeter: number;
  readonly removedMeter: number;
  readonly removedMeterAccount: number;
  readonly cappedMeter: number;
  readonly saleId: number;
  readonly saleKey: string;
  readonly clerk1Shift: number;
  /** A tariff whose only version takes effect today. */
  readonly todayTariff: number;
}

export type Caller = Who | ExtraCaller | 'none' | 'bogus';
export interface Case {
  readonly name: string;
  readonly who: Caller;
  readonly input: (fx: BadFixture) => unknown;
  readonly code: ErrorCode;
  /** For invalid-input: the field an issue must name. */
  readonly path?: string;
  readonly language?: 'en';
}

const BIG = [1e12, Number.MAX_SAFE_INTEGER + 2];
const NON_FINITE = [NaN, Infinity, -Infinity];
const NOT_NUMBER = ['10', null, [], true, {}];
const text = (max: number) => ['', '   ', 'x'.repeat(max + 1), 123, null, [], true];
const repeat = <T>(value: T, n: number) => Array.from({ length: n }, () => value);
/** The first element of the valid list (undefined while only counting the variants). */
const first = (valid: unknown): unknown => (Array.isArray(valid) ? valid[0] : undefined);

/** Bad values by kind; each is a function of the valid value at that path (for lists built from it). */
export const KINDS = {
  // 1e12 is a well-formed id (it answers not-found); past MAX_SAFE_INTEGER is not.
  id: () => [0, -1, 10.5, Number.MAX_SAFE_INTEGER + 1, Number.MAX_SAFE_INTEGER + 2, ...NON_FINITE, ...NOT_NUMBER],
  positive: () => [0, -1, 10.5, 100_000_001, ...BIG, ...NON_FINITE, ...NOT_NUMBER],
  nonNegative: () => [-1, 10.5, 100_000_001, ...BIG, ...NON_FINITE, ...NOT_NUMBER],
  price: () => [-1, 10.5, 10_000_001, ...BIG, ...NON_FINITE, '4883', null],
  uptoUnits: () => [0, -1, 10.5, 100_000_001, ...BIG, NaN, Infinity, '288000', []],
  unitStep: () => [0, -1, 10.5, 10_001, NaN, Infinity, '100', null],
  creditCap: () => [0, -1, 10.5, 100_000_001, 1e12, NaN, '100'],
  limit50: () => [0, -1, 10.5, 51, NaN, '10', null],
  limit500: () => [0, 501, 10.5, Infinity, '10', null],
  text20: () => text(20), text40: () => text(40), text60: () => text(60), text200: () => text(200),
  optionalText: () => ['x'.repeat(201), 123, [], true],
  optionalText40: () => ['', 'x'.repeat(41), 123, null, []],
  password: () => ['', 'x'.repeat(201), 123, null, []],
  bool: () => ['true', 1, 0, null],
  enum: () => ['bogus', '', 1, null, []],
  date: () => ['2026/06/15', '2026-13-45', '2026-02-30', '26-06-15', '2026-6-1', '', 20260615, null],
  key: () => ['short', 'k'.repeat(65), 'has space 123', 'ключ-ключ-ключ', 12345678, null],
  username: () => ['A', 'UPPER.case', 'has space', 'u'.repeat(41), 'x', 12, null],
  tariffCode: () => ['lower-e', 'X', 'X'.repeat(31), 'HAS SPACE', 12, null],
  meterNo: () => ['abc', 'has space', 'm'.repeat(25), 'M#0001', 1234, null],
  commAddress: () => ['XYZ', '', '0'.repeat(17), 12, null],
  cardNo: () => ['ab', 'with-dash', 'c'.repeat(25), 1234],
  phone: () => ['abc', '1', '1'.repeat(21), 13800000000],
  list4: (valid: unknown) => [[], repeat(first(valid), 5), null, {}],
  residuals: (valid: unknown) => [repeat(first(valid), 5), null, {}, [null]],
  tiers: (valid: unknown) => [[], repeat({ uptoUnits: null, price: 1 }, 11), null, {}, [{ ...(first(valid) as object), extra: 1 }]],
  counted: () => [null, [], 'x', { abc: 1 }, { 10000: -1 }, { 10000: 1.5 }, { 10000: 100_001 }, { 123456: 1 }, { 10000: '1' }],
  request: () => [null, {}, 'money', { mode: 'bogus', amount: 100 }, { mode: 'money', units: 100 }, { mode: 'units', amount: 100 },
    { mode: 'money', amount: 100, extra: 1 }, { mode: 'units', units: 0 }, { mode: 'units', units: 10.5 }, { mode: 'units', units: 1e12 }],
  object: () => [null, [], 'x', 1],
  year: () => [1999, 2101, 2026.5, NaN, Infinity, '2026', null],
  calendarDays: (valid: unknown) => [[], repeat(first(valid), 367), null, {}, [null]],
  ...MONEY_KINDS,
  ...METER_KINDS,
  ...CONTROL_KINDS,
  ...BALANCE_KINDS,
  ...PRINT_KINDS,
  ...REPORT_KINDS,
  ...BACKUP_INPUT_KINDS,
  ...CARD_KINDS,
  ...WORKLIST_KINDS,
  ...SYSTEM_KINDS,
} satisfies Record<string, (valid: unknown) => unknown[]>;

export type Kind = keyof typeof KINDS;
/** A field: its dotted path in the valid input, its kind, and whether it may be left out. */
export type Field = readonly [path: string, kind: Kind, optional?: 'optional'];

export interface MethodSpec {
  /** A caller the method allows: every generated bad-input case runs as them, so it reaches validation. */
  readonly who: Who | 'none';
  readonly valid: (fx: BadFixture) => Record<string, unknown>;
  readonly fields: readonly Field[];
  /** Nested strict objects: an extra key there is refused too. */
  readonly strict?: readonly string[];
  readonly cases?: readonly Case[];
}

const U = 999_999;
const c = (name: string, who: Caller, code: ErrorCode, input: (fx: BadFixture) => unknown, language?: 'en'): Case => ({ name, who, code, input, ...(language ? { language } : {}) });
const meterFields = (p: string): Field[] => [
  [`${p}.meterNo`, 'meterNo'], [`${p}.utility`, 'enum'], [`${p}.model`, 'text40'], [`${p}.serialNo`, 'text40'], [`${p}.commAddress`, 'commAddress'],
  [`${p}.creditKind`, 'enum'], [`${p}.creditVia`, 'enum'], [`${p}.unitStep`, 'unitStep'], [`${p}.creditCap`, 'creditCap'], [`${p}.tariffId`, 'id'], [`${p}.cardNo`, 'cardNo'],
];
const money = (amount: number) => ({ mode: 'money', amount });
const sell = (meterId: number, amount: number, key = 'bad-input-key-1') => ({ meterId, request: money(amount), tendered: amount, idempotencyKey: key });
const openInput = (fx: BadFixture, meter = fx.newMeter('energy')) => ({
  customer: { name: '测试客户', phone: '13800001234', idNumber: null, category: 'residential' },
  premises: { area: '测试小区', building: '8', unit: '8', room: '808' }, category: 'residential', meters: [meter],
});
const day = (date: string, kind: 'off' | 'work', name: string) => ({ date, kind, name });
const calendarImport = (days: ReturnType<typeof day>[]) => ({ year: 2031, days });
const tariffInput = { code: 'NEW-E', name: '新价格', utility: 'electricity', category: 'residential', period: 'year', effectiveFrom: '2026-06-15', tiers: ELECTRICITY_TIERS };

export const SPECS: Record<MethodName, MethodSpec> = {
  'auth.loginInfo': { who: 'none', valid: () => ({}), fields: [] },
  'auth.login': {
    who: 'none', valid: () => ({ username: 'clerk1', password: 'clerk1234' }), fields: [['username', 'text40'], ['password', 'password']],
    cases: [
      c('wrong password', 'none', 'bad-credentials', () => ({ username: 'clerk2', password: 'wrong-password-1' })),
      c('unknown user', 'none', 'bad-credentials', () => ({ username: 'nobody', password: 'clerk1234' })),
      c('unknown user (en)', 'none', 'bad-credentials', () => ({ username: 'nobody', password: 'clerk1234' }), 'en'),
      c('deactivated user', 'none', 'user-inactive', () => ({ username: 'retired.one', password: 'retired123' })),
      c('locked user, right password', 'none', 'account-locked', () => ({ username: 'locked.one', password: 'locked123' })),
    ],
  },
  'auth.logout': { who: 'clerk2', valid: () => ({}), fields: [] },
  'auth.me': { who: 'clerk2', valid: () => ({}), fields: [] },
  'auth.changePassword': {
    who: 'clerk2', valid: () => ({ oldPassword: 'clerk2234', newPassword: 'clerk2345' }), fields: [['oldPassword', 'password'], ['newPassword', 'password']],
    cases: [
      c('wrong old password', 'clerk2', 'wrong-password', () => ({ oldPassword: 'not-it-123', newPassword: 'clerk2345' })),
      c('new password without digits', 'clerk2', 'weak-password', () => ({ oldPassword: 'clerk2234', newPassword: 'lettersonly' })),
      c('new password too short', 'clerk2', 'weak-password', () => ({ oldPassword: 'clerk2234', newPassword: 'ab12' })),
    ],
  },
  'users.list': { who: 'admin', valid: () => ({}), fields: [] },
  'users.create': {
    who: 'admin', valid: () => ({ username: 'new.user', displayName: '新用户', role: 'clerk', password: 'newuser123' }),
    fields: [['username', 'username'], ['displayName', 'text40'], ['role', 'enum'], ['password', 'password']],
    cases: [
      c('taken user name', 'admin', 'username-taken', () => ({ username: 'clerk1', displayName: 'x', role: 'clerk', password: 'another123' })),
      c('weak password', 'admin', 'weak-password', () => ({ username: 'new.user', displayName: 'x', role: 'clerk', password: '12345678' })),
    ],
  },
  'users.setActive': {
    who: 'admin', valid: (fx) => ({ userId: fx.users.clerk2, active: true }), fields: [['userId', 'id'], ['active', 'bool']],
    cases: [c('unknown user', 'admin', 'not-found', () => ({ userId: U, active: false }))],
  },
  'users.resetPassword': {
    who: 'admin', valid: (fx) => ({ userId: fx.users.clerk2, password: 'reset1234' }), fields: [['userId', 'id'], ['password', 'password']],
    cases: [
      c('unknown user', 'admin', 'not-found', () => ({ userId: U, password: 'reset1234' })),
      c('weak password', 'admin', 'weak-password', (fx) => ({ userId: fx.users.clerk2, password: 'short1' })),
    ],
  },
  'customers.search': { who: 'clerk1', valid: () => ({ query: '幸福', limit: 10 }), fields: [['query', 'text40'], ['limit', 'limit50', 'optional']] },
  'accounts.get': {
    who: 'clerk1', valid: (fx) => ({ accountId: fx.accounts.energy.id }), fields: [['accountId', 'id']],
    cases: [c('unknown account', 'clerk1', 'not-found', () => ({ accountId: U }))],
  },
  'accounts.open': {
    who: 'clerk1', valid: (fx) => openInput(fx),
    fields: [
      ['customer', 'object'], ['customer.name', 'text60'], ['customer.phone', 'phone', 'optional'], ['customer.idNumber', 'optionalText', 'optional'],
      ['customer.category', 'enum'], ['premises', 'object'], ['premises.area', 'text40'], ['premises.building', 'text20'], ['premises.unit', 'text20'],
      ['premises.room', 'text20'], ['category', 'enum'], ['settlement', 'enum', 'optional'], ['meters', 'list4'], ...meterFields('meters.0'),
    ],
    strict: ['customer', 'premises', 'meters.0'],
    cases: [
      c('hall-kept meter credited by card', 'clerk1', 'invalid-input', (fx) => openInput(fx, fx.newMeter('hall', { creditVia: 'card' }))),
      c('hall-kept meter with a card number', 'clerk1', 'invalid-input', (fx) => openInput(fx, fx.newMeter('hall', { cardNo: 'K99999' }))),
      c('taken meter number', 'clerk1', 'meter-no-taken', (fx) => openInput(fx, fx.newMeter('energy', { meterNo: fx.accounts.money.meters[0]!.meterNo }))),
      c('taken card number', 'clerk1', 'card-no-taken', (fx) => openInput(fx, fx.newMeter('energy', { cardNo: fx.accounts.money.meters[0]!.cardNo }))),
      c('the same meter twice', 'clerk1', 'meter-no-taken', (fx) => { const m = fx.newMeter('energy'); return { ...openInput(fx, m), meters: [m, { ...m, cardNo: null }] }; }),
      c('occupied premises', 'clerk1', 'premises-occupied', (fx) => { const { area, building, unit, room } = fx.accounts.energy.premises; return { ...openInput(fx), premises: { area, building, unit, room } }; }),
      c('unknown tariff', 'clerk1', 'not-found', (fx) => openInput(fx, fx.newMeter('energy', { tariffId: U }))),
      c('water tariff on an electricity meter', 'clerk1', 'tariff-utility-mismatch', (fx) => openInput(fx, fx.newMeter('energy', { tariffId: fx.tariffs.water }))),
    ],
  },
  'accounts.changeOwner': {
    who: 'supervisor', valid: (fx) => ({ accountId: fx.accounts.energy.id, newOwner: { name: '新户主', category: 'residential' }, reason: '过户' }),
    fields: [['accountId', 'id'], ['newOwner', 'object'], ['newOwner.name', 'text60'], ['newOwner.phone', 'phone', 'optional'], ['newOwner.category', 'enum'], ['reason', 'text200']],
    strict: ['newOwner'],
    cases: [
      c('unknown account', 'supervisor', 'not-found', () => ({ accountId: U, newOwner: { name: 'x', category: 'residential' }, reason: 'r' })),
      c('closed account', 'supervisor', 'account-closed', (fx) => ({ accountId: fx.closedAccount, newOwner: { name: 'x', category: 'residential' }, reason: 'r' })),
      c('same owner', 'supervisor', 'same-owner', (fx) => ({ accountId: fx.accounts.energy.id, newOwner: { name: fx.accounts.energy.customer.name, phone: fx.accounts.energy.customer.phone, category: 'residential' }, reason: 'r' })),
    ],
  },
  'accounts.changeMeter': {
    who: 'supervisor', valid: (fx) => ({ accountId: fx.accounts.energy.id, oldMeterId: fx.meters.energy, finalRemaining: 0, newMeter: fx.newMeter('energy'), reason: '换表' }),
    fields: [['accountId', 'id'], ['oldMeterId', 'id'], ['finalRemaining', 'nonNegative'], ['newMeter', 'object'], ...meterFields('newMeter'), ['reason', 'text200']],
    strict: ['newMeter'],
    cases: [
      c('unknown account', 'supervisor', 'not-found', (fx) => ({ accountId: U, oldMeterId: fx.meters.energy, finalRemaining: 0, newMeter: fx.newMeter('energy'), reason: 'r' })),
      c('unknown meter', 'supervisor', 'not-found', (fx) => ({ accountId: fx.accounts.energy.id, oldMeterId: U, finalRemaining: 0, newMeter: fx.newMeter('energy'), reason: 'r' })),
      c('meter of another account', 'supervisor', 'not-found', (fx) => ({ accountId: fx.accounts.energy.id, oldMeterId: fx.meters.money, finalRemaining: 0, newMeter: fx.newMeter('money'), reason: 'r' })),
      c('closed account', 'supervisor', 'account-closed', (fx) => ({ accountId: fx.closedAccount, oldMeterId: fx.closedMeter, finalRemaining: 0, newMeter: fx.newMeter('hall'), reason: 'r' })),
      c('removed meter', 'supervisor', 'meter-removed', (fx) => ({ accountId: fx.removedMeterAccount, oldMeterId: fx.removedMeter, finalRemaining: 0, newMeter: fx.newMeter('energy'), reason: 'r' })),
      c('other utility', 'supervisor', 'utility-mismatch', (fx) => ({ accountId: fx.accounts.energy.id, oldMeterId: fx.meters.energy, finalRemaining: 0, newMeter: fx.newMeter('water'), reason: 'r' })),
      c('other credit kind', 'supervisor', 'utility-mismatch', (fx) => ({ accountId: fx.accounts.energy.id, oldMeterId: fx.meters.energy, finalRemaining: 0, newMeter: fx.newMeter('money'), reason: 'r' })),
      c('taken meter number', 'supervisor', 'meter-no-taken', (fx) => ({ accountId: fx.accounts.energy.id, oldMeterId: fx.meters.energy, finalRemaining: 0, newMeter: fx.newMeter('energy', { meterNo: fx.accounts.money.meters[0]!.meterNo }), reason: 'r' })),
      c('taken card number', 'supervisor', 'card-no-taken', (fx) => ({ accountId: fx.accounts.energy.id, oldMeterId: fx.meters.energy, finalRemaining: 0, newMeter: fx.newMeter('energy', { cardNo: fx.accounts.money.meters[0]!.cardNo }), reason: 'r' })),
      c('tariff of the other utility', 'supervisor', 'tariff-utility-mismatch', (fx) => ({ accountId: fx.accounts.energy.id, oldMeterId: fx.meters.energy, finalRemaining: 0, newMeter: fx.newMeter('energy', { tariffId: fx.tariffs.water }), reason: 'r' })),
    ],
  },
  'accounts.close': {
    // A refund needs the caller's approved refund for exactly the total; clerk1 has one, and an open shift.
    who: 'clerk1', valid: (fx) => closeInput(fx, fx.approvals.refund),
    fields: [['accountId', 'id'], ['residuals', 'residuals'], ['residuals.0.meterId', 'id'], ['residuals.0.refund', 'nonNegative'], ['reason', 'text200'],
      ['approvalId', 'id', 'optional']],
    strict: ['residuals.0'],
    cases: [
      c('unknown account', 'supervisor', 'not-found', () => ({ accountId: U, residuals: [], reason: 'r' })),
      c('closed account', 'supervisor', 'account-closed', (fx) => ({ accountId: fx.closedAccount, residuals: [], reason: 'r' })),
      c('residual above the meter\'s remaining', 'supervisor', 'residual-too-large', (fx) => ({ accountId: fx.accounts.money.id, residuals: [{ meterId: fx.meters.money, refund: 5_001 }], reason: 'r' })),
      c('unknown meter in residuals', 'supervisor', 'not-found', (fx) => ({ accountId: fx.accounts.money.id, residuals: [{ meterId: U, refund: 1 }], reason: 'r' })),
      c('meter of another account in residuals', 'supervisor', 'not-found', (fx) => ({ accountId: fx.accounts.money.id, residuals: [{ meterId: fx.meters.hall, refund: 0 }], reason: 'r' })),
      c('refund without an open shift', 'supervisor', 'no-open-shift', (fx) => ({ accountId: fx.accounts.money.id, residuals: [{ meterId: fx.meters.money, refund: 100 }], reason: 'r' })),
      c('refund with an approval, without an open shift', 'supervisor', 'no-open-shift', (fx) => closeInput(fx, fx.approvals.refund)),
      ...CLOSE_MONEY_CASES,
    ],
  },
  'accounts.events': {
    who: 'clerk1', valid: (fx) => ({ accountId: fx.accounts.energy.id }), fields: [['accountId', 'id']],
    cases: [c('unknown account', 'clerk1', 'not-found', () => ({ accountId: U }))],
  },
  'tariffs.list': { who: 'clerk1', valid: () => ({ utility: 'water' }), fields: [['utility', 'enum', 'optional']] },
  'tariffs.create': {
    who: 'admin', valid: () => ({ ...tariffInput, tou: { ...TOU } }),
    fields: [['code', 'tariffCode'], ['name', 'text60'], ['utility', 'enum'], ['category', 'enum'], ['period', 'enum'], ['effectiveFrom', 'date'],
      ['tiers', 'tiers'], ['tiers.0.uptoUnits', 'uptoUnits'], ['tiers.0.price', 'price'], ['tou', 'tou', 'optional']],
    strict: ['tiers.0', 'tou'],
    cases: [
      c('taken code', 'admin', 'tariff-code-taken', () => ({ ...tariffInput, code: 'RES-E' })),
      c('open tier not last', 'admin', 'tariff-invalid', () => ({ ...tariffInput, tiers: [{ uptoUnits: null, price: 1 }, { uptoUnits: 10, price: 1 }] })),
      c('bounds not increasing', 'admin', 'tariff-invalid', () => ({ ...tariffInput, tiers: [{ uptoUnits: 10, price: 1 }, { uptoUnits: 10, price: 1 }, { uptoUnits: null, price: 1 }] })),
      c('free last tier', 'admin', 'tariff-invalid', () => ({ ...tariffInput, tiers: [{ uptoUnits: null, price: 0 }] })),
      c('free last tier (en)', 'admin', 'tariff-invalid', () => ({ ...tariffInput, tiers: [{ uptoUnits: null, price: 0 }] }), 'en'),
      c('time-of-use prices on a water tariff', 'admin', 'tariff-invalid', () => ({ ...tariffInput, utility: 'water', tou: { ...TOU } })),
    ],
  },
  'tariffs.addVersion': {
    who: 'admin', valid: (fx) => ({ tariffId: fx.tariffs.electricity, effectiveFrom: '2026-07-01', tiers: ELECTRICITY_TIERS, tou: { ...TOU } }),
    fields: [['tariffId', 'id'], ['effectiveFrom', 'date'], ['tiers', 'tiers'], ['tiers.0.uptoUnits', 'uptoUnits'], ['tiers.0.price', 'price'], ['tou', 'tou', 'optional']],
    strict: ['tiers.0', 'tou'],
    cases: [
      c('unknown tariff', 'admin', 'not-found', () => ({ tariffId: U, effectiveFrom: '2026-07-01', tiers: ELECTRICITY_TIERS })),
      c('yesterday', 'admin', 'tariff-version-in-past', (fx) => ({ tariffId: fx.tariffs.electricity, effectiveFrom: '2026-06-14', tiers: ELECTRICITY_TIERS })),
      c('a date that has a version', 'admin', 'tariff-version-exists', (fx) => ({ tariffId: fx.todayTariff, effectiveFrom: '2026-06-15', tiers: ELECTRICITY_TIERS })),
      c('unsound tiers', 'admin', 'tariff-invalid', (fx) => ({ tariffId: fx.tariffs.electricity, effectiveFrom: '2026-07-01', tiers: [{ uptoUnits: 5, price: 1 }] })),
      c('time-of-use prices on a water tariff', 'admin', 'tariff-invalid', (fx) => ({ tariffId: fx.tariffs.water, effectiveFrom: '2026-07-01', tiers: ELECTRICITY_TIERS, tou: { ...TOU } })),
    ],
  },
  'sales.quote': {
    who: 'clerk1', valid: (fx) => ({ meterId: fx.meters.energy, request: money(10_000) }),
    fields: [['meterId', 'id'], ['request', 'request'], ['request.amount', 'positive']],
    cases: [
      c('unknown meter', 'clerk1', 'not-found', () => ({ meterId: U, request: money(100) })),
      c('meter of a closed account', 'clerk1', 'account-closed', (fx) => ({ meterId: fx.closedMeter, request: money(100) })),
      c('removed meter', 'clerk1', 'meter-removed', (fx) => ({ meterId: fx.removedMeter, request: money(100) })),
      c('amount below one kWh', 'clerk1', 'amount-buys-nothing', (fx) => ({ meterId: fx.cappedMeter, request: money(48) })),
      c('units off the whole-kWh step', 'clerk1', 'units-not-on-step', (fx) => ({ meterId: fx.meters.energy, request: { mode: 'units', units: 150 } })),
      c('units on a hall-kept meter', 'clerk1', 'hall-meter-sells-money-only', (fx) => ({ meterId: fx.meters.hall, request: { mode: 'units', units: 100 } })),
      c('past the credit cap', 'clerk1', 'credit-cap-exceeded', (fx) => ({ meterId: fx.cappedMeter, request: money(10_000) })),
      c('past the credit cap (en)', 'clerk1', 'credit-cap-exceeded', (fx) => ({ meterId: fx.cappedMeter, request: money(10_000) }), 'en'),
    ],
  },
  'sales.sell': {
    who: 'clerk1', valid: (fx) => sell(fx.meters.money, 5_000),
    fields: [['meterId', 'id'], ['request', 'request'], ['request.amount', 'positive'], ['tendered', 'nonNegative'], ['idempotencyKey', 'key'],
      ['voucherId', 'id', 'optional'], ['approvalId', 'id', 'optional'], ['loadApprovalId', 'id', 'optional']],
    cases: [
      c('clerk without an open shift', 'clerk2', 'no-open-shift', (fx) => sell(fx.meters.money, 5_000)),
      c('supervisor without an open shift', 'supervisor', 'no-open-shift', (fx) => sell(fx.meters.money, 5_000)),
      c('unknown meter', 'clerk1', 'not-found', () => sell(U, 100)),
      c('meter of a closed account', 'clerk1', 'account-closed', (fx) => sell(fx.closedMeter, 100)),
      c('removed meter', 'clerk1', 'meter-removed', (fx) => sell(fx.removedMeter, 100)),
      c('tendered too little', 'clerk1', 'tendered-too-little', (fx) => ({ ...sell(fx.meters.money, 5_000), tendered: 4_999 })),
      c('tendered nothing', 'clerk1', 'tendered-too-little', (fx) => ({ ...sell(fx.meters.money, 5_000), tendered: 0 })),
      c('key reused for another amount', 'clerk1', 'idempotency-conflict', (fx) => sell(fx.meters.energy, 20_000, fx.saleKey)),
      c('past the credit cap', 'clerk1', 'credit-cap-exceeded', (fx) => sell(fx.cappedMeter, 10_000)),
      c('amount below one kWh', 'clerk1', 'amount-buys-nothing', (fx) => sell(fx.cappedMeter, 48)),
      c('units off the step', 'clerk1', 'units-not-on-step', (fx) => ({ ...sell(fx.meters.energy, 1), request: { mode: 'units', units: 101 }, tendered: 1_000 })),
      c('units on a hall-kept meter', 'clerk1', 'hall-meter-sells-money-only', (fx) => ({ ...sell(fx.meters.hall, 1), request: { mode: 'units', units: 100 } })),
      ...SELL_MONEY_CASES,
    ],
  },
  'sales.get': {
    who: 'clerk1', valid: (fx) => ({ saleId: fx.saleId }), fields: [['saleId', 'id']],
    cases: [c('unknown sale', 'clerk1', 'not-found', () => ({ saleId: U }))],
  },
  'shifts.open': {
    who: 'clerk2', valid: () => ({ float: 0 }), fields: [['float', 'nonNegative']],
    cases: [c('second open shift', 'clerk1', 'shift-already-open', () => ({ float: 0 }))],
  },
  'shifts.current': { who: 'clerk1', valid: () => ({}), fields: [] },
  'shifts.close': {
    who: 'clerk1', valid: () => ({ counted: { 10000: 1 }, note: '交班' }), fields: [['counted', 'counted'], ['note', 'optionalText', 'optional']],
    cases: [
      c('unknown denomination', 'clerk1', 'unknown-denomination', () => ({ counted: { 10000: 1, 300: 2 } })),
      c('no open shift', 'clerk2', 'no-open-shift', () => ({ counted: { 10000: 1 } })),
    ],
  },
  'shifts.report': {
    who: 'clerk1', valid: (fx) => ({ shiftId: fx.clerk1Shift }), fields: [['shiftId', 'id']],
    cases: [
      c('unknown shift', 'supervisor', 'not-found', () => ({ shiftId: U })),
      c('another clerk\'s shift', 'clerk2', 'shift-not-yours', (fx) => ({ shiftId: fx.clerk1Shift })),
    ],
  },
  'slips.payment': {
    who: 'clerk1', valid: (fx) => ({ saleId: fx.saleId, form: 'a4' }), fields: [['saleId', 'id'], ['form', 'enum']],
    cases: [
      c('unknown sale', 'clerk1', 'not-found', () => ({ saleId: U, form: 'a4' })),
      c('unknown sale, continuous form (en)', 'admin', 'not-found', () => ({ saleId: U, form: 'continuous241' }), 'en'),
      c('a form that does not exist', 'supervisor', 'invalid-input', (fx) => ({ saleId: fx.saleId, form: 'A4' })),
    ],
  },
  'calendar.year': { who: 'clerk1', valid: () => ({ year: 2026 }), fields: [['year', 'year']] },
  'calendar.check': { who: 'clerk2', valid: () => ({ date: '2026-02-14' }), fields: [['date', 'date']] },
  'calendar.importYear': {
    who: 'admin', valid: () => calendarImport([day('2031-01-01', 'off', '元旦')]),
    fields: [['year', 'year'], ['days', 'calendarDays'], ['days.0.date', 'date'], ['days.0.kind', 'enum'], ['days.0.name', 'text20']],
    strict: ['days.0'],
    cases: [
      c('a date in another year', 'admin', 'calendar-date-outside-year', () => calendarImport([day('2031-01-01', 'off', '元旦'), day('2030-12-31', 'off', '元旦')])),
      c('a date listed twice', 'admin', 'calendar-duplicate-date', () => calendarImport([day('2031-01-01', 'off', '元旦'), day('2031-01-01', 'work', '元旦')])),
      c('a make-up working day on a Wednesday (en)', 'admin', 'calendar-workday-not-weekend', () => calendarImport([day('2031-01-01', 'work', '元旦')]), 'en'),
    ],
  },
  'calendar.warnings': { who: 'supervisor', valid: () => ({}), fields: [] },
  'audit.list': {
    who: 'supervisor', valid: () => ({ entity: 'sale', entityId: '1', limit: 10 }),
    fields: [['entity', 'optionalText40', 'optional'], ['entityId', 'optionalText40', 'optional'], ['limit', 'limit500', 'optional']],
  },
  ...MONEY_SPECS,
  ...RECHARGE_SPECS,
  ...METER_SPECS,
  ...CONTROL_SPECS,
  ...BALANCE_SPECS,
  ...PRINT_SPECS,
  ...REPORT_SPECS,
  ...BACKUP_SPECS,
  ...CARD_SPECS,
  ...WORKLIST_SPECS,
  ...SYSTEM_SPECS,
};
