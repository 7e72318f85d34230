/**
 * The printer settings as the form edits them, and the contract's rules (print-methods.ts printerConfig)
 * applied before saving: a raw thermal printer takes only the thermal80 form, a Windows printer only PDF
 * forms, every printer needs a target. The form offers only allowed forms, so the backend's refusal is
 * a last line, not the way a clerk learns the rule.
 */
import { ESCPOS_ONLY_DRIVERS, PDF_ONLY_DRIVERS, PRINT_FORMS, SLIP_KINDS } from '../../../shared/contract/print-views';
import type { PrinterDriver, PrinterSettingsView, PrintForm, SlipKind } from '../../../shared/contract/print-views';

export type DriverChoice = PrinterDriver | 'none';

export interface KindDraft {
  readonly driver: DriverChoice;
  readonly target: string;
  readonly form: PrintForm;
}

export interface SettingsDraft {
  readonly dialog: boolean;
  readonly kinds: Readonly<Record<SlipKind, KindDraft>>;
}

export type DraftProblem = { readonly kind: SlipKind; readonly problem: 'missingTarget' | 'formRule.escpos' | 'formRule.pdf' };

/** The forms a driver can print; 'none' keeps every form (nothing is printed on it). */
export function formsFor(driver: DriverChoice): readonly PrintForm[] {
  if (driver !== 'none' && ESCPOS_ONLY_DRIVERS.includes(driver)) return ['thermal80'];
  if (driver !== 'none' && PDF_ONLY_DRIVERS.includes(driver)) return PRINT_FORMS.filter((f) => f !== 'thermal80');
  return PRINT_FORMS;
}

/** A new driver keeps the form when it can print it, else takes the first it can. */
export function withDriver(draft: KindDraft, driver: DriverChoice): KindDraft {
  const forms = formsFor(driver);
  return { ...draft, driver, form: forms.includes(draft.form) ? draft.form : (forms[0] ?? 'a4') };
}

export function draftOf(view: PrinterSettingsView): SettingsDraft {
  const kinds = Object.fromEntries(SLIP_KINDS.map((kind) => {
    const printer = view.kinds[kind];
    return [kind, printer ? { driver: printer.driver, target: printer.target, form: printer.form } : { driver: 'none', target: '', form: 'a4' }];
  })) as Record<SlipKind, KindDraft>;
  return { dialog: view.dialog, kinds };
}

/** The settings to save, or the first kind whose printer is incomplete or breaks a form rule. */
export function settingsOf(draft: SettingsDraft): { readonly ok: true; readonly value: PrinterSettingsView } | ({ readonly ok: false } & DraftProblem) {
  const kinds: Partial<Record<SlipKind, PrinterSettingsView['kinds'][SlipKind]>> = {};
  for (const kind of SLIP_KINDS) {
    const { driver, target, form } = draft.kinds[kind];
    if (driver === 'none') {
      kinds[kind] = null;
      continue;
    }
    if (!target.trim()) return { ok: false, kind, problem: 'missingTarget' };
    if (!formsFor(driver).includes(form)) return { ok: false, kind, problem: ESCPOS_ONLY_DRIVERS.includes(driver) ? 'formRule.escpos' : 'formRule.pdf' };
    kinds[kind] = { driver, target: target.trim(), form };
  }
  return { ok: true, value: { dialog: draft.dialog, kinds: kinds as PrinterSettingsView['kinds'] } };
}
