/**
 * Logging a contact's outcome, keyboard-first: digits 1–5 pick the outcome, the promised date field appears
 * for a promise, Enter saves, Esc cancels.
 */
import { Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_OUTCOMES } from '../../../shared/contract/worklist-views';
import type { ContactOutcome, WorklistRowView } from '../../../shared/contract/worklist-views';
import type { ContactInput } from './useWorklist';

export function ContactDialog({ row, today, onSave, onClose }: { row: WorklistRowView | null; today: string; onSave: (input: ContactInput) => Promise<boolean>; onClose: () => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<ContactOutcome>('called');
  const [promisedDate, setPromisedDate] = useState(today);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => { setOutcome('called'); setPromisedDate(today); setNote(''); }, [row, today]);
  if (!row) return null;

  const save = async () => {
    setBusy(true);
    const ok = await onSave({ meterId: row.meterId, outcome, ...(outcome === 'promised' ? { promisedDate } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(false);
    if (ok) onClose();
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    const digit = Number(event.key);
    if (event.target instanceof HTMLInputElement && event.target.type !== 'radio') {
      if (event.key === 'Enter') void save();
      return;
    }
    if (digit >= 1 && digit <= CONTACT_OUTCOMES.length) setOutcome(CONTACT_OUTCOMES[digit - 1]!);
    if (event.key === 'Enter') void save();
  };

  return (
    <Modal open title={t('worklists.contactTitle', { name: row.customerName, meterNo: row.meterNo })} onOk={() => void save()} onCancel={onClose}
      okText={t('worklists.save')} cancelText={t('worklists.cancel')} confirmLoading={busy} okButtonProps={{ 'data-testid': 'contact-save' }}>
      <div onKeyDown={onKeyDown} data-testid="contact-dialog" tabIndex={-1}>
        <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value as ContactOutcome)}>
          {CONTACT_OUTCOMES.map((o, i) => (
            <Radio key={o} value={o} data-testid={`outcome-${o}`}><kbd className="key-hint">{i + 1}</kbd> {t(`worklists.outcome.${o}`)}</Radio>
          ))}
        </Radio.Group>
        {outcome === 'promised' && (
          <label className="field">{t('worklists.promisedDate')}
            <Input type="date" data-testid="contact-promised" value={promisedDate} min={today} onChange={(e) => setPromisedDate(e.target.value)} />
          </label>
        )}
        <label className="field">{t('worklists.note')}
          <Input data-testid="contact-note" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} autoFocus />
        </label>
      </div>
    </Modal>
  );
}
