import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlCommand, ControlSelection } from '../../../../shared/contract/control-methods';
import type { ControlJobView, ControlPreviewView } from '../../../../shared/contract/control-views';
import type { ControlAction } from '../../../../shared/vocabulary';
import type { ApiClient } from '../../api/client';
import type { RequestApproval } from '../../approval/useApprovalDialog';
import { EMPTY_COMMAND_TEXTS, buildCommand, parseBeijingDateTime } from './commandInput';
import type { CommandTexts } from './commandInput';
import { EMPTY_SELECTION, buildSelection } from './selection';
import type { SelectionDraft } from './selection';

/** selection → command → preview → effective time and reason; then 'done' once submitted. */
export const WIZARD_STEPS = ['selection', 'command', 'preview', 'schedule'] as const;
export const DONE_STEP = WIZARD_STEPS.length;

/** What the person types and picks, step by step. */
function useWizardInputs() {
  const [selection, setSelection] = useState<SelectionDraft>(EMPTY_SELECTION);
  const [action, setAction] = useState<ControlAction>('relay_trip');
  const [texts, setTexts] = useState<CommandTexts>(EMPTY_COMMAND_TEXTS);
  const [when, setWhen] = useState<'now' | 'at'>('now');
  const [atText, setAtText] = useState('');
  const [reason, setReason] = useState('');
  const reset = () => {
    setSelection(EMPTY_SELECTION); setAction('relay_trip'); setTexts(EMPTY_COMMAND_TEXTS);
    setWhen('now'); setAtText(''); setReason('');
  };
  return { selection, setSelection, action, setAction, texts, setTexts, when, setWhen, atText, setAtText, reason, setReason, reset };
}

export type WizardInputs = ReturnType<typeof useWizardInputs>;

interface Planned { readonly selection: ControlSelection; readonly command: ControlCommand }

type SetError = (message: string | null) => void;

/**
 * The last step: the draft job is created once (its targets frozen), a supervisor's approval is asked
 * through the one approval dialog (subject { kind: 'control_job', jobId }) and the job is submitted with it.
 * A refused or cancelled approval keeps the draft, so it can be asked again for the same job.
 */
function useCreateAndSubmit(client: ApiClient, requestApproval: RequestApproval, setError: SetError) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ControlJobView | null>(null);
  const [submitted, setSubmitted] = useState<ControlJobView | null>(null);
  const createOnce = async (planned: Planned, effectiveAt: string | null, reason: string): Promise<ControlJobView | null> => {
    if (draft) return draft;
    const made = await client.call('controlJobs.create', { ...planned, effectiveAt, reason });
    if (!made.ok) return (setError(made.error.message), null);
    setDraft(made.value);
    return made.value;
  };
  const finish = async (planned: Planned | null, inputs: WizardInputs): Promise<ControlJobView | null> => {
    const reason = inputs.reason.trim();
    const effectiveAt = inputs.when === 'now' ? null : parseBeijingDateTime(inputs.atText);
    if (inputs.when === 'at' && effectiveAt === null) return (setError(t('controls.badTime')), null);
    if (!reason) return (setError(t('approval.reasonRequired')), null);
    const job = planned && await createOnce(planned, effectiveAt, reason);
    if (!job) return null;
    const approvalId = await requestApproval({ kind: 'control_job', jobId: job.id }, reason);
    if (approvalId === null) return (setError(t('controls.notApproved', { id: job.id })), null);
    const sent = await client.call('controlJobs.submit', { jobId: job.id, approvalId });
    if (!sent.ok) return (setError(sent.error.message), null);
    setSubmitted(sent.value);
    return sent.value;
  };
  const reset = () => { setDraft(null); setSubmitted(null); };
  return { draft, submitted, finish, reset };
}

/** Selection and command checked, then the preview asked for (controlJobs.preview); writes nothing. */
function usePreview(client: ApiClient, inputs: WizardInputs, setError: SetError) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<ControlPreviewView | null>(null);
  const [planned, setPlanned] = useState<Planned | null>(null);
  const checkSelection = (): boolean => {
    const built = buildSelection(inputs.selection);
    if (!built.ok) setError(t(`controls.missing.${built.problem}`));
    return built.ok;
  };
  const run = async (): Promise<boolean> => {
    const selection = buildSelection(inputs.selection);
    const command = buildCommand(inputs.action, inputs.texts);
    if (!selection.ok) return (setError(t(`controls.missing.${selection.problem}`)), false);
    if (!command.ok) return (setError(t(`controls.problem.${command.error.problem}`, { field: t(`controls.fields.${command.error.field}`) })), false);
    const result = await client.call('controlJobs.preview', { selection: selection.selection, command: command.command });
    if (!result.ok) return (setError(result.error.message), false);
    setPreview(result.value);
    setPlanned({ selection: selection.selection, command: command.command });
    return true;
  };
  const reset = () => { setPreview(null); setPlanned(null); };
  return { preview, planned, checkSelection, run, reset };
}

/**
 * The control-job wizard (issue 5 item 6). Enter (next) checks the current step and moves on: the command
 * step asks for the preview, the last step creates, gets approved and submits. Esc (back) goes one step back
 * until the draft exists.
 */
export function useControlWizard(client: ApiClient, requestApproval: RequestApproval, onSubmitted: (job: ControlJobView) => void) {
  const { t } = useTranslation();
  const inputs = useWizardInputs();
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const preview = usePreview(client, inputs, setError);
  const job = useCreateAndSubmit(client, requestApproval, setError);

  const stepActions: (() => Promise<boolean> | boolean)[] = [
    () => preview.checkSelection(),
    () => preview.run(),
    () => (preview.preview && preview.preview.supported > 0) || (setError(t('controls.noneSupported')), false),
    async () => {
      const done = await job.finish(preview.planned, inputs);
      if (done) onSubmitted(done);
      return done !== null;
    },
  ];
  const next = async () => {
    const act = stepActions[step];
    if (busy || !act) return;
    setError(null);
    setBusy(true);
    const moved = await Promise.resolve(act()).finally(() => setBusy(false));
    if (moved) setStep(step + 1);
  };
  const back = () => {
    if (busy || job.draft || step === 0 || step >= DONE_STEP) return;
    setError(null);
    setStep(step - 1);
  };
  const reset = () => { inputs.reset(); preview.reset(); job.reset(); setStep(0); setError(null); };
  return { inputs, step, preview: preview.preview, draft: job.draft, submitted: job.submitted, error, busy, next, back, reset };
}

export type ControlWizardModel = ReturnType<typeof useControlWizard>;
