import { Alert, Button, Input, Modal, Radio, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { subjectText } from './subjectText';
import type { ApprovalAsk, ApprovalDialogModel } from './useApprovalDialog';
import { useApprovalForm } from './useApprovalForm';
import type { ApprovalFormModel } from './useApprovalForm';


function Fields({ form }: { form: ApprovalFormModel }) {
  const { t } = useTranslation();
  const enter = () => void form.submit();
  return (
    <div className="form-grid">
      <label htmlFor="approval-reason">{t('approval.reason')}</label>
      <Input id="approval-reason" data-testid="approval-reason" value={form.reason} maxLength={200} disabled={form.approvalId !== null}
        onChange={(e) => form.setReason(e.target.value)} onPressEnter={enter} />
      <label htmlFor="approval-username">{t('approval.username')}</label>
      <Input id="approval-username" data-testid="approval-username" autoFocus autoComplete="off" value={form.username}
        onChange={(e) => form.setUsername(e.target.value)} onPressEnter={enter} />
      <label htmlFor="approval-password">{t('approval.password')}</label>
      <Input.Password id="approval-password" data-testid="approval-password" autoComplete="off" value={form.password}
        onChange={(e) => form.setPassword(e.target.value)} onPressEnter={enter} />
      <span>{t('approval.decision')}</span>
      <Radio.Group data-testid="approval-decision" value={form.decision} onChange={(e) => form.setDecision(e.target.value === 'reject' ? 'reject' : 'approve')}
        options={[{ value: 'approve', label: t('approval.approve') }, { value: 'reject', label: t('approval.reject') }]} />
      <label htmlFor="approval-note">{t('approval.note')}</label>
      <Input id="approval-note" data-testid="approval-note" value={form.note} maxLength={200}
        onChange={(e) => form.setNote(e.target.value)} onPressEnter={enter} />
    </div>
  );
}

function DialogBody({ ask, finish }: { ask: ApprovalAsk; finish: (id: number | null) => void }) {
  const { t } = useTranslation();
  const form = useApprovalForm(useApi(), ask, finish);
  return (
    <div data-testid="approval-dialog">
      <Alert type="info" showIcon title={subjectText(ask.subject, t)} className="dialog-alert" />
      {form.rejected
        ? <Alert type="error" showIcon data-testid="approval-rejected" title={t('approval.rejected')} />
        : <Fields form={form} />}
      {form.waiting && (
        <Alert type="warning" showIcon icon={<Spin size="small" />} data-testid="approval-waiting" className="dialog-alert"
          title={t('approval.waiting', { id: form.approvalId ?? '' })} />
      )}
      <ErrorText testId="approval-error" message={form.error} />
      <div className="dialog-actions">
        <Button data-testid="approval-cancel" onClick={form.cancel}>{form.rejected ? t('approval.close') : t('approval.cancel')}</Button>
        {!form.rejected && !form.waiting && (
          <Button data-testid="approval-send" loading={form.busy} onClick={() => void form.send()}>{t('approval.send')}</Button>
        )}
        {!form.rejected && (
          <Button data-testid="approval-submit" type="primary" loading={form.busy} onClick={() => void form.submit()}>
            {t('approval.submit')} <kbd className="key-hint">Enter</kbd>
          </Button>
        )}
      </div>
    </div>
  );
}

/** The supervisor steps to the counter, types their own login and approves (or rejects) what the clerk asks. */
export function ApprovalDialog({ model }: { model: ApprovalDialogModel }) {
  const { t } = useTranslation();
  return (
    <Modal open={model.ask !== null} title={t('approval.title')} footer={null} destroyOnHidden mask={{ closable: false }}
      onCancel={() => model.finish(null)}>
      {model.ask && <DialogBody ask={model.ask} finish={model.finish} />}
    </Modal>
  );
}
