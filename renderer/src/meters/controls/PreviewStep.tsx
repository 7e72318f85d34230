import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ControlPreviewMeterView, ControlPreviewView } from '../../../../shared/contract/control-views';

/** A meter the command cannot reach stays listed, greyed (no stylesheet edit: the look belongs to this table). */
const GREYED = { color: 'rgba(0, 0, 0, 0.35)', background: 'rgba(0, 0, 0, 0.02)' } as const;

/** A preview's reason code, translated; an unknown one is shown as it is. */
export function reasonText(reason: string | null, t: (key: string, o?: { defaultValue: string }) => string): string {
  return reason ? t(`controls.unsupported.${reason}`, { defaultValue: reason }) : '';
}

/** Step 3: the meters the job would reach; those it cannot are greyed with the reason. */
export function PreviewStep({ preview }: { preview: ControlPreviewView }) {
  const { t } = useTranslation();
  return (
    <div data-testid="control-step-preview" tabIndex={0}>
      <p data-testid="control-preview-counts" data-supported={preview.supported} data-unsupported={preview.unsupported}>
        {t(`controls.actions.${preview.action}`)} · {t('controls.previewCounts', { supported: preview.supported, unsupported: preview.unsupported })}
      </p>
      <Table<ControlPreviewMeterView> size="small" rowKey="meterId" dataSource={[...preview.meters]} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowClassName={(m) => (m.supported ? '' : 'row-unsupported')}
        onRow={(m) => ({ 'data-testid': 'control-preview-meter', 'data-meter-no': m.meterNo, 'data-supported': String(m.supported), style: m.supported ? undefined : GREYED } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('meters.meterNo'), dataIndex: 'meterNo', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('controls.customer'), dataIndex: 'customerName' },
          { title: t('controls.place'), render: (_, m) => `${m.area} ${m.building}` },
          { title: t('controls.utility'), dataIndex: 'utility', render: (v: string) => t(`utility.${v}`) },
          { title: t('meters.protocol'), dataIndex: 'protocol', render: (v: string | null) => (v ? t(`meters.protocols.${v}`) : '—') },
          { title: t('controls.bus'), dataIndex: 'busCode', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
          {
            title: t('controls.supported'),
            render: (_, m) => (m.supported
              ? <Tag color="green">{t('controls.yes')}</Tag>
              : <span data-testid="control-preview-reason">{reasonText(m.reason, t)}</span>),
          },
        ]} />
    </div>
  );
}
