/**
 * The bad-input matrix for the remote-recharge methods (issue 5 item 5). Spread into SPECS in
 * bad-input-table.ts, whose top comment explains the table. The base fixture has no remote meter on a bus, so
 * its journal is empty: the cases here are the unknown write; delivery itself is tests/contract/remote-recharge.test.ts.
 */
import type { Case, Caller, MethodSpec } from './bad-input-table';
import type { ErrorCode } from '../../shared/contract/errors';
import type { rechargeContract } from '../../shared/contract/recharge-methods';

const U = 999_999;
const c = (name: string, who: Caller, code: ErrorCode, input: () => unknown, language?: 'en'): Case => ({ name, who, code, input, ...(language ? { language } : {}) });

export const RECHARGE_SPECS: Record<keyof typeof rechargeContract, MethodSpec> = {
  'recharges.pending': { who: 'clerk1', valid: () => ({}), fields: [] },
  'recharges.retry': {
    who: 'clerk1', valid: () => ({ writeId: 1 }), fields: [['writeId', 'id']],
    cases: [
      c('an unknown write', 'clerk1', 'not-found', () => ({ writeId: U })),
      c('an unknown write (en)', 'supervisor', 'not-found', () => ({ writeId: U }), 'en'),
    ],
  },
};
