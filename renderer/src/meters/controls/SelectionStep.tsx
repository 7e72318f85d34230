import { Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { MeterPicker } from './MeterPicker';
import { SELECTION_KINDS, addPicked } from './selection';
import type { PickedMeter, SelectionDraft, SelectionKind } from './selection';

interface Props {
  readonly draft: SelectionDraft;
  readonly onChange: (update: (draft: SelectionDraft) => SelectionDraft) => void;
  readonly boardMeters: readonly PickedMeter[];
}

/** Step 1: which meters — every meter of an area, of a building in an area, or meters picked by hand. */
export function SelectionStep({ draft, onChange, boardMeters }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<SelectionDraft>) => onChange((d) => ({ ...d, ...patch }));
  return (
    <div data-testid="control-step-selection">
      <Radio.Group data-testid="control-selection-by" value={draft.by} onChange={(e) => set({ by: e.target.value as SelectionKind })}
        options={SELECTION_KINDS.map((k) => ({ value: k, label: <span data-testid={`control-by-${k}`}>{t(`controls.by.${k}`)}</span> }))} />
      {draft.by !== 'meters' && (
        <div className="form-grid">
          <label htmlFor="control-area">{t('controls.area')}</label>
          <Input id="control-area" data-testid="control-area" autoFocus value={draft.area} maxLength={40} onChange={(e) => set({ area: e.target.value })} />
          {draft.by === 'building' && <label htmlFor="control-building">{t('controls.building')}</label>}
          {draft.by === 'building' && (
            <Input id="control-building" data-testid="control-building" value={draft.building} maxLength={40} onChange={(e) => set({ building: e.target.value })} />
          )}
        </div>
      )}
      {draft.by === 'meters' && (
        <MeterPicker picked={draft.picked} boardMeters={boardMeters}
          onAdd={(more) => onChange((d) => ({ ...d, picked: addPicked(d.picked, more) }))}
          onRemove={(id) => onChange((d) => ({ ...d, picked: d.picked.filter((m) => m.meterId !== id) }))} />
      )}
    </div>
  );
}
