import { Button, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BusTestView, BusView } from '../../../shared/contract/meter-views';
import { ErrorText } from '../components/ErrorText';
import { BusForm } from './BusForm';
import { reading } from './MeterDrawer';
import type { BusesModel } from './useBuses';

type TestState = BusesModel['tests'][number] | undefined;

/** The "test communication" answer: ok with the time and the values read, or the error code and message. */
function TestResult({ state }: { state: TestState }) {
  const { t } = useTranslation();
  if (state === undefined) return null;
  if (state === 'running') return <span data-testid="bus-test-running">{t('buses.testing')}</span>;
  if ('failure' in state) return <span className="error-text" data-testid="bus-test-result" data-ok="false">{state.failure}</span>;
  return <span data-testid="bus-test-result" data-ok={String(state.ok)}>{testText(state, t)}</span>;
}

function testText(view: BusTestView, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (!view.ok) return t('buses.testFailed', { code: view.errorCode ?? '', message: view.errorMessage ?? '', ms: view.ms });
  const r = view.reading;
  return t('buses.testOk', { ms: view.ms, total: reading(r?.total ?? null), remaining: reading(r?.remaining ?? null), count: r?.purchaseCount ?? '—' });
}

/** The buses and gateways: list, edit (admin), test communication (supervisor, admin). */
export function BusesPanel({ model, canEdit }: { model: BusesModel; canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <div data-testid="buses">
      {canEdit && !model.form && <Button type="primary" data-testid="bus-new" onClick={() => model.edit(null)}>{t('buses.new')}</Button>}
      {model.form && <BusForm form={model.form} patch={(c) => model.setForm((f) => (f ? { ...f, ...c } : f))} onSave={() => void model.save()} onCancel={() => model.setForm(null)} />}
      <ErrorText testId="bus-error" message={model.error} />
      <Table<BusView> size="small" rowKey="id" pagination={false} dataSource={[...model.buses]}
        onRow={(b) => ({ 'data-testid': 'bus-row', 'data-bus-code': b.code, 'data-meters': b.meters } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('buses.code'), dataIndex: 'code', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('buses.name'), dataIndex: 'name' },
          { title: t('buses.kind'), dataIndex: 'kind', render: (v: string) => t(`meters.kinds.${v}`) },
          { title: t('buses.endpoint'), dataIndex: 'endpoint', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('buses.meters'), dataIndex: 'meters', align: 'right' },
          { title: t('buses.active'), dataIndex: 'active', render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{t(v ? 'buses.on' : 'buses.off')}</Tag> },
          {
            title: '', render: (_, b) => (
              <span className="result-actions">
                {canEdit && <Button size="small" data-testid="bus-edit" onClick={() => model.edit(b)}>{t('buses.edit')}</Button>}
                <Button size="small" data-testid="bus-test" loading={model.tests[b.id] === 'running'} onClick={() => void model.test(b.id)}>{t('buses.test')}</Button>
                <TestResult state={model.tests[b.id]} />
              </span>
            ),
          },
        ]} />
    </div>
  );
}
