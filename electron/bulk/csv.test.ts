import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a byte-order mark', () => {
    const rows = parseCsv('\ufeffa,b,c\r\n1,"x, ""y""",3\r\n');
    expect(rows).toEqual([{ line: 1, cells: ['a', 'b', 'c'] }, { line: 2, cells: ['1', 'x, "y"', '3'] }]);
  });

  it('numbers a record by the line it starts on, across line breaks inside quotes', () => {
    const rows = parseCsv('h\n"two\nlines"\n\nlast');
    expect(rows).toEqual([{ line: 1, cells: ['h'] }, { line: 2, cells: ['two\nlines'] }, { line: 5, cells: ['last'] }]);
  });

  it('keeps empty fields and refuses an unclosed quote', () => {
    expect(parseCsv('a,,c\n')[0]!.cells).toEqual(['a', '', 'c']);
    expect(() => parseCsv('"open')).toThrow(/not closed/);
  });

  it('writes what it reads', () => {
    const values = ['张三', 'a,b', 'say "hi"', 'x\ny'];
    expect(parseCsv(csvLine(values))[0]!.cells).toEqual(values);
  });
});
