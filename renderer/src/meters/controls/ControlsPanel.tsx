import { Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlJobState, Role } from '../../../../shared/vocabulary';
import { useApi } from '../../api/ApiContext';
import { useRequestApproval } from '../../approval/useApprovalDialog';
import { ControlWizard } from './ControlWizard';
import { JobDetail } from './JobDetail';
import { JobsList, useJobs } from './JobsList';
import { RetryQueue } from './RetryQueue';
import type { PickedMeter } from './selection';
import { useControlWizard } from './useControlWizard';

type Section = 'new' | 'jobs' | 'retry';

/** Control jobs (issue 5 item 6): the wizard for the counter roles, the jobs with their results, the retry queue. */
export function ControlsPanel({ role, boardMeters }: { role: Role; boardMeters: readonly PickedMeter[] }) {
  const { t } = useTranslation();
  const counter = role === 'clerk' || role === 'supervisor';
  const [section, setSection] = useState<Section>(counter ? 'new' : 'jobs');
  const [state, setState] = useState<ControlJobState | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const jobs = useJobs(state);
  const openJob = (jobId: number) => {
    setSection('jobs');
    setOpen(jobId);
  };
  const wizard = useControlWizard(useApi(), useRequestApproval(), () => void jobs.load());
  const items = [
    ...(counter ? [{ key: 'new', label: <span data-testid="controls-new">{t('controls.newJob')}</span>, children: <ControlWizard model={wizard} boardMeters={boardMeters} onOpen={openJob} /> }] : []),
    { key: 'jobs', label: <span data-testid="controls-jobs">{t('controls.jobs')}</span>, children: <JobsList model={jobs} state={state} onState={setState} onOpen={setOpen} /> },
    { key: 'retry', label: <span data-testid="controls-retry">{t('controls.retryQueue')}</span>, children: <RetryQueue onOpen={openJob} /> },
  ];
  return (
    <div data-testid="controls-panel">
      <Tabs size="small" activeKey={section} onChange={(key) => setSection(key as Section)} items={items} destroyOnHidden={false} />
      <JobDetail jobId={open} canAct={counter} onClose={() => setOpen(null)} onChanged={() => void jobs.load()} />
    </div>
  );
}
