/**
 * The fixed parts of the .xlsx package export-xlsx.ts writes — the same parts, relationships and cell
 * formats the exceljs streaming writer produced before (content types, workbook, styles), minus its theme
 * and app properties, which no reader needs. The styles are a fixed table, so each cell names its format by
 * index instead of a style object being resolved per cell (what made exceljs slow on big sheets).
 */
import type { CellKind } from './report-book';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Indexes into cellXfs below. */
export const STYLE = { plain: 0, int: 1, money: 2, title: 3, header: 4, bold: 5, boldInt: 6, boldMoney: 7 } as const;

/** The format of a data cell and of a totals cell, per column kind ('#,##0.00' for fen and units). */
export function columnStyles(kind: CellKind): { data: number; total: number } {
  if (kind === 'fen' || kind === 'units') return { data: STYLE.money, total: STYLE.boldMoney };
  if (kind === 'int') return { data: STYLE.int, total: STYLE.boldInt };
  return { data: STYLE.plain, total: STYLE.bold };
}

// numFmtId 1 = '0', 4 = '#,##0.00' (built-in formats; readers report them as those format strings).
const XFS: readonly { numFmt: number; font: number; fill: number }[] = [
  { numFmt: 0, font: 0, fill: 0 }, { numFmt: 1, font: 0, fill: 0 }, { numFmt: 4, font: 0, fill: 0 },
  { numFmt: 0, font: 1, fill: 0 }, { numFmt: 0, font: 2, fill: 2 }, { numFmt: 0, font: 2, fill: 0 },
  { numFmt: 1, font: 2, fill: 0 }, { numFmt: 4, font: 2, fill: 0 },
];

function xf(x: { numFmt: number; font: number; fill: number }): string {
  const apply = `${x.numFmt ? ' applyNumberFormat="1"' : ''}${x.font ? ' applyFont="1"' : ''}${x.fill ? ' applyFill="1"' : ''}`;
  return `<xf numFmtId="${x.numFmt}" fontId="${x.font}" fillId="${x.fill}" borderId="0" xfId="0"${apply}/>`;
}

export const STYLES_XML = `${XML}<styleSheet xmlns="${MAIN}">`
  + '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="13"/></font><font><b/></font></fonts>'
  + '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
  + '<fill><patternFill patternType="solid"><fgColor rgb="FFE6E6E6"/></patternFill></fill></fills>'
  + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + `<cellXfs count="${XFS.length}">${XFS.map(xf).join('')}</cellXfs>`
  + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

export function contentTypesXml(sheets: number): string {
  const sheetTypes = Array.from({ length: sheets }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  return `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    + `${sheetTypes}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>';
}

export const ROOT_RELS_XML = `${XML}<Relationships xmlns="${PKG_REL}">`
  + `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>`
  + `<Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

export const CORE_XML = `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" `
  + 'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>HallDesk</dc:creator></cp:coreProperties>';

/** Workbook and its relationships: styles is rId1, sheet i is rId(i + 2). */
export function workbookXml(sheetNames: readonly string[]): { workbook: string; rels: string } {
  const sheets = sheetNames.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 2}"/>`).join('');
  const rels = sheetNames.map((_, i) => `<Relationship Id="rId${i + 2}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  return {
    workbook: `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets}</sheets></workbook>`,
    rels: `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>${rels}</Relationships>`,
  };
}

// Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; U+FFFE/U+FFFF) are dropped.
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text for an element or attribute; most cells need nothing, so the test comes before any replace. */
export function escapeXml(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const SHEET_HEAD = `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`;
