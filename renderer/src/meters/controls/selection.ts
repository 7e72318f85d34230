/** Which meters a control job reaches, as the wizard's first step collects it (shared/contract/control-methods). */
import type { ControlSelection } from '../../../../shared/contract/control-methods';

export const SELECTION_KINDS = ['area', 'building', 'meters'] as const;
export type SelectionKind = (typeof SELECTION_KINDS)[number];

/** A meter picked by hand (from the board or a customer search). */
export interface PickedMeter {
  readonly meterId: number;
  readonly meterNo: string;
  readonly label: string;
}

export interface SelectionDraft {
  readonly by: SelectionKind;
  readonly area: string;
  readonly building: string;
  readonly picked: readonly PickedMeter[];
}

export const EMPTY_SELECTION: SelectionDraft = { by: 'meters', area: '', building: '', picked: [] };

/** What is missing: the area, the building, or any picked meter. */
export type SelectionProblem = 'area' | 'building' | 'meters';

export type BuiltSelection = { readonly ok: true; readonly selection: ControlSelection } | { readonly ok: false; readonly problem: SelectionProblem };

/** The contract selection, or which part of it is still missing. */
export function buildSelection(draft: SelectionDraft): BuiltSelection {
  const area = draft.area.trim();
  const building = draft.building.trim();
  if (draft.by === 'meters') {
    return draft.picked.length === 0 ? { ok: false, problem: 'meters' } : { ok: true, selection: { by: 'meters', meterIds: draft.picked.map((m) => m.meterId) } };
  }
  if (!area) return { ok: false, problem: 'area' };
  if (draft.by === 'area') return { ok: true, selection: { by: 'area', area } };
  return building ? { ok: true, selection: { by: 'building', area, building } } : { ok: false, problem: 'building' };
}

/** Adds meters not already picked, keeping the order they were picked in. */
export function addPicked(picked: readonly PickedMeter[], more: readonly PickedMeter[]): PickedMeter[] {
  const seen = new Set(picked.map((m) => m.meterId));
  return [...picked, ...more.filter((m) => !seen.has(m.meterId) && (seen.add(m.meterId), true))];
}
