/**
 * The operations of the ledger property (issue 4: "a property test over random operation sequences keeps
 * the books") and their generator. Operations are plain data so a failing sequence prints and shrinks;
 * each kind has one applier (ledger-property-apply*.ts). The model lives in ledger-property-model.ts.
 */
import fc from 'fast-check';
import type { AccountSlot, Actor, Slot } from './ledger-property-hall';

export { bump, emptyModel, expectedDrawer } from './ledger-property-model';
export type { Model, ShiftModel } from './ledger-property-model';

export type Tender = 'exact' | 'over' | 'short';
export type Clerk = 'clerk1' | 'clerk2';

export type Op =
  /**
   * A sale by money or by units, paid in cash or by drawing on a voucher (`voucher` picks one of the model's
   * by index; `drain` asks for exactly what is left on it). Holiday cash on a bank-transfer-only account is
   * approved by the supervisor first unless `approve` is false. Refused ones write nothing.
   */
  | {
    readonly kind: 'sell'; readonly who: Actor; readonly slot: Slot; readonly mode: 'money' | 'units'; readonly amount: number; readonly aligned: boolean;
    readonly tender: Tender; readonly extra: number; readonly pay: 'cash' | 'voucher'; readonly voucher: number; readonly drain: boolean; readonly approve: boolean;
  }
  | { readonly kind: 'openShift'; readonly who: Actor; readonly float: number }
  /** Closes the drawer counted at expected + delta (never below zero): delta is the short (−) or over (+). */
  | { readonly kind: 'closeShift'; readonly who: Actor; readonly delta: number }
  | { readonly kind: 'advance'; readonly hours: number }
  /** Jumps to just after the next new year (Beijing): serials and annual tiers restart. */
  | { readonly kind: 'yearEnd'; readonly minutes: number }
  /** 换表 carrying the held credit; `keep` is the fraction of the old meter's remaining read off it. */
  | { readonly kind: 'changeMeter'; readonly slot: Slot; readonly keep: number }
  /** 销户 by a clerk with a cash refund of the held credit plus a declared residual ('over' is refused), approved by the supervisor. */
  | { readonly kind: 'closeAccount'; readonly who: Clerk; readonly account: AccountSlot; readonly residual: 'none' | 'part' | 'over'; readonly fraction: number }
  /** A bank-transfer voucher, free or bound to an account slot; `duplicate` reuses the last reference (refused). */
  | { readonly kind: 'registerVoucher'; readonly who: Actor; readonly amount: number; readonly bind: AccountSlot | null; readonly duplicate: boolean }
  /** The supervisor toggles an account between cash and bank transfer only. */
  | { readonly kind: 'setSettlement'; readonly account: AccountSlot }
  /** A clerk drops a fraction of the drawer (less its unbanked holiday cash) to the supervisor; `over` drops one fen more (refused). */
  | { readonly kind: 'drop'; readonly who: Clerk; readonly fraction: number; readonly over: boolean }
  /** A deposit of a subset (`pick`'s bits) of what waits to be banked; `wrong` misstates the amount, `stale` adds an item already banked. */
  | { readonly kind: 'deposit'; readonly who: Actor; readonly pick: number; readonly wrong: boolean; readonly stale: boolean }
  /** A clerk reverses the latest standing sale of a meter slot, approved by the supervisor. */
  | { readonly kind: 'reverse'; readonly who: Clerk; readonly slot: Slot };

export type OpKind = Op['kind'];

const actor = fc.constantFrom<Actor>('clerk1', 'clerk2', 'supervisor');
const clerk = fc.constantFrom<Clerk>('clerk1', 'clerk2');
const slot = fc.constantFrom<Slot>('energy', 'water', 'money', 'hall');
const accountSlot = fc.constantFrom<AccountSlot>('power', 'money', 'hall');
/** Amounts spread over orders of magnitude: too small to buy anything, ordinary, and big enough to hit a cap. */
const amount = fc.oneof(
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 99 }) },
  { weight: 6, arbitrary: fc.integer({ min: 100, max: 30_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 30_000, max: 400_000 }) },
);
const fraction = fc.integer({ min: 0, max: 100 }).map((n) => n / 100);
const rarely = fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

const sell = fc.record({
  kind: fc.constant('sell' as const), who: actor, slot, mode: fc.constantFrom<'money' | 'units'>('money', 'money', 'units'), amount,
  aligned: rarely.map((b) => !b), tender: fc.constantFrom<Tender>('exact', 'exact', 'over', 'short'), extra: fc.integer({ min: 0, max: 10_000 }),
  pay: fc.constantFrom<'cash' | 'voucher'>('cash', 'cash', 'cash', 'voucher'), voucher: fc.nat(1_000), drain: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), approve: rarely.map((b) => !b),
});

const money = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('registerVoucher' as const), who: actor, amount: fc.integer({ min: 1_000, max: 300_000 }), bind: fc.option(accountSlot), duplicate: rarely }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('setSettlement' as const), account: accountSlot }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('drop' as const), who: clerk, fraction, over: rarely }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('deposit' as const), who: actor, pick: fc.nat(), wrong: rarely, stale: rarely }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reverse' as const), who: clerk, slot }) },
);

/** The generator: weights make sales the bulk, with shifts, time, account changes and money handling often enough to matter. */
export const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 120, arbitrary: sell },
  { weight: 14, arbitrary: fc.record({ kind: fc.constant('openShift' as const), who: actor, float: fc.integer({ min: 0, max: 100_000 }) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('closeShift' as const), who: actor, delta: fc.oneof(fc.constant(0), fc.integer({ min: -5_000, max: 5_000 })) }) },
  { weight: 16, arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.oneof(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 12, max: 96 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('yearEnd' as const), minutes: fc.integer({ min: 1, max: 600 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('changeMeter' as const), slot, keep: fraction }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('closeAccount' as const), who: clerk, account: accountSlot, residual: fc.constantFrom('none' as const, 'part' as const, 'over' as const), fraction }),
  },
  { weight: 21, arbitrary: money },
);
