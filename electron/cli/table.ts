/**
 * Plain-text tables for the terminal. Chinese names and addresses take two columns each on a terminal, so
 * widths are counted in display cells, not characters, or every row after a name would slip out of line.
 * (slip-escpos.ts counts every non-ASCII character double, which is the thermal printer's GB18030 rule; a
 * terminal shows "³" or "—" single, hence the East Asian Wide ranges here.)
 */

/** East Asian wide and fullwidth ranges (CJK, Hangul, fullwidth forms): two cells each. */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

export interface TableColumn {
  readonly header: string;
  /** Numbers read best right-aligned. */
  readonly right?: boolean;
}

/** The header, a rule, and the rows, each column as wide as its widest cell; two spaces between columns. */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) => columns.map((c, i) => pad(cells[i] ?? '', widths[i]!, c.right === true)).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
