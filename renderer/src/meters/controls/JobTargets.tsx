import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ControlTargetView } from '../../../../shared/contract/control-views';
import { dateTime } from '../../components/dates';
import { TARGET_STATE_COLOR } from './jobs';

/** A job's result per meter: state, attempts, the last error, the next attempt of a retry. */
export function JobTargets({ targets }: { targets: readonly ControlTargetView[] }) {
  const { t } = useTranslation();
  return (
    <Table<ControlTargetView> size="small" rowKey="meterId" dataSource={[...targets]} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="job-targets"
      onRow={(m) => ({ 'data-testid': 'job-target', 'data-meter-no': m.meterNo, 'data-state': m.state } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('meters.meterNo'), dataIndex: 'meterNo', render: (v: string) => <span className="mono">{v}</span> },
        { title: t('controls.customer'), dataIndex: 'customerName' },
        { title: t('controls.state'), dataIndex: 'state', render: (v: ControlTargetView['state']) => <Tag color={TARGET_STATE_COLOR[v]} data-testid="job-target-state">{t(`controls.targetStates.${v}`)}</Tag> },
        { title: t('controls.attempts'), dataIndex: 'attempts', align: 'right' },
        { title: t('meters.lastError'), render: (_, m) => (m.lastError ? <span data-testid="job-target-error">{`${m.lastError.code} · ${m.lastError.message} (${dateTime(m.lastError.at)})`}</span> : '') },
        { title: t('controls.nextAttempt'), dataIndex: 'nextAttemptAt', render: (v: string | null) => (v ? dateTime(v) : '—') },
        { title: t('controls.doneAt'), dataIndex: 'doneAt', render: (v: string | null) => (v ? dateTime(v) : '—') },
      ]} />
  );
}
