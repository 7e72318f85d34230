import { Alert, Button, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { yuan } from '../money/format';
import { parseMoneyInput } from '../money/input';
import type { DrawerModel } from './useDrawer';

function DropForm({ model }: { model: DrawerModel }) {
  const { t } = useTranslation();
  const client = useApi();
  const [amountText, setAmountText] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const amount = parseMoneyInput(amountText);
    if (!amount.ok) return setError(t(`input.${amount.problem}.money`, { step: '', unit: '' }));
    if (!username.trim() || !password) return setError(t('approval.credentialsRequired'));
    setBusy(true);
    const result = await client.call('cash.drop', { amount: amount.value, receiver: { username: username.trim(), password }, note: note.trim() || null });
    setBusy(false);
    setPassword('');
    if (!result.ok) return setError(result.error.message);
    await model.reload();
    model.closeDrop();
  };
  const enter = () => void submit();
  return (
    <div data-testid="cash-drop-dialog">
      {model.drawer && (
        <Alert type={model.drawer.limitReached ? 'warning' : 'info'} showIcon className="dialog-alert"
          title={t('drawer.expected', { expected: yuan(model.drawer.expected), limit: yuan(model.drawer.limit) })} />
      )}
      <div className="form-grid">
        <label htmlFor="drop-amount">{t('drawer.amount')}</label>
        <Input id="drop-amount" data-testid="drop-amount" prefix="¥" autoFocus value={amountText} onChange={(e) => setAmountText(e.target.value)} onPressEnter={enter} />
        <label htmlFor="drop-username">{t('drawer.receiver')}</label>
        <Input id="drop-username" data-testid="drop-username" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} onPressEnter={enter} />
        <label htmlFor="drop-password">{t('approval.password')}</label>
        <Input.Password id="drop-password" data-testid="drop-password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} onPressEnter={enter} />
        <label htmlFor="drop-note">{t('approval.note')}</label>
        <Input id="drop-note" data-testid="drop-note" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} onPressEnter={enter} />
      </div>
      <ErrorText testId="drop-error" message={error} />
      <div className="dialog-actions">
        <Button onClick={model.closeDrop}>{t('approval.cancel')}</Button>
        <Button type="primary" data-testid="drop-submit" loading={busy} onClick={enter}>{t('drawer.dropSubmit')}</Button>
      </div>
    </div>
  );
}

/** Cash drop (交款): part of the drawer handed to a supervisor, who proves presence with their login. */
export function CashDropDialog({ model }: { model: DrawerModel }) {
  const { t } = useTranslation();
  return (
    <Modal open={model.dropOpen} title={t('drawer.dropTitle')} footer={null} destroyOnHidden mask={{ closable: false }} onCancel={model.closeDrop}>
      {model.dropOpen && <DropForm model={model} />}
    </Modal>
  );
}
