/**
 * The column layout of a customer import file and the conversion of one row into the canonical
 * `accounts.open` input, validated by the contract's own schema (so an imported account passes
 * exactly the checks a counter-opened one does).
 *
 * One row = one customer + one account at a premises + one meter. Header names are matched
 * case-insensitively (spaces and hyphens count as "_"); Chinese and English names are both accepted:
 *
 *   column        中文          required  value
 *   name          姓名          yes       customer name, 1–60 characters
 *   phone         电话          no        5–20 of 0-9 + - space
 *   id_number     证件号        no        up to 30 characters
 *   category      类别          yes       residential|commercial|industrial|high_voltage|public_service
 *                                         (居民|商业|工业|高压|公共服务)
 *   area          片区          yes       e.g. 东区
 *   building      楼栋          yes
 *   unit          单元          yes
 *   room          房号          yes
 *   meter_no      表号          yes       4–24 of 0-9 A-Z a-z -
 *   utility       类型          yes       electricity|water (电|水)
 *   model         型号          yes       e.g. DDSY1352
 *   serial_no     出厂编号      yes
 *   comm_address  通讯地址      yes       1–16 hex digits
 *   credit_kind   计费方式      yes       energy|money|hall (电量|金额|远程费控)
 *   credit_via    充值方式      yes       card|remote (卡|远程)
 *   unit_step     步长          no        in kWh / m³ with ≤ 2 decimals (default 1 = whole units)
 *   credit_cap    囤积上限      no        kWh / m³ (energy meters) or yuan (money meters), ≤ 2 decimals
 *   tariff_code   价格编码      yes       code of an existing tariff of the same utility
 *   card_no       卡号          no        4–24 letters or digits (one card per meter)
 */
import type { z } from 'zod';
import { contract } from '../../shared/contract/methods';
import { parseYuan } from '../../shared/money';
import type { OpenAccountInput } from './accounts-writer';

export const COLUMN_ALIASES = {
  name: ['姓名'], phone: ['电话'], id_number: ['证件号'], category: ['类别'],
  area: ['片区'], building: ['楼栋'], unit: ['单元'], room: ['房号'],
  meter_no: ['表号'], utility: ['类型'], model: ['型号'], serial_no: ['出厂编号'], comm_address: ['通讯地址'],
  credit_kind: ['计费方式'], credit_via: ['充值方式'], unit_step: ['步长'], credit_cap: ['囤积上限'],
  tariff_code: ['价格编码'], card_no: ['卡号'],
} as const;

export type Column = keyof typeof COLUMN_ALIASES;
const OPTIONAL: readonly Column[] = ['phone', 'id_number', 'unit_step', 'credit_cap', 'card_no'];
export const REQUIRED_COLUMNS = (Object.keys(COLUMN_ALIASES) as Column[]).filter((c) => !OPTIONAL.includes(c));

/** Chinese words accepted for the coded values; anything else is passed on for the schema to judge. */
const SYNONYMS: Record<string, Record<string, string>> = {
  category: { 居民: 'residential', 商业: 'commercial', 工业: 'industrial', 高压: 'high_voltage', 公共服务: 'public_service' },
  utility: { 电: 'electricity', 水: 'water', 电表: 'electricity', 水表: 'water' },
  credit_kind: { 电量: 'energy', 水量: 'energy', 金额: 'money', 本地费控: 'money', 远程费控: 'hall', 营业厅: 'hall' },
  credit_via: { 卡: 'card', ic卡: 'card', 远程: 'remote' },
};

/** Where each column sits in a row; built from the header line. */
export type ColumnIndex = ReadonlyMap<Column, number>;

export interface HeaderMap {
  readonly index: ColumnIndex;
  readonly missing: readonly Column[];
  /** Header cells that name no known column; they are ignored. */
  readonly unknown: readonly string[];
}

