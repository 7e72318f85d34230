/**
 * Customer import: every row of a sheet (CSV or XLSX, layout in customer-columns.ts) is checked as
 * accounts.open would check it — contract schema, tariff of the meter's utility, meter and card
 * numbers unused (in the file and in the database), premises without an open account — and the
 * accepted rows are opened in ONE transaction. With allOrNothing a single refused row imports nothing.
 * Rows are judged in file order: the first of two rows claiming the same meter, card or room wins,
 * as two counter clerks opening them one after the other would find.
 */
import type { Db } from '../db/repositories/db';
import { createI18n } from '../../shared/i18n';
import { BulkWriter } from './bulk-writer';
import { BulkAccountOpener } from './accounts-writer';
import type { OpenAccountInput } from './accounts-writer';
import { mapHeader, rowReader } from './customer-columns';
import type { Column, RowProblem, RowReader, TariffRef } from './customer-columns';
import type { SheetRow } from './csv';
import { addressKey, meterKeysInUse, occupiedAddresses } from './lookups';
import { withSession } from './sql-session';
import type { BulkSession } from './sql-session';

/** Rows validated, checked and written per step: the writer works on one while the next is read. */
const STEP_ROWS = 5_000;

export interface RejectedRow extends RowProblem {
  readonly line: number;
  /** For a duplicate within the file: the line that claimed the meter, card or room first. */
  readonly firstLine?: number;
}

export interface ImportReport {
  /** Data rows in the file (the header excluded). */
  readonly rows: number;
  readonly imported: number;
  readonly rejected: readonly RejectedRow[];
  readonly unknownColumns: readonly string[];
  /** False when allOrNothing refused the whole file. */
  readonly committed: boolean;
}

export interface ImportOptions {
  readonly allOrNothing: boolean;
  /** The user the accounts are opened for (account_events.user_id, audit). */
  readonly userId: number;
  /** Recorded in each account's audit record. */
  readonly source: string;
  /** Opening time of every imported account (ISO UTC). */
  readonly at: string;
}

/** The file itself is unusable (no header, required columns missing): nothing is imported. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

interface Candidate { readonly line: number; readonly input: OpenAccountInput }

async function tariffRefs(db: Db): Promise<Map<string, TariffRef>> {
  const rows = await db.selectFrom('tariffs').select(['id', 'code', 'utility']).execute();
  return new Map(rows.map((r) => [r.code, { id: Number(r.id), utility: r.utility }]));
}

type Claim = { readonly column: Column; readonly code: string; readonly key: string; readonly params: Record<string, string> };

function claimsOf(input: OpenAccountInput): Claim[] {
  const claims: Claim[] = [{ column: 'room', code: 'premises-occupied', key: `p:${addressKey(input.premises)}`, params: {} }];
  for (const m of input.meters) {
    claims.push({ column: 'meter_no', code: 'meter-no-taken', key: `m:${m.meterNo}`, params: { meterNo: m.meterNo } });
    if (m.cardNo !== null) claims.push({ column: 'card_no', code: 'card-no-taken', key: `c:${m.cardNo}`, params: { cardNo: m.cardNo } });
  }
  return claims;
}

/** The keys of these candidates the database already holds, in claim-key form ("m:…", "c:…", "p:…"). */
async function takenInDatabase(db: Db, candidates: readonly Candidate[]): Promise<Set<string>> {
  const meters = candidates.flatMap((c) => c.input.meters);
  const taken = new Set<string>();
  for (const key of await meterKeysInUse(db, 'meter_no', meters.map((m) => m.meterNo))) taken.add(`m:${key}`);
  for (const key of await meterKeysInUse(db, 'card_no', meters.flatMap((m) => (m.cardNo === null ? [] : [m.cardNo])))) taken.add(`c:${key}`);
  for (const key of await occupiedAddresses(db, candidates.map((c) => c.input.premises))) taken.add(`p:${key}`);
  return taken;
}

/** Rows in file order; the first to claim a meter, card or room keeps it. */
class Judge {
  private readonly claimedBy = new Map<string, number>();

  async judge(db: Db, candidates: readonly Candidate[], rejected: RejectedRow[]): Promise<Candidate[]> {
    const taken = await takenInDatabase(db, candidates);
    const accepted: Candidate[] = [];
    for (const candidate of candidates) {
      const claims = claimsOf(candidate.input);
      const clash = claims.find((c) => taken.has(c.key) || this.claimedBy.has(c.key));
      if (clash) {
        const firstLine = this.claimedBy.get(clash.key);
        rejected.push({ line: candidate.line, code: clash.code, column: clash.column, params: clash.params, ...(firstLine === undefined ? {} : { firstLine }) });
        continue;
      }
      for (const claim of claims) this.claimedBy.set(claim.key, candidate.line);
      accepted.push(candidate);
    }
    return accepted;
  }
}

function readStep(rows: readonly SheetRow[], read: RowReader, rejected: RejectedRow[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const row of rows) {
    const result = read(row.cells);
    if ('problem' in result) rejected.push({ line: row.line, ...result.problem });
    else candidates.push({ line: row.line, input: result.input });
  }
  return candidates;
}

/**
 * Validates and imports a sheet whose first row is the header, in one session (one transaction).
 * Steps overlap: while the session writes one step's rows, the next step is read and checked. With
 * allOrNothing, the first refused row stops the writing; the rest is still checked, for the report,
 * and the session is rolled back.
 */
export async function importCustomerRows(open: () => Promise<BulkSession>, sheet: readonly SheetRow[], options: ImportOptions): Promise<ImportReport> {
  if (sheet.length === 0) throw new ImportFileError('the file is empty (no header row)');
  const header = mapHeader(sheet[0]!.cells);
  if (header.missing.length > 0) throw new ImportFileError(`missing columns: ${header.missing.join(', ')}`);
  const rejected: RejectedRow[] = [];
  const base = { rows: sheet.length - 1, rejected, unknownColumns: header.unknown };
  let imported = 0;
  const refuse = new Error('all-or-nothing');
  try {
    await withSession(open, async (session) => {
      const read = rowReader(header.index, await tariffRefs(session.read));
      const opener = await BulkAccountOpener.start(new BulkWriter(session), { userId: options.userId, source: options.source });
      const judge = new Judge();
      for (let start = 1; start < sheet.length; start += STEP_ROWS) {
        const accepted = await judge.judge(session.read, readStep(sheet.slice(start, start + STEP_ROWS), read, rejected), rejected);
        if (options.allOrNothing && rejected.length > 0) continue;
        await opener.open(accepted.map((c) => ({ input: c.input, at: options.at })));
        imported += accepted.length;
      }
      if (options.allOrNothing && rejected.length > 0) throw refuse;
    });
  } catch (error) {
    if (error !== refuse) throw error;
    return { ...base, rejected: rejected.sort((a, b) => a.line - b.line), imported: 0, committed: false };
  }
  return { ...base, rejected: rejected.sort((a, b) => a.line - b.line), imported, committed: true };
}

const translators = new Map<string, ReturnType<typeof createI18n>>();

/** "line 7: meter_no — Meter number X is already in use (as on line 3)", in the given language. */
export function describeRejection(row: RejectedRow, language: 'en' | 'zh-CN' = 'en'): string {
  let i18n = translators.get(language);
  if (!i18n) translators.set(language, (i18n = createI18n(language)));
  const message = i18n.t(row.code, { ...row.params });
  const first = row.firstLine === undefined ? '' : language === 'en' ? ` (as on line ${row.firstLine})` : `（与第 ${row.firstLine} 行重复）`;
  return `line ${row.line}: ${row.column ?? '-'} — ${message}${first}`;
}
