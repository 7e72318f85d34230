import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/vocabulary';
import { PrinterSettingsPanel } from './PrinterSettingsPanel';
import { PrintQueuePanel } from './PrintQueuePanel';
import { usePrintQueue } from './usePrintQueue';

/**
 * Printing (issue 7 item 2): the administrator's printer settings, and the print queue everyone sees.
 * Retrying is the counter's (prints.retry is for clerks and supervisors), so an administrator only looks.
 */
export function PrintingPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const queue = usePrintQueue();
  return (
    <div className="page-body" data-testid="printing-page">
      <header className="page-head"><h2>{t('printing.page.title')}</h2></header>
      <p className="muted">{t('printing.page.hint')}</p>
      {role === 'admin' && <PrinterSettingsPanel />}
      <PrintQueuePanel model={queue} mayRetry={role !== 'admin'} />
    </div>
  );
}
