/**
 * The proof that a copy is the hall it came from, run on the target inside the copy's transaction so a copy
 * that fails it is rolled back and never lands: every table's row count equals the source's, the ledger's
 * sum and line count per book and account equal the source's, and `db verify`'s checks (the books, gapless
 * serials, the audit hash chain recomputed link by link) pass on the target.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { verifyBooks } from '../verify';
import type { VerifyCheck } from '../verify';
import type { CopySource } from './sqlite-source';
import type { CopyTable } from './catalogue';

export interface TableCount {
  readonly table: string;
  readonly source: number;
  readonly target: number;
}

export interface LedgerMismatch {
  readonly book: string;
  readonly accountId: number | null;
  readonly source: { readonly sum: number; readonly lines: number } | null;
  readonly target: { readonly sum: number; readonly lines: number } | null;
}

export interface CopyVerification {
  readonly ok: boolean;
  readonly counts: readonly TableCount[];
  readonly ledgerGroups: number;
  /** Up to ten (book, account) groups whose sums or line counts differ. */
  readonly ledgerMismatches: readonly LedgerMismatch[];
  readonly checks: readonly VerifyCheck[];
}

interface LedgerGroup { book: string; account_id: number | null; total: number; lines: number }

const LEDGER_SUMS = 'select book, account_id, coalesce(sum(amount_fen), 0) as total, count(*) as lines from ledger_entries group by book, account_id';
const groupKey = (book: string, accountId: number | null) => `${book}\u0000${accountId ?? ''}`;

async function countTarget(db: Kysely<Database>, table: string): Promise<number> {
  const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

async function compareLedger(db: Kysely<Database>, source: CopySource): Promise<{ groups: number; mismatches: LedgerMismatch[] }> {
  const fromSource = new Map<string, LedgerGroup>();
  for (const row of source.handle.raw.prepare(LEDGER_SUMS).all() as LedgerGroup[]) fromSource.set(groupKey(row.book, row.account_id), row);
  const fromTarget = (await sql<LedgerGroup>`${sql.raw(LEDGER_SUMS)}`.execute(db)).rows;
  const mismatches: LedgerMismatch[] = [];
  const seen = new Set<string>();
  const side = (g: LedgerGroup | undefined) => (g ? { sum: Number(g.total), lines: Number(g.lines) } : null);
  for (const row of fromTarget) {
    const key = groupKey(row.book, row.account_id === null ? null : Number(row.account_id));
    seen.add(key);
    const mine = fromSource.get(key);
    if (!mine || Number(mine.total) !== Number(row.total) || Number(mine.lines) !== Number(row.lines)) {
      mismatches.push({ book: row.book, accountId: row.account_id === null ? null : Number(row.account_id), source: side(mine), target: side(row) });
    }
  }
  for (const [key, mine] of fromSource) {
    if (!seen.has(key)) mismatches.push({ book: mine.book, accountId: mine.account_id, source: side(mine), target: null });
  }
  return { groups: fromSource.size, mismatches: mismatches.slice(0, 10) };
}

/** Runs on the copy's transaction, before commit. */
export async function verifyCopy(db: Kysely<Database>, source: CopySource, tables: readonly CopyTable[], log: (line: string) => void): Promise<CopyVerification> {
  log('verifying: row counts');
  const counts: TableCount[] = [];
  for (const table of tables) counts.push({ table: table.name, source: source.count(table.name), target: await countTarget(db, table.name) });
  log('verifying: ledger sums per book and account');
  const ledger = await compareLedger(db, source);
  log('verifying: the books and the audit chain on the server');
  const checks = await verifyBooks(db, (done, total) => log(`verifying: books check ${done}/${total}`));
  const ok = counts.every((c) => c.source === c.target) && ledger.mismatches.length === 0 && checks.every((c) => c.ok);
  return { ok, counts, ledgerGroups: ledger.groups, ledgerMismatches: ledger.mismatches, checks };
}
