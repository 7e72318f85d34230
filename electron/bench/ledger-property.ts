/**
 * The ledger property (issue 4): random operation sequences run through `dispatch` against a real backend
 * while the books are checked against the database and a model. tests/property/books.property.test.ts runs
 * it under fast-check; `npm run bench` times it (`ledger_property_ops_per_s`) at 100,000 operations, in
 * sequences of `runLength` operations, each on a fresh hall starting just before a real holiday (START_DATES
 * in turn), with the books checked every `checkEvery`.
 */
import fc from 'fast-check';
import { verifyBooks } from '../db/verify';
import { applyOp } from './ledger-property-apply';
import { checkBooks } from './ledger-property-check';
import { START_DATES, buildHall } from './ledger-property-hall';
import { emptyModel } from './ledger-property-model';
import type { Model } from './ledger-property-model';
import { opArbitrary } from './ledger-property-ops';
import type { Op } from './ledger-property-ops';
import { round2, timeOnce } from './stats';

export { opArbitrary } from './ledger-property-ops';
export type { Op } from './ledger-property-ops';
export type { Model } from './ledger-property-model';
export { START_DATES } from './ledger-property-hall';

/** One sequence's length and the check interval, shared by the test and the benchmark. */
export const PROPERTY_RUN_LENGTH = 2_500;
export const PROPERTY_CHECK_EVERY = 10;

export interface PropertyOptions {
  /** Check the books after every this many operations (and always at the end). */
  readonly checkEvery?: number;
  /** The clock's start (ISO); START_DATES holds a few just before real holidays. */
  readonly start?: string;
}

/** Runs one sequence on a fresh hall; throws on the first disagreement, or if `db verify` finds anything at the end. */
export async function runLedgerProperty(ops: readonly Op[], options: PropertyOptions = {}): Promise<Model> {
  const checkEvery = options.checkEvery ?? PROPERTY_CHECK_EVERY;
  const hall = await buildHall(options.start);
  try {
    const model = emptyModel();
    for (const [i, op] of ops.entries()) {
      await applyOp(hall, model, op);
      if ((i + 1) % checkEvery === 0) checkBooks(hall, model);
    }
    checkBooks(hall, model);
    const failed = (await verifyBooks(hall.backend.database.db)).filter((check) => !check.ok);
    if (failed.length > 0) throw new Error(`db verify: ${JSON.stringify(failed)}`);
    return model;
  } finally {
    await hall.close();
  }
}

export interface BenchLedgerOptions {
  readonly runLength?: number;
  readonly checkEvery?: number;
  readonly seed?: number;
}

export async function benchLedgerProperty(ops: number, options: BenchLedgerOptions = {}): Promise<{ ledger_property_ops: number; ledger_property_ops_per_s: number }> {
  const runLength = options.runLength ?? PROPERTY_RUN_LENGTH;
  const seed = options.seed ?? 20_260_615;
  const { ms } = await timeOnce(async () => {
    for (let done = 0, run = 0; done < ops; done += runLength, run++) {
      const sequence = fc.sample(opArbitrary, { numRuns: Math.min(runLength, ops - done), seed: seed + run });
      await runLedgerProperty(sequence, { checkEvery: options.checkEvery ?? PROPERTY_CHECK_EVERY, start: START_DATES[run % START_DATES.length] });
    }
  });
  return { ledger_property_ops: ops, ledger_property_ops_per_s: round2(ops / (ms / 1000)) };
}
