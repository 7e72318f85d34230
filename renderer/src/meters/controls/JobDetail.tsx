import { Button, Descriptions, Drawer, Input, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlJobView } from '../../../../shared/contract/control-views';
import { useApi } from '../../api/ApiContext';
import { ErrorText } from '../../components/ErrorText';
import { dateTime } from '../../components/dates';
import { commandText } from './commandText';
import { JOB_STATE_COLOR, canCancel, failedTargets } from './jobs';
import { JobTargets } from './JobTargets';
import { useJobDetail } from './useJobDetail';
import type { JobDetailModel } from './useJobDetail';

/** Who asked, who approved, what and when. */
export function JobFacts({ job }: { job: ControlJobView }) {
  const { t } = useTranslation();
  const { counts } = job;
  return (
    <Descriptions size="small" column={2} bordered items={[
      { label: t('controls.command'), children: commandText(job.command, t) },
      { label: t('controls.state'), children: <Tag color={JOB_STATE_COLOR[job.state]} data-testid="job-state" data-state={job.state}>{t(`controls.states.${job.state}`)}</Tag> },
      { label: t('controls.requestedBy'), children: job.automatic ? <Tag color="purple">{t('controls.automatic')}</Tag> : (job.requestedByName ?? '—') },
      { label: t('controls.approvedBy'), children: job.approvedByName ?? '—' },
      { label: t('controls.effective'), children: job.effectiveAt ? dateTime(job.effectiveAt) : t('controls.now') },
      { label: t('controls.reason'), children: job.reason },
      { label: t('controls.counts'), span: 2, children: <span data-testid="job-counts">{t('controls.countsText', { ...counts })}</span> },
    ]} />
  );
}

function JobActions({ model, canAct }: { model: JobDetailModel; canAct: boolean }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { job } = model;
  if (!job || !canAct) return null;
  return (
    <div className="dialog-actions">
      {failedTargets(job.targets).length > 0 && (
        <Button data-testid="job-retry" loading={model.busy} onClick={() => void model.retryFailed()}>{t('controls.retryFailed')}</Button>
      )}
      {canCancel(job) && (
        <>
          <Input data-testid="job-cancel-reason" placeholder={t('controls.cancelReason')} value={reason} maxLength={200} style={{ width: 240 }}
            onChange={(e) => setReason(e.target.value)} onPressEnter={() => void model.cancel(reason)} />
          <Button danger data-testid="job-cancel" loading={model.busy} onClick={() => void model.cancel(reason)}>{t('controls.cancel')}</Button>
        </>
      )}
    </div>
  );
}

/** A job and its result per meter, refreshed while it runs; cancel (with a reason) and retry its failed targets. */
export function JobDetail({ jobId, canAct, onClose, onChanged }: { jobId: number | null; canAct: boolean; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const model = useJobDetail(useApi(), jobId, onChanged);
  return (
    <Drawer open={jobId !== null} onClose={onClose} size="large" destroyOnHidden title={jobId !== null ? t('controls.jobTitle', { id: jobId }) : ''}>
      <div data-testid="job-detail" data-job-id={jobId ?? ''}>
        {model.job && <JobFacts job={model.job} />}
        <JobActions model={model} canAct={canAct} />
        <ErrorText testId="job-error" message={model.error} />
        <JobTargets targets={model.job?.targets ?? []} />
      </div>
    </Drawer>
  );
}
