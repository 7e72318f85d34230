// @vitest-environment jsdom
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import zh from '../../../shared/locales/zh-CN/ui.json';
import en from '../../../shared/locales/en/ui.json';
import { RESOURCES } from '../../../shared/i18n';
import {
  APPROVAL_KINDS, CREDIT_KINDS, CREDIT_VIAS, CUSTOMER_CATEGORIES, PAYMENT_METHODS, ROLES, SETTLEMENTS, UTILITIES, VOUCHER_STATES,
} from '../../../shared/vocabulary';
import { PAGES } from '../nav/pages';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** The screens' own source text (tests aside), through Vite's glob import: no file system access needed. */
const SOURCES = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], {
  query: '?raw', import: 'default', eager: true,
});

const zhKeys = leaves(zh as Tree);
const enKeys = leaves(en as Tree);

describe("the 'ui' namespace", () => {
  it('is registered in the shared resources', () => {
    expect(RESOURCES['zh-CN'].ui).toBe(zh);
    expect(RESOURCES.en.ui).toBe(en);
  });

  it('has the same keys in zh-CN and en, none empty, same placeholders', () => {
    expect([...enKeys.keys()].sort()).toEqual([...zhKeys.keys()].sort());
    for (const [key, text] of zhKeys) {
      expect(text.trim(), key).not.toBe('');
      const vars = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
      expect(vars(enKeys.get(key) ?? ''), key).toEqual(vars(text));
    }
  });

  it('covers every literal key the screens use', () => {
    const used = new Set<string>();
    expect(Object.keys(SOURCES).length).toBeGreaterThan(30);
    for (const text of Object.values(SOURCES)) {
      for (const match of text.matchAll(/\bt\('([a-zA-Z][\w.-]*)'/g)) used.add(match[1]!);
      for (const match of text.matchAll(/\['(?:F\d+|Enter|Esc)', '([\w.]+)'\]/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(80);
    const missing = [...used].filter((key) => !zhKeys.has(key));
    expect(missing).toEqual([]);
  });
});

describe('keys built at run time', () => {
  const families: string[] = [
    ...UTILITIES.flatMap((u) => [`utility.${u}`, `sale.amountUnits.${u}`, `sale.byUnits.${u}`]),
    ...CREDIT_KINDS.map((k) => `creditKind.${k}`),
    ...CREDIT_VIAS.map((v) => `creditVia.${v}`),
    ...CUSTOMER_CATEGORIES.map((c) => `category.${c}`),
    ...ROLES.map((r) => `role.${r}`),
    ...['meter', 'card', 'phone', 'name', 'room', 'customer', 'account'].map((m) => `search.matched.${m}`),
    ...['yuan', 'jiao', 'fen'].map((u) => `shift.unit.${u}`),
    ...['empty', 'format', 'zero', 'too-large'].flatMap((p) => ['money', 'units', 'float'].map((k) => `input.${p}.${k}`)),
    ...['format', 'too-large', 'short'].map((p) => `input.${p}.tendered`),
    ...PAGES.map((p) => `nav.${p}`),
    ...SETTLEMENTS.map((s) => `settlement.${s}`),
    ...PAYMENT_METHODS.map((m) => `payment.${m}`),
    ...VOUCHER_STATES.map((s) => `vouchers.states.${s}`),
    ...APPROVAL_KINDS.flatMap((k) => [`approval.kinds.${k}`, `approval.subject.${k}`]),
    ...['pending', 'overdue', 'deposited', 'reversed'].map((s) => `deposits.states.${s}`),
    ...['weekday', 'weekend', 'holiday', 'make-up-workday'].map((r) => `holiday.reason.${r}`),
    ...['off', 'work'].map((k) => `calendar.kinds.${k}`),
    ...['type', 'size'].map((p) => `vouchers.image.${p}`),
    ...['bank', 'payerAccount', 'referenceNo', 'payer', 'amount', 'valueDate', 'account', 'image'].map((f) => `vouchers.fields.${f}`),
    ...['holidayCashPerApproval', 'holidayCashPerCustomer', 'maxSale', 'drawerLimit'].map((r) => `rules.${r}`),
  ];
  it.each(families)('%s exists in both languages', (key) => {
    expect(zhKeys.has(key)).toBe(true);
    expect(enKeys.has(key)).toBe(true);
  });
});
