/**
 * The one table model every export writes (xlsx, csv, pdf): a book of sheets, each with typed columns,
 * rows and a totals row. Money cells hold integer fen and units cells integer 0.01 units until the writer
 * turns them into yuan / kWh — exactly one division by 100 per cell, never a sum of divided values
 * (totals are summed in fen first), so an exported total always equals the ledger's.
 */
export type CellKind = 'text' | 'fen' | 'units' | 'int';
export type Cell = string | number | null;

export interface SheetColumn {
  readonly header: string;
  readonly kind: CellKind;
  /** Width in characters (xlsx column width, relative width in the PDF). */
  readonly width: number;
}

export interface ReportSheet {
  readonly name: string;
  readonly columns: readonly SheetColumn[];
  readonly rows: readonly (readonly Cell[])[];
  /** Summed per numeric column where given: null cells stay blank, text cells are labels. */
  readonly totals?: readonly Cell[];
}

export interface ReportBook {
  readonly title: string;
  /** Label/value pairs printed under the title (the period, the grouping). */
  readonly facts: readonly (readonly [string, string])[];
  readonly sheets: readonly ReportSheet[];
  /** Base of the file name, without extension. */
  readonly fileBase: string;
}

/** Sums the numeric columns of `rows` (fen/units/int), exactly in integers; `label` goes in the first column. */
export function totalsOf(columns: readonly SheetColumn[], rows: readonly (readonly Cell[])[], label: string, skip: readonly number[] = []): Cell[] {
  return columns.map((c, i) => {
    if (i === 0) return label;
    if (c.kind === 'text' || skip.includes(i)) return null;
    return rows.reduce<number>((sum, row) => sum + (typeof row[i] === 'number' ? (row[i] as number) : 0), 0);
  });
}

/** A cell's exported value: fen and units as exact hundredths (one division), ints as-is. */
export function cellValue(kind: CellKind, value: Cell): Cell {
  if (value === null || typeof value === 'string') return value;
  return kind === 'fen' || kind === 'units' ? value / 100 : value;
}

/** The text form of a cell (CSV and PDF): fen/units with exactly two decimals from the integer, no float. */
export function cellText(kind: CellKind, value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (kind === 'fen' || kind === 'units') {
    const abs = Math.abs(value);
    return `${value < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  }
  return String(value);
}
