import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManualReadingView } from '../../../shared/contract/balance-views';
import type { ApiClient } from '../api/client';
import type { RequestApproval } from '../approval/useApprovalDialog';
import { EMPTY_COMMAND_TEXTS } from '../meters/controls/commandInput';
import { parseManualReading } from './manualReading';
import type { ManualReadingTexts } from './manualReading';

/**
 * Entering a supply-agreement reading: the values are parsed exactly, a supervisor approves exactly these
 * (subject { kind: 'manual_reading', meterId, readAt, total }) through the one approval dialog, and the
 * reading is entered with that approval (readings.enterManual).
 */
export function useManualReading(client: ApiClient, requestApproval: RequestApproval, firstMeterId: number | null) {
  const { t } = useTranslation();
  const [texts, setTexts] = useState<ManualReadingTexts>({ meterId: firstMeterId, readAt: '', total: '', periods: EMPTY_COMMAND_TEXTS.prices, agreementRef: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [entered, setEntered] = useState<ManualReadingView | null>(null);
  const enter = async () => {
    if (busy) return;
    const parsed = parseManualReading(texts);
    if (!parsed.ok) return setError(t(`hv.problem.${parsed.problem}`, { field: t(`hv.fields.${parsed.field}`) }));
    const { meterId, readAt, total, periods, agreementRef } = parsed.value;
    setBusy(true);
    setError(null);
    const approvalId = await requestApproval({ kind: 'manual_reading', meterId, readAt, total }, t('hv.approvalReason', { ref: agreementRef }));
    const result = approvalId === null ? null
      : await client.call('readings.enterManual', { meterId, readAt, total, periods, agreementRef, approvalId });
    setBusy(false);
    if (!result) return setError(t('hv.notApproved'));
    if (!result.ok) return setError(result.error.message);
    setEntered(result.value);
  };
  return { texts, setTexts, error, busy, entered, enter };
}

export type ManualReadingModel = ReturnType<typeof useManualReading>;
