import { Alert, Button, Input, Modal, Result, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeterView } from '../../../shared/contract/views';
import { ErrorText } from '../components/ErrorText';
import { remainingText, yuan } from '../money/format';
import { closableMeters, hasOverdraft, takesResidual } from './closePlan';
import type { AccountCloseModel, ClosedAccount } from './useAccountClose';

function MeterRow({ meter, model, first }: { meter: MeterView; model: AccountCloseModel; first: boolean }) {
  const { t } = useTranslation();
  return (
    <tr data-testid="close-meter" data-meter-no={meter.meterNo}>
      <td>{t(`utility.${meter.utility}`)} <span className="mono">{meter.meterNo}</span></td>
      <td className="num">{remainingText(meter.remaining, meter.creditKind, meter.utility)}</td>
      <td className="num" data-testid="close-held">{yuan(meter.credit)}</td>
      <td>
        {takesResidual(meter)
          ? <Input data-testid="close-residual" aria-label={t('closeAccount.residualFor', { meterNo: meter.meterNo })} prefix="¥" placeholder="0.00"
            autoFocus={first} autoComplete="off" inputMode="decimal" value={model.texts[meter.id] ?? ''}
            onChange={(e) => model.setResidual(meter.id, e.target.value)} onPressEnter={() => void model.submit()} />
          : <span className="muted">—</span>}
      </td>
    </tr>
  );
}

function CloseForm({ model }: { model: AccountCloseModel }) {
  const { t } = useTranslation();
  const meters = model.account ? closableMeters(model.account) : [];
  const firstResidual = meters.find(takesResidual);
  return (
    <div data-testid="account-close-form">
      {hasOverdraft(meters) && <Alert type="error" showIcon className="dialog-alert" title={t('closeAccount.overdraft')} />}
      <table className="grid close-meters">
        <thead><tr>
          <th>{t('closeAccount.meter')}</th><th className="num">{t('meter.remaining')}</th>
          <th className="num">{t('closeAccount.held')}</th><th>{t('closeAccount.residual')}</th>
        </tr></thead>
        <tbody>{meters.map((m) => <MeterRow key={m.id} meter={m} model={model} first={m === firstResidual} />)}</tbody>
      </table>
      <p className="muted close-hint">{t('closeAccount.residualHint')}</p>
      <Input className="dialog-field" data-testid="close-reason" placeholder={t('closeAccount.reason')} value={model.reason} maxLength={200}
        autoFocus={!firstResidual} onChange={(e) => model.setReason(e.target.value)} onPressEnter={() => void model.submit()} />
      <div className="close-total">
        {t('closeAccount.total')} <strong className="amount amount-xl" data-testid="close-total">{model.total === null ? '—' : yuan(model.total)}</strong>
        {model.total !== null && model.total > 0 && <Tag color="orange">{t('closeAccount.needsApproval')}</Tag>}
      </div>
      <ErrorText testId="close-error" message={model.error} large />
      <div className="dialog-actions">
        <Button data-testid="close-cancel" onClick={model.cancel}>{t('approval.cancel')}</Button>
        <Button danger type="primary" data-testid="close-confirm" loading={model.busy} onClick={() => void model.submit()}>
          {t('closeAccount.confirm')} <kbd className="key-hint">Enter</kbd>
        </Button>
      </div>
    </div>
  );
}

function Closed({ result, onDone }: { result: ClosedAccount; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="account-close-result">
      <Result status="success" title={t('closeAccount.done', { accountNo: result.accountNo })}
        subTitle={<span>{t('result.receipt')} <strong className="mono" data-testid="close-receipt-no">{result.receiptNo}</strong></span>} />
      <div className="close-total">
        {t('closeAccount.refunded')} <strong className="amount amount-xl" data-testid="close-refunded">{yuan(result.refunded)}</strong>
        <Tag color="red" data-testid="close-status" data-status={result.status}>{t('customer.closed')}</Tag>
      </div>
      <div className="dialog-actions">
        <Button type="primary" autoFocus data-testid="close-done" onClick={onDone}>{t('closeAccount.finish')} <kbd className="key-hint">Enter</kbd></Button>
      </div>
    </div>
  );
}

/**
 * 销户 (F7): every active meter with its held credit and a residual refund field, the reason, the total
 * refund in big figures; the supervisor's approval dialog takes over while it is asked (this one hides).
 */
export function AccountCloseDialog({ model }: { model: AccountCloseModel }) {
  const { t } = useTranslation();
  const title = model.account ? t('closeAccount.title', { name: model.account.customer.name, accountNo: model.account.accountNo }) : '';
  return (
    <Modal open={model.open && !model.approving} title={title} footer={null} width={720} mask={{ closable: false }}
      onCancel={model.cancel}>
      {model.open && (model.result ? <Closed result={model.result} onDone={model.cancel} /> : <CloseForm model={model} />)}
    </Modal>
  );
}
