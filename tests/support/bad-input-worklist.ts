/**
 * The bad-input matrix for the worklist and SMS methods (issue 7 item 5). Spread into SPECS in
 * bad-input-table.ts. The base fixture has no SMS sender set, so a well-formed sms.send is refused with
 * sms-not-configured before anything is sent or recorded; a contact for an unknown meter is not-found.
 */
import type { Case, Caller, MethodSpec } from './bad-input-table';
import type { ErrorCode } from '../../shared/contract/errors';
import type { worklistContract } from '../../shared/contract/worklist-methods';
import { DEFAULT_WORKLIST_SETTINGS } from '../../electron/domain/worklists/settings';

const U = 999_999;
const c = (name: string, who: Caller, code: ErrorCode, input: Parameters<MethodSpec['valid']>[0] extends infer F ? (fx: F) => unknown : never): Case => ({ name, who, code, input });
const settings = () => structuredClone({ ...DEFAULT_WORKLIST_SETTINGS, sms: { driver: 'http', target: 'http://127.0.0.1:9/sms' } }) as unknown as Record<string, unknown>;

export const WORKLIST_SPECS: Record<keyof typeof worklistContract, MethodSpec> = {
  'worklists.list': { who: 'clerk1', valid: () => ({ kind: 'lowBalance', area: '幸福小区', limit: 10 }), fields: [['kind', 'enum'], ['area', 'text40', 'optional'], ['limit', 'limit500', 'optional']] },
  'worklists.logContact': {
    who: 'clerk1', valid: () => ({ meterId: U, kind: 'arrears', outcome: 'called', note: '已电话通知' }),
    fields: [['meterId', 'id'], ['kind', 'enum'], ['outcome', 'enum'], ['note', 'optionalText', 'optional']],
    cases: [
      c('an unknown meter', 'clerk1', 'not-found', () => ({ meterId: U, kind: 'arrears', outcome: 'called' })),
      c('a promise without its date', 'clerk1', 'invalid-input', (fx) => ({ meterId: fx.meters.energy, kind: 'arrears', outcome: 'promised' })),
      c('a date without a promise', 'clerk1', 'invalid-input', (fx) => ({ meterId: fx.meters.energy, kind: 'arrears', outcome: 'called', promisedDate: '2026-07-01' })),
      c('a promise with a bad date', 'clerk1', 'invalid-input', (fx) => ({ meterId: fx.meters.energy, kind: 'arrears', outcome: 'promised', promisedDate: '2026-02-30' })),
      c('an admin may not log a contact', 'admin', 'forbidden', (fx) => ({ meterId: fx.meters.energy, kind: 'arrears', outcome: 'called' })),
    ],
  },
  'worklists.settings': { who: 'clerk1', valid: () => ({}), fields: [] },
  'worklists.setSettings': {
    who: 'admin', valid: settings,
    fields: [['lowBalanceDays', 'nonNegative'], ['averageWindowDays', 'positive'], ['notRechargedDays', 'positive'], ['recontactDays', 'positive'],
      ['smsPerMinute', 'positive'], ['sms', 'object'], ['sms.driver', 'enum'], ['templates', 'object'], ['templates.lowBalance', 'template'], ['templates.arrears', 'template'], ['templates.notRecharged', 'template']],
    strict: ['sms', 'templates'],
    cases: [
      c('a modem without its port', 'admin', 'invalid-input', () => ({ ...settings(), sms: { driver: 'modem', target: '' } })),
      c('a window under a week', 'admin', 'invalid-input', () => ({ ...settings(), averageWindowDays: 6 })),
      c('a clerk may not change them', 'clerk1', 'forbidden', () => settings()),
    ],
  },
  'worklists.print': { who: 'clerk1', valid: () => ({ kind: 'arrears' }), fields: [['kind', 'enum'], ['area', 'text40', 'optional']] },
  'sms.send': {
    who: 'clerk1', valid: () => ({ accountIds: [U], template: 'arrears', kind: 'arrears' }),
    fields: [['accountIds', 'accountIds'], ['template', 'enum', 'optional'], ['kind', 'enum', 'optional']],
    cases: [
      c('no SMS sender set', 'clerk1', 'sms-not-configured', (fx) => ({ accountIds: [fx.accounts.energy.id], text: '请缴费' })),
      c('a template and a text', 'clerk1', 'invalid-input', (fx) => ({ accountIds: [fx.accounts.energy.id], template: 'arrears', text: '请缴费' })),
      c('neither template nor text', 'clerk1', 'invalid-input', (fx) => ({ accountIds: [fx.accounts.energy.id] })),
      c('a text too long', 'clerk1', 'invalid-input', (fx) => ({ accountIds: [fx.accounts.energy.id], text: '费'.repeat(301) })),
    ],
  },
  'sms.status': { who: 'clerk1', valid: () => ({ accountId: U, state: 'failed', limit: 10 }), fields: [['accountId', 'id', 'optional'], ['state', 'enum', 'optional'], ['limit', 'limit500', 'optional']] },
};

export const WORKLIST_KINDS = {
  template: () => ['', '   ', 'x'.repeat(301), 123, null, []],
  accountIds: () => [[], null, {}, [0], [1.5], ['1'], Array.from({ length: 201 }, (_, i) => i + 1)],
} satisfies Record<string, (valid: unknown) => unknown[]>;
