import { Badge, Button } from 'antd';
import PrinterOutlined from '@ant-design/icons/PrinterOutlined';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext';
import { usePolling } from './usePolling';

/** Failed prints are looked for this often: a printer out of paper should show within seconds, not minutes. */
export const FAILED_POLL_MS = 10_000;

/** The top bar's notice of failed print jobs: a red badge that opens the print queue. Nothing when none failed. */
export function PrintFailedBadge({ onOpen, pollMs = FAILED_POLL_MS }: { onOpen?: () => void; pollMs?: number }) {
  const { t } = useTranslation();
  const client = useApi();
  const [failed, setFailed] = useState(0);
  const load = useCallback(() => {
    void client.call('prints.queue', { state: 'failed', limit: 500 }).then((answer) => {
      // A failed look (network) leaves the last count: the badge must not flicker away.
      if (answer.ok) setFailed(answer.value.length);
    });
  }, [client]);
  usePolling(load, pollMs, [load]);
  if (failed === 0) return null;
  return (
    <Badge count={failed} size="small" data-testid="print-failed-badge">
      <Button danger size="small" icon={<PrinterOutlined />} title={t('printing.badgeTitle')} data-testid="print-failed-link" onClick={onOpen}>
        {t('printing.badge', { count: failed })}
      </Button>
    </Badge>
  );
}
