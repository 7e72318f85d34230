import { Button, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText';
import { useFocus } from '../keys/focus';
import { yuan } from '../money/format';
import { DenominationGrid } from './DenominationGrid';
import type { ShiftCloseModel } from './useShiftClose';

function Totals({ model }: { model: ShiftCloseModel }) {
  const { t } = useTranslation();
  const diff = model.difference;
  const diffLabel = diff === null ? '' : diff > 0 ? t('shift.over') : diff < 0 ? t('shift.short') : t('shift.balanced');
  return (
    <div className="close-totals">
      <div className="figure"><div className="figure-label">{t('shift.counted')}</div>
        <div className="figure-value amount amount-xl" data-testid="counted-total">{model.count.ok ? yuan(model.count.total) : '—'}</div></div>
      <div className="figure"><div className="figure-label">{t('shift.expected')}</div>
        <div className="figure-value amount amount-xl" data-testid="expected-total">{model.expected === null ? '—' : yuan(model.expected)}</div></div>
      <div className="figure"><div className="figure-label">{t('shift.shortOver')} {diffLabel}</div>
        <div className={`figure-value amount amount-xl ${diff !== null && diff < 0 ? 'negative' : ''}`} data-testid="short-over">
          {diff === null ? '—' : yuan(diff)}</div></div>
      {model.before && (
        <div className="muted close-facts">{t('shift.salesSoFar', { count: model.before.saleCount, total: yuan(model.before.salesTotal) })}</div>
      )}
    </div>
  );
}

/** Shift close (F10): count the drawer, see counted vs expected and the short/over, confirm (F8). */
export function ShiftClosePanel({ model, onConfirm, onCancel }: { model: ShiftCloseModel; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { register, focus } = useFocus();
  return (
    <div className="shift-close" data-testid="shift-close-panel">
      <h2>{t('shift.closeTitle')}</h2>
      <div className="shift-close-body">
        <DenominationGrid texts={model.texts} onChange={model.setPieces} onDone={() => focus('close-note')} />
        <div className="shift-close-side">
          <Totals model={model} />
          <label htmlFor="close-note" className="field-label">{t('shift.note')}</label>
          <Input id="close-note" ref={(input) => register('close-note')(input?.input ?? null)} data-testid="shift-close-note"
            maxLength={200} value={model.note} onChange={(event) => model.setNote(event.target.value)} onPressEnter={onConfirm} />
          <ErrorText testId="shift-close-error" message={model.error ?? (model.count.ok ? null : t('shift.badCount'))} large />
          <div className="close-actions">
            <Button onClick={onCancel} size="large" data-testid="shift-close-cancel">{t('shift.cancel')} <kbd className="key-hint">Esc</kbd></Button>
            <Button ref={register('close-confirm')} data-testid="shift-close-confirm" type="primary" size="large" danger
              loading={model.busy} disabled={!model.count.ok} onClick={onConfirm}>
              {t('shift.confirmClose')} <kbd className="key-hint">F8</kbd>
            </Button>
          </div>
        </div>
      </div>
    </div>
  );
}
