/** The printing screens build these keys at run time (drivers, kinds, forms, states …): each exists in both languages. */
import { describe, expect, it } from 'vitest';
import zh from '../../../shared/locales/zh-CN/ui.json';
import en from '../../../shared/locales/en/ui.json';
import { PRINT_FORMS, PRINT_JOB_STATES, PRINTER_DRIVERS, SLIP_KINDS } from '../../../shared/contract/print-views';

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined), tree);
}

const KEYS = [
  ...[...PRINTER_DRIVERS, 'none', 'dialog'].map((d) => `printing.drivers.${d}`),
  ...PRINTER_DRIVERS.map((d) => `printing.targets.${d}`),
  ...SLIP_KINDS.map((k) => `printing.kinds.${k}`),
  ...PRINT_FORMS.map((f) => `printing.forms.${f}`),
  ...PRINT_JOB_STATES.map((s) => `printing.states.${s}`),
  ...['queued', 'sent'].map((s) => `printing.counter.${s}`),
  ...['missingTarget', 'formRule.escpos', 'formRule.pdf'].map((p) => `printing.settings.${p}`),
  'nav.printing',
];

describe('printing keys built at run time', () => {
  it.each(KEYS)('%s', (key) => {
    expect(typeof lookup(zh as Tree, key), `zh-CN ${key}`).toBe('string');
    expect(typeof lookup(en as Tree, key), `en ${key}`).toBe('string');
  });
});
