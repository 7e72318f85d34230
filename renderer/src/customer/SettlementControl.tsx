import { Button, Input, Modal, Radio, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../shared/contract/views';
import { SETTLEMENTS } from '../../../shared/vocabulary';
import type { Role, Settlement } from '../../../shared/vocabulary';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';

function ChangeForm({ account, onDone }: { account: AccountView; onDone: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [settlement, setSettlement] = useState<Settlement>(account.settlement);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!reason.trim()) return setError(t('approval.reasonRequired'));
    setBusy(true);
    const result = await client.call('accounts.setSettlement', { accountId: account.id, settlement, reason: reason.trim() });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    onDone(true);
  };
  return (
    <div data-testid="settlement-dialog">
      <Radio.Group data-testid="settlement-choice" value={settlement} onChange={(e) => setSettlement(e.target.value === 'bank_transfer' ? 'bank_transfer' : 'cash')}
        options={SETTLEMENTS.map((s) => ({ value: s, label: t(`settlement.${s}`) }))} />
      <Input className="dialog-field" data-testid="settlement-reason" placeholder={t('approval.reason')} value={reason} maxLength={200}
        onChange={(e) => setReason(e.target.value)} onPressEnter={() => void save()} />
      <ErrorText testId="settlement-error" message={error} />
      <div className="dialog-actions">
        <Button onClick={() => onDone(false)}>{t('approval.cancel')}</Button>
        <Button type="primary" data-testid="settlement-save" loading={busy} onClick={() => void save()}>{t('settlement.save')}</Button>
      </div>
    </div>
  );
}

/** How the account pays (cash / bank transfer only); a supervisor may change it, with a reason. */
export function SettlementControl({ account, role, onChanged }: { account: AccountView; role: Role; onChanged: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const done = (changed: boolean) => {
    setOpen(false);
    if (changed) onChanged();
  };
  return (
    <>
      <Tag color={account.settlement === 'bank_transfer' ? 'purple' : 'green'} data-testid="account-settlement" data-settlement={account.settlement}>
        {t(`settlement.${account.settlement}`)}
      </Tag>
      {role === 'supervisor' && account.status === 'open' && (
        <Button size="small" type="link" data-testid="settlement-change" onClick={() => setOpen(true)}>{t('settlement.change')}</Button>
      )}
      <Modal open={open} title={t('settlement.title')} footer={null} destroyOnHidden onCancel={() => setOpen(false)}>
        {open && <ChangeForm account={account} onDone={done} />}
      </Modal>
    </>
  );
}
