import { Button, Progress, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '../../../shared/contract/report-views';
import { ErrorText } from '../components/ErrorText';
import type { ExportModel } from './useExport';

/** Export buttons (xlsx / csv / pdf) and the progress of the running export (from reports.exportProgress). */
export function ExportBar({ model, onExport, formats = ['xlsx', 'csv', 'pdf'] }: { model: ExportModel; onExport: (format: ExportFormat) => void; formats?: readonly ExportFormat[] }) {
  const { t } = useTranslation();
  const busy = model.percent !== null && model.percent < 100;
  return (
    <Space wrap data-testid="export-bar">
      {formats.map((f) => (
        <Button key={f} size="small" disabled={busy} onClick={() => onExport(f)} data-testid={`export-${f}`}>{t(`reports.export.${f}`)}</Button>
      ))}
      {model.percent !== null && (
        <span data-testid="export-progress" data-percent={Math.round(model.percent)}>
          <Progress percent={Math.round(model.percent)} size="small" style={{ width: 160 }} status={busy ? 'active' : 'normal'} />
          {busy && model.steps && <span data-testid="export-steps">{t('reports.export.steps', { done: model.steps.done, total: model.steps.total })}</span>}
        </span>
      )}
      {model.last && model.percent === 100 && <span data-testid="export-done">{t('reports.export.done', { file: model.last.fileName, rows: model.last.rows })}</span>}
      <ErrorText testId="export-error" message={model.error} />
    </Space>
  );
}
