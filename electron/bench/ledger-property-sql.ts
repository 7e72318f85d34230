/** Small SQL helpers for the ledger property's checker: rows, one row, "no offending rows", and equality with a message. */
import type { Hall } from './ledger-property-hall';

export type Row = Record<string, number | string | null>;

export function rows(hall: Hall, sql: string): Row[] {
  return hall.raw.prepare(sql).all() as Row[];
}

export function one(hall: Hall, sql: string): Row {
  return hall.raw.prepare(sql).get() as Row;
}

export function none(hall: Hall, what: string, sql: string): void {
  const offenders = rows(hall, `${sql} limit 5`);
  if (offenders.length > 0) throw new Error(`${what}: ${JSON.stringify(offenders)}`);
}

export function equal(what: string, actual: unknown, expected: unknown): void {
  if (Number(actual) !== Number(expected)) throw new Error(`${what}: database ${String(actual)}, expected ${String(expected)}`);
}