function normalizeHeader(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export function mapHeader(cells: readonly string[]): HeaderMap {
  const lookup = new Map<string, Column>();
  for (const [column, aliases] of Object.entries(COLUMN_ALIASES) as [Column, readonly string[]][]) {
    lookup.set(column, column);
    for (const alias of aliases) lookup.set(normalizeHeader(alias), column);
  }
  const index = new Map<Column, number>();
  const unknown: string[] = [];
  cells.forEach((cell, i) => {
    const column = lookup.get(normalizeHeader(cell));
    if (column && !index.has(column)) index.set(column, i);
    else if (cell.trim() !== '') unknown.push(cell.trim());
  });
  return { index, missing: REQUIRED_COLUMNS.filter((c) => !index.has(c)), unknown };
}

/** Why a row is refused: an error code of the contract, the column it concerns, and message parameters. */
export interface RowProblem {
  readonly code: string;
  readonly column: Column | null;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface TariffRef {
  readonly id: number;
  readonly utility: string;
}

const PATH_COLUMNS: Record<string, Column> = {
  'customer.name': 'name', 'customer.phone': 'phone', 'customer.idNumber': 'id_number', 'customer.category': 'category',
  category: 'category', 'premises.area': 'area', 'premises.building': 'building', 'premises.unit': 'unit', 'premises.room': 'room',
  meterNo: 'meter_no', utility: 'utility', model: 'model', serialNo: 'serial_no', commAddress: 'comm_address',
  creditKind: 'credit_kind', creditVia: 'credit_via', unitStep: 'unit_step', creditCap: 'credit_cap', tariffId: 'tariff_code', cardNo: 'card_no',
};

function invalid(column: Column | null, message: string): RowProblem {
  return { code: 'invalid-input', column, params: { detail: column ? `${column}: ${message}` : message } };
}

/** Hundredths from a decimal with at most two places (rule R3, shared with amounts): "1" → 100. */
function hundredths(text: string): number | null {
  return parseYuan(text);
}

function zodProblem(error: z.ZodError): RowProblem {
  const issue = error.issues[0]!;
  const path = issue.path.filter((p) => typeof p !== 'number' && p !== 'meters').join('.');
  return invalid(PATH_COLUMNS[path] ?? null, issue.message);
}

export interface RowReader {
  (cells: readonly string[]): { input: OpenAccountInput } | { problem: RowProblem };
}

const openSchema = contract['accounts.open'].input;

/** A reader of rows laid out as `index` says; `tariffs` maps tariff codes to existing tariffs. */
export function rowReader(index: ColumnIndex, tariffs: ReadonlyMap<string, TariffRef>): RowReader {
  const get = (cells: readonly string[], column: Column): string => {
    const i = index.get(column);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const coded = (cells: readonly string[], column: Column): string => {
    const raw = get(cells, column);
    return SYNONYMS[column]?.[raw.toLowerCase()] ?? raw;
  };
  return (cells) => {
    const stepText = get(cells, 'unit_step');
    const unitStep = stepText === '' ? 100 : hundredths(stepText);
    if (unitStep === null) return { problem: invalid('unit_step', 'a number with at most two decimals') };
    const capText = get(cells, 'credit_cap');
    const creditCap = capText === '' ? null : hundredths(capText);
    if (creditCap === null && capText !== '') return { problem: invalid('credit_cap', 'a number with at most two decimals') };
    const code = get(cells, 'tariff_code');
    const tariff = tariffs.get(code);
    if (!tariff) return { problem: { code: 'not-found', column: 'tariff_code', params: { what: `tariff ${code}` } } };
    const category = coded(cells, 'category');
    const candidate = {
      customer: { name: get(cells, 'name'), phone: get(cells, 'phone') || null, idNumber: get(cells, 'id_number') || null, category },
      premises: { area: get(cells, 'area'), building: get(cells, 'building'), unit: get(cells, 'unit'), room: get(cells, 'room') },
      category,
      meters: [{
        meterNo: get(cells, 'meter_no'), utility: coded(cells, 'utility'), model: get(cells, 'model'), serialNo: get(cells, 'serial_no'),
        commAddress: get(cells, 'comm_address'), creditKind: coded(cells, 'credit_kind'), creditVia: coded(cells, 'credit_via'),
        unitStep, creditCap, tariffId: tariff.id, cardNo: get(cells, 'card_no') || null,
      }],
    };
    const parsed = openSchema.safeParse(candidate);
    if (!parsed.success) return { problem: zodProblem(parsed.error) };
    if (parsed.data.meters[0]!.utility !== tariff.utility) return { problem: { code: 'tariff-utility-mismatch', column: 'tariff_code', params: {} } };
    return { input: parsed.data };
  };
}
