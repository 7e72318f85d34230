/**
 * The bad-input matrix for the hall-kept balance and settlement-reading methods (issue 5 items 7 and 8). Spread
 * into SPECS (and its kinds into KINDS) in bad-input-table.ts. The base fixture's hall meter is on an account
 * whose remote meter is the settlement meter, so a manual reading is refused before any approval is looked at.
 */
import type { Case, Caller, MethodSpec } from './bad-input-table';
import type { ErrorCode } from '../../shared/contract/errors';
import type { balanceContract } from '../../shared/contract/balance-methods';

const NON_FINITE = [NaN, Infinity, -Infinity];
const periods = { spike: 0, peak: 0, flat: 0, valley: 0 };
/** A tariff version's time-of-use prices (valid). */
export const TOU = { spike: 9000, peak: 6000, flat: 4883, valley: 3000 } as const;

export const BALANCE_KINDS = {
  clockTime: () => ['24:00', '8:00', '08:60', '0800', '', 800, null],
  instant: () => ['2026-06-15', '2026-06-15 10:00', 'yesterday', '', 20260615, null],
  readingTotal: () => [-1, 10.5, ...NON_FINITE, '100', null],
  periods: () => [{}, 'x', [], 1, { ...periods, spike: -1 }, { ...periods, peak: 0.5 }, { ...periods, extra: 1 }, { spike: 0, peak: 0, flat: 0 }],
  tou: () => [{}, 'x', [], 1, { ...TOU, spike: -1 }, { ...TOU, peak: 10.5 }, { ...TOU, flat: 10_000_001 }, { ...TOU, extra: 1 }, { spike: 1, peak: 1, flat: 1 }],
} satisfies Record<string, (valid: unknown) => unknown[]>;

const U = 999_999;
const c = (name: string, who: Caller, code: ErrorCode, input: (fx: Parameters<MethodSpec['valid']>[0]) => unknown, language?: 'en'): Case =>
  ({ name, who, code, input, ...(language ? { language } : {}) });
const settings = () => ({ alarm1: 5000, alarm2: 1000, overdraftLimit: 0, autoTrip: true, keepPower: { nightStart: '18:00', nightEnd: '08:00', nonWorkingDays: true } });
const manual = (meterId: number) => ({ meterId, readAt: '2026-06-15T02:00:00.000Z', total: 100, periods: null, agreementRef: '供电合同2026-001', approvalId: 1 });

export const BALANCE_SPECS: Record<keyof typeof balanceContract, MethodSpec> = {
  'balances.settings': { who: 'clerk1', valid: () => ({}), fields: [] },
  'balances.setSettings': {
    who: 'admin', valid: settings,
    fields: [['alarm1', 'nonNegative'], ['alarm2', 'nonNegative'], ['overdraftLimit', 'nonNegative'], ['autoTrip', 'bool'], ['keepPower', 'object'],
      ['keepPower.nightStart', 'clockTime'], ['keepPower.nightEnd', 'clockTime'], ['keepPower.nonWorkingDays', 'bool']],
    strict: ['keepPower'],
    cases: [c('alarm 2 above alarm 1', 'admin', 'invalid-input', () => ({ ...settings(), alarm1: 1000, alarm2: 5000 }))],
  },
  'balances.ofMeter': {
    who: 'clerk1', valid: (fx) => ({ meterId: fx.meters.hall, limit: 10 }), fields: [['meterId', 'id'], ['limit', 'limit500', 'optional']],
    cases: [
      c('an unknown meter', 'clerk1', 'not-found', () => ({ meterId: U })),
      c('a meter that is not hall-kept', 'clerk1', 'not-hall-meter', (fx) => ({ meterId: fx.meters.energy })),
      c('a meter that is not hall-kept (en)', 'supervisor', 'not-hall-meter', (fx) => ({ meterId: fx.meters.money }), 'en'),
    ],
  },
  'balances.alerts': { who: 'clerk1', valid: () => ({ open: true, limit: 10 }), fields: [['open', 'bool', 'optional'], ['limit', 'limit500', 'optional']] },
  'balances.chargeNow': { who: 'supervisor', valid: () => ({}), fields: [] },
  'accounts.setMeteringBasis': {
    who: 'supervisor', valid: (fx) => ({ accountId: fx.accounts.hall.id, remoteIsSettlement: false, reason: '合同约定结算表' }),
    fields: [['accountId', 'id'], ['remoteIsSettlement', 'bool'], ['reason', 'text200']],
    cases: [
      c('an unknown account', 'supervisor', 'not-found', () => ({ accountId: U, remoteIsSettlement: false, reason: 'r' })),
      c('a closed account', 'supervisor', 'account-closed', (fx) => ({ accountId: fx.closedAccount, remoteIsSettlement: false, reason: 'r' })),
    ],
  },
  'readings.enterManual': {
    who: 'clerk1', valid: (fx) => manual(fx.meters.hall),
    fields: [['meterId', 'id'], ['readAt', 'instant'], ['total', 'readingTotal'], ['periods', 'periods'], ['agreementRef', 'text60'], ['approvalId', 'id']],
    cases: [
      c('an unknown meter', 'clerk1', 'not-found', () => manual(U)),
      c('a meter of a closed account', 'clerk1', 'account-closed', (fx) => manual(fx.closedMeter)),
      c('the remote meter is the settlement meter', 'clerk1', 'remote-meter-is-settlement', (fx) => manual(fx.meters.hall)),
      c('the remote meter is the settlement meter (en)', 'supervisor', 'remote-meter-is-settlement', (fx) => manual(fx.meters.hall), 'en'),
    ],
  },
};
