import { Button, Steps } from 'antd';
import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/ErrorText';
import { CommandStep } from './CommandStep';
import { PreviewStep } from './PreviewStep';
import { ScheduleStep } from './ScheduleStep';
import { SelectionStep } from './SelectionStep';
import type { PickedMeter } from './selection';
import { DONE_STEP, WIZARD_STEPS } from './useControlWizard';
import type { ControlWizardModel } from './useControlWizard';

/** Enter advances and Esc goes back, except inside a field that owns those keys (a dropdown, the search) or on a button. */
export function wizardKey(event: KeyboardEvent, model: Pick<ControlWizardModel, 'next' | 'back'>): void {
  const target = event.target as HTMLElement;
  if (event.nativeEvent.isComposing || target.closest('[data-own-keys]') || target.closest('.ant-modal')) return;
  if (event.key === 'Enter' && !(target instanceof HTMLButtonElement)) {
    event.preventDefault();
    void model.next();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    model.back();
  }
}

/** The first thing to type into on a step: its checked radio, else its first field, else the step itself. */
function focusStep(body: HTMLElement | null): void {
  const first = body?.querySelector<HTMLElement>('input[type=radio]:checked, input:not([type=radio]):not([disabled]), [tabindex="0"]');
  first?.focus();
}

function StepBody({ model, boardMeters }: { model: ControlWizardModel; boardMeters: readonly PickedMeter[] }) {
  const { inputs } = model;
  switch (model.step) {
    case 0: return <SelectionStep draft={inputs.selection} onChange={inputs.setSelection} boardMeters={boardMeters} />;
    case 1: return <CommandStep action={inputs.action} texts={inputs.texts} onAction={inputs.setAction} onTexts={inputs.setTexts} />;
    case 2: return model.preview && <PreviewStep preview={model.preview} />;
    case 3: return <ScheduleStep inputs={inputs} draftId={model.draft?.id ?? null} />;
    default: return null;
  }
}

function Done({ model, onOpen }: { model: ControlWizardModel; onOpen: (jobId: number) => void }) {
  const { t } = useTranslation();
  const job = model.submitted;
  if (!job) return null;
  return (
    <div data-testid="control-submitted" data-job-id={job.id} data-state={job.state}>
      <p>{t('controls.submitted', { id: job.id, state: t(`controls.states.${job.state}`) })}</p>
      <div className="dialog-actions">
        <Button type="primary" autoFocus data-testid="control-open-job" onClick={() => onOpen(job.id)}>{t('controls.openJob')}</Button>
        <Button data-testid="control-new" onClick={model.reset}>{t('controls.newJob')}</Button>
      </div>
    </div>
  );
}

/** The control-job wizard: selection → command → preview → effective time and reason → approval → submitted. */
export function ControlWizard({ model, boardMeters, onOpen }: { model: ControlWizardModel; boardMeters: readonly PickedMeter[]; onOpen: (jobId: number) => void }) {
  const { t } = useTranslation();
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => focusStep(body.current), [model.step]);
  const last = model.step === WIZARD_STEPS.length - 1;
  return (
    <div className="control-wizard" data-testid="control-wizard" data-step={WIZARD_STEPS[model.step] ?? 'done'} onKeyDown={(e) => wizardKey(e, model)}>
      <Steps size="small" current={model.step} items={WIZARD_STEPS.map((s) => ({ title: t(`controls.steps.${s}`) }))} />
      <div ref={body} className="control-step">
        {model.step < DONE_STEP ? <StepBody model={model} boardMeters={boardMeters} /> : <Done model={model} onOpen={onOpen} />}
      </div>
      <ErrorText testId="control-error" message={model.error} />
      {model.step < DONE_STEP && (
        <div className="dialog-actions">
          <Button data-testid="control-back" disabled={model.step === 0 || model.draft !== null} onClick={model.back}>
            {t('controls.back')} <kbd className="key-hint">Esc</kbd>
          </Button>
          {model.draft && <Button data-testid="control-reset" onClick={model.reset}>{t('controls.startOver')}</Button>}
          <Button type="primary" data-testid="control-next" loading={model.busy} onClick={() => void model.next()}>
            {last ? t('controls.createAndApprove') : t('controls.next')} <kbd className="key-hint">Enter</kbd>
          </Button>
        </div>
      )}
    </div>
  );
}
