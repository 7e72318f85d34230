/**
 * The operations of the ledger property (issue 4: "a property test over random operation sequences keeps
 * the books") and their generator, plus the model the run keeps beside the database. Operations are plain
 * data so a failing sequence prints and shrinks; each kind has one applier (ledger-property-apply.ts).
 * Cash drops, bank deposits and refund approvals slot in later as new kinds with their own appliers: the
 * model's drawer then moves by `cash taken − drops − deposits − refunds` and the checker stays unchanged.
 */
import fc from 'fast-check';
import type { AccountSlot, Actor, Slot } from './ledger-property-hall';

export type Tender = 'exact' | 'over' | 'short';

export type Op =
  /** A cash sale by money or by units; refused ones (too small, past the cap, off-step, short tender, no shift) write nothing. */
  | { readonly kind: 'sell'; readonly who: Actor; readonly slot: Slot; readonly mode: 'money' | 'units'; readonly amount: number; readonly aligned: boolean; readonly tender: Tender; readonly extra: number }
  | { readonly kind: 'openShift'; readonly who: Actor; readonly float: number }
  /** Closes the drawer counted at expected + delta (never below zero): delta is the short (−) or over (+). */
  | { readonly kind: 'closeShift'; readonly who: Actor; readonly delta: number }
  | { readonly kind: 'advance'; readonly hours: number }
  /** Jumps to just after the next new year (Beijing): serials and annual tiers restart. */
  | { readonly kind: 'yearEnd'; readonly minutes: number }
  /** 换表 carrying the held credit; `keep` is the fraction of the old meter's remaining read off it. */
  | { readonly kind: 'changeMeter'; readonly slot: Slot; readonly keep: number }
  /** 销户 with a cash refund of the held credit plus a declared residual ('over' is refused). */
  | { readonly kind: 'closeAccount'; readonly account: AccountSlot; readonly residual: 'none' | 'part' | 'over'; readonly fraction: number };

export type OpKind = Op['kind'];

const actor = fc.constantFrom<Actor>('clerk1', 'clerk2', 'supervisor');
const slot = fc.constantFrom<Slot>('energy', 'water', 'money', 'hall');
/** Amounts spread over orders of magnitude: too small to buy anything, ordinary, and big enough to hit a cap. */
const amount = fc.oneof(
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 99 }) },
  { weight: 6, arbitrary: fc.integer({ min: 100, max: 30_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 30_000, max: 400_000 }) },
);
const fraction = fc.integer({ min: 0, max: 100 }).map((n) => n / 100);

const sell = fc.record({
  kind: fc.constant('sell' as const), who: actor, slot, mode: fc.constantFrom<'money' | 'units'>('money', 'money', 'units'), amount,
  aligned: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  tender: fc.constantFrom<Tender>('exact', 'exact', 'over', 'short'), extra: fc.integer({ min: 0, max: 10_000 }),
});

/** The generator: weights make sales the bulk, with shifts, time and account changes often enough to matter. */
export const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 120, arbitrary: sell },
  { weight: 14, arbitrary: fc.record({ kind: fc.constant('openShift' as const), who: actor, float: fc.integer({ min: 0, max: 100_000 }) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('closeShift' as const), who: actor, delta: fc.oneof(fc.constant(0), fc.integer({ min: -5_000, max: 5_000 })) }) },
  { weight: 16, arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.oneof(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 12, max: 96 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('yearEnd' as const), minutes: fc.integer({ min: 1, max: 600 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('changeMeter' as const), slot, keep: fraction }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('closeAccount' as const), account: fc.constantFrom<AccountSlot>('power', 'money', 'hall'), residual: fc.constantFrom('none' as const, 'part' as const, 'over' as const), fraction }),
  },
);

export interface ShiftModel {
  readonly who: Actor;
  readonly float: number;
  /** Cash taken − refunds paid (− drops − deposits, when those exist). */
  cash: number;
  closed: { readonly counted: number; readonly expected: number } | null;
}

/** What the run expects the books to say, kept from the operations alone. */
export interface Model {
  /** Money in: every payable taken minus every refund paid out. */
  moneyIn: number;
  /** Held credit (customer_credit, positive) per meter id. */
  readonly credit: Map<number, number>;
  readonly shifts: Map<number, ShiftModel>;
  readonly openShift: Record<Actor, number | null>;
  /** Receipts issued per business year: serials 1..n. */
  readonly receipts: Map<number, number>;
  /** Applied operations by kind, and refusals by error code, for the report. */
  readonly applied: Map<string, number>;
  readonly refused: Map<string, number>;
}

export function emptyModel(): Model {
  return {
    moneyIn: 0, credit: new Map(), shifts: new Map(), openShift: { supervisor: null, clerk1: null, clerk2: null },
    receipts: new Map(), applied: new Map(), refused: new Map(),
  };
}

export function bump<K>(counter: Map<K, number>, key: K): void {
  counter.set(key, (counter.get(key) ?? 0) + 1);
}

/** The drawer a shift should hold now: float plus its cash movements. */
export function expectedDrawer(shift: ShiftModel): number {
  return shift.float + shift.cash;
}
