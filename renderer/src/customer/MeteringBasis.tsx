import { Button, Input, Modal, Radio, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../shared/contract/views';
import type { Role } from '../../../shared/vocabulary';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { ManualReadingDialog } from './ManualReadingDialog';

function BasisForm({ account, onDone }: { account: AccountView; onDone: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [remote, setRemote] = useState(account.remoteIsSettlement);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!reason.trim()) return setError(t('approval.reasonRequired'));
    const result = await client.call('accounts.setMeteringBasis', { accountId: account.id, remoteIsSettlement: remote, reason: reason.trim() });
    if (!result.ok) return setError(result.error.message);
    onDone(true);
  };
  return (
    <div data-testid="hv-basis-dialog">
      <Radio.Group data-testid="hv-basis-choice" value={remote} onChange={(e) => setRemote(e.target.value === true)}
        options={[{ value: true, label: t('hv.remote') }, { value: false, label: t('hv.agreement') }]} />
      <Input className="dialog-field" data-testid="hv-basis-reason" placeholder={t('approval.reason')} value={reason} maxLength={200}
        onChange={(e) => setReason(e.target.value)} onPressEnter={() => void save()} />
      <ErrorText testId="hv-basis-error" message={error} />
      <div className="dialog-actions">
        <Button onClick={() => onDone(false)}>{t('approval.cancel')}</Button>
        <Button type="primary" data-testid="hv-basis-save" onClick={() => void save()}>{t('settlement.save')}</Button>
      </div>
    </div>
  );
}

/**
 * High-voltage accounts (issue 5 item 8): whether the remote meter is the settlement meter (a supervisor
 * switches it, with a reason); when it is not, readings from the supply agreement are entered with approval.
 */
export function MeteringBasis({ account, role, onChanged }: { account: AccountView; role: Role; onChanged: () => void }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'basis' | 'reading' | null>(null);
  if (account.category !== 'high_voltage') return null;
  const remote = account.remoteIsSettlement;
  const open = account.status === 'open';
  const done = (changed: boolean) => {
    setDialog(null);
    if (changed) onChanged();
  };
  return (
    <>
      <Tag color={remote ? 'blue' : 'volcano'} data-testid="hv-basis" data-remote={String(remote)}>{remote ? t('hv.remote') : t('hv.agreement')}</Tag>
      {role === 'supervisor' && open && <Button size="small" type="link" data-testid="hv-basis-change" onClick={() => setDialog('basis')}>{t('hv.change')}</Button>}
      {!remote && open && role !== 'admin' && (
        <Button size="small" data-testid="hv-reading-open" onClick={() => setDialog('reading')}>{t('hv.enterReading')}</Button>
      )}
      <Modal open={dialog === 'basis'} title={t('hv.basisTitle')} footer={null} destroyOnHidden onCancel={() => setDialog(null)}>
        {dialog === 'basis' && <BasisForm account={account} onDone={done} />}
      </Modal>
      <ManualReadingDialog account={account} open={dialog === 'reading'} onClose={() => done(true)} />
    </>
  );
}
