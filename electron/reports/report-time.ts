/**
 * Business-date bounds for report queries. Business dates are Beijing dates (UTC+8, no DST) while
 * created_at / at columns are ISO-8601 UTC text, so a business day D is the instants
 * [D 00:00+08:00, D+1 00:00+08:00) — compared as text, which sorts like time for the fixed ISO format.
 */

/** The first UTC instant of Beijing date `date`. */
export function dayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/** The date `days` after `date` (negative for before). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Instants [from 00:00, to+1 00:00) Beijing for an inclusive date range. */
export function rangeBounds(from: string, to: string): { start: string; end: string } {
  return { start: dayStart(from), end: dayStart(addDays(to, 1)) };
}

/** The dates of month 'YYYY-MM' as [first, firstOfNext) business dates. */
export function monthDates(month: string): { first: string; next: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { first: `${month}-01`, next: `${next}-01` };
}

/** The `count` months ending with `month`, oldest first. */
export function monthsEnding(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const k = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/** The dates of a period 'YYYY' or 'YYYY-MM' as [first, next). */
export function periodDates(period: string): { first: string; next: string } {
  return period.length === 4 ? { first: `${period}-01-01`, next: `${Number(period) + 1}-01-01` } : monthDates(period);
}
