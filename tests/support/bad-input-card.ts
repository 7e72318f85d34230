/**
 * The bad-input matrix for the card methods (issue 6). Spread into SPECS (and its kinds into KINDS) in
 * bad-input-table.ts. The base fixture has no card reader, so every call that needs the card answers
 * card-reader-not-available after its own checks, and the demo methods card-demo-only; the card flows
 * themselves run on the simulated reader in tests/contract/cards.test.ts.
 */
import type { Case, Caller, MethodSpec } from './bad-input-table';
import type { ErrorCode } from '../../shared/contract/errors';
import type { cardContract, cardDemoContract } from '../../shared/contract/card-methods';

const U = 999_999;
const c = (name: string, who: Caller, code: ErrorCode, input: (fx: Parameters<MethodSpec['valid']>[0]) => unknown, language?: 'en'): Case =>
  ({ name, who, code, input, ...(language ? { language } : {}) });
const NO_READER = 'card-reader-not-available';

export const CARD_KINDS = {
  cardFile: () => ['', 'x.json', '../etc.card.json', 'a b.card.json', `${'a'.repeat(61)}.card.json`, 12, []],
} satisfies Record<string, (valid: unknown) => unknown[]>;

const replace = (meterId: number, key = 'card-replace-key-1') => ({ meterId, approvalId: 1, tendered: 2_000, idempotencyKey: key });
const reverse = (saleId: number) => ({ saleId, approvalId: 1, reason: '收错', idempotencyKey: 'card-reverse-key-1' });

export const CARD_SPECS: Record<keyof typeof cardContract | keyof typeof cardDemoContract, MethodSpec> = {
  'cards.status': { who: 'clerk1', valid: () => ({}), fields: [] },
  'cards.issue': {
    who: 'clerk1', valid: (fx) => ({ meterId: fx.meters.money, kind: 'user' }), fields: [['meterId', 'id'], ['kind', 'enum', 'optional']],
    cases: [c('no card reader here', 'clerk1', NO_READER, (fx) => ({ meterId: fx.meters.money })), c('no card reader here (en)', 'supervisor', NO_READER, (fx) => ({ meterId: fx.meters.energy }), 'en')],
  },
  'cards.write': {
    who: 'clerk1', valid: () => ({ writeId: 1 }), fields: [['writeId', 'id']],
    cases: [c('an unknown write', 'clerk1', 'not-found', () => ({ writeId: U }))],
  },
  'cards.reconcile': { who: 'clerk1', valid: () => ({}), fields: [], cases: [c('no card reader here', 'clerk1', NO_READER, () => ({}))] },
  'cards.pending': { who: 'clerk2', valid: () => ({}), fields: [] },
  'cards.reportLoss': {
    who: 'clerk1', valid: (fx) => ({ meterId: fx.meters.money, reason: '遗失' }), fields: [['meterId', 'id'], ['reason', 'text200']],
    cases: [
      c('a meter without a card', 'clerk1', 'card-none-live', (fx) => ({ meterId: fx.meters.money, reason: '遗失' })),
      c('a meter without a card (en)', 'clerk1', 'card-none-live', (fx) => ({ meterId: fx.meters.energy, reason: 'lost' }), 'en'),
    ],
  },
  'cards.replace': {
    who: 'clerk1', valid: (fx) => replace(fx.meters.money), fields: [['meterId', 'id'], ['approvalId', 'id'], ['tendered', 'nonNegative'], ['idempotencyKey', 'key']],
    cases: [c('no card reader here', 'clerk1', NO_READER, (fx) => replace(fx.meters.money))],
  },
  'cards.clear': { who: 'supervisor', valid: () => ({ reason: '退卡' }), fields: [['reason', 'text200']], cases: [c('no card reader here', 'supervisor', NO_READER, () => ({ reason: '退卡' }))] },
  'cards.ofMeter': {
    who: 'clerk1', valid: (fx) => ({ meterId: fx.meters.money }), fields: [['meterId', 'id']],
    cases: [c('an unknown meter', 'clerk1', 'not-found', () => ({ meterId: U }))],
  },
  'cards.readBack': { who: 'clerk1', valid: () => ({}), fields: [], cases: [c('no card reader here', 'clerk1', NO_READER, () => ({}))] },
  'cards.reverseSale': {
    who: 'clerk1', valid: (fx) => reverse(fx.reverseSale), fields: [['saleId', 'id'], ['approvalId', 'id'], ['reason', 'text200'], ['idempotencyKey', 'key']],
    cases: [c('no card reader here', 'clerk1', NO_READER, (fx) => reverse(fx.reverseSale))],
  },
  'cards.rules': { who: 'clerk1', valid: () => ({}), fields: [] },
  'cards.setRules': { who: 'admin', valid: () => ({ unissuedCardSales: true, reason: '沿用旧系统卡' }), fields: [['unissuedCardSales', 'bool'], ['reason', 'text200']] },
  'cards.demoFiles': { who: 'clerk1', valid: () => ({}), fields: [], cases: [c('a workstation without card files', 'clerk1', 'card-demo-only', () => ({}))] },
  'cards.demoInsert': {
    who: 'clerk1', valid: () => ({ file: 'blank-01.card.json' }), fields: [['file', 'cardFile']],
    cases: [c('a workstation without card files', 'clerk1', 'card-demo-only', () => ({ file: null }))],
  },
  'cards.demoNewBlank': { who: 'clerk1', valid: () => ({}), fields: [], cases: [c('a workstation without card files', 'clerk1', 'card-demo-only', () => ({}))] },
};
