/** A ReportBook as an A4 landscape PDF through the registers' frame and table (electron/registers). */
import type { TFunction } from 'i18next';
import { printedFacts, renderRegister } from '../registers/register-pdf';
import type { RegisterOptions } from '../registers/register-pdf';
import { drawTable } from '../registers/table';
import type { ReportBook } from './report-book';
import { cellText } from './report-book';

const GAP = 12;

export function writePdf(book: ReportBook, header: { hallName: string | null; printedAt: string; printedBy: string }, t: TFunction, options: RegisterOptions = {}): Promise<Buffer> {
  const frame = {
    title: book.title, hallName: header.hallName, orientation: 'landscape' as const, printedAt: header.printedAt,
    facts: [...printedFacts(t, header.printedAt, header.printedBy), ...book.facts],
  };
  return renderRegister(frame, t, (sheet, top) => {
    let y = top;
    for (const s of book.sheets) {
      const text = (cells: readonly (string | number | null)[]) => s.columns.map((c, i) => cellText(c.kind, cells[i] ?? null));
      y = drawTable(sheet, y, {
        caption: s.name,
        columns: s.columns.map((c) => ({ header: c.header, width: c.width, align: c.kind === 'text' ? 'left' : 'right' })),
        rows: s.rows.map((r) => ({ cells: text(r) })),
        ...(s.totals ? { totals: text(s.totals) } : {}),
        empty: t('register.empty'),
      }) + GAP;
    }
  }, options);
}
