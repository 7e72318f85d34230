import { Button, Select, Table, Tag } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlJobView } from '../../../../shared/contract/control-views';
import { CONTROL_JOB_STATES } from '../../../../shared/vocabulary';
import type { ControlJobState } from '../../../../shared/vocabulary';
import { ErrorText } from '../../components/ErrorText';
import { dateTime } from '../../components/dates';
import { useContractList } from '../../hooks/useContractList';
import { commandText } from './commandText';
import { JOB_POLL_MS, JOB_STATE_COLOR, isLive } from './jobs';

type JobsModel = ReturnType<typeof useContractList<'controlJobs.list'>>;

/** The jobs list (controlJobs.list, newest first as the backend answers), read again while a job waits or runs. */
export function useJobs(state: ControlJobState | null): JobsModel {
  const model = useContractList('controlJobs.list', state ? { state, limit: 200 } : { limit: 200 });
  const live = model.rows?.some((job) => isLive(job.state)) ?? false;
  const { load } = model;
  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(() => void load(), JOB_POLL_MS);
    return () => clearInterval(timer);
  }, [live, load]);
  return model;
}

interface Props {
  readonly model: JobsModel;
  readonly state: ControlJobState | null;
  readonly onState: (state: ControlJobState | null) => void;
  readonly onOpen: (jobId: number) => void;
}

export function JobsList({ model, state, onState, onOpen }: Props) {
  const { t } = useTranslation();
  return (
    <div data-testid="jobs-list">
      <div className="page-head">
        <Select data-testid="jobs-state" allowClear value={state} placeholder={t('controls.allStates')} style={{ width: 160 }} onChange={(v?: ControlJobState) => onState(v ?? null)}
          options={CONTROL_JOB_STATES.map((s) => ({ value: s, label: t(`controls.states.${s}`) }))} />
        <Button data-testid="jobs-refresh" onClick={() => void model.load()}>{t('meters.refresh')}</Button>
      </div>
      <Table<ControlJobView> size="small" rowKey="id" dataSource={[...(model.rows ?? [])]} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(job) => ({ 'data-testid': 'job-row', 'data-job-id': job.id, 'data-state': job.state, 'data-automatic': String(job.automatic), onDoubleClick: () => onOpen(job.id) } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: '#', dataIndex: 'id', render: (id: number) => <Button type="link" size="small" data-testid="job-open" onClick={() => onOpen(id)}>#{id}</Button> },
          { title: t('controls.command'), render: (_, job) => commandText(job.command, t) },
          { title: t('controls.state'), dataIndex: 'state', render: (v: ControlJobState) => <Tag color={JOB_STATE_COLOR[v]}>{t(`controls.states.${v}`)}</Tag> },
          { title: t('controls.requestedBy'), render: (_, job) => (job.automatic ? <Tag color="purple" data-testid="job-automatic">{t('controls.automatic')}</Tag> : job.requestedByName) },
          { title: t('controls.approvedBy'), dataIndex: 'approvedByName', render: (v: string | null) => v ?? '—' },
          { title: t('controls.effective'), dataIndex: 'effectiveAt', render: (v: string | null) => (v ? dateTime(v) : t('controls.now')) },
          { title: t('controls.counts'), render: (_, job) => t('controls.countsText', { ...job.counts }) },
          { title: t('controls.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
        ]} />
      <ErrorText testId="jobs-error" message={model.error} />
    </div>
  );
}
