import { Button, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText';
import type { VoucherField } from './voucherForm';
import type { VoucherRegisterModel } from './useVoucherRegister';

const FIELDS: readonly { field: VoucherField; type?: string; prefix?: string }[] = [
  { field: 'bank' }, { field: 'payerAccount' }, { field: 'referenceNo' }, { field: 'payer' }, { field: 'amount', prefix: '¥' }, { field: 'valueDate', type: 'date' },
];

/** Register a bank-transfer voucher: every field from the bank's paper, Enter to save. */
export function VoucherForm({ model }: { model: VoucherRegisterModel }) {
  const { t } = useTranslation();
  const enter = () => void model.submit();
  return (
    <section className="voucher-form" data-testid="voucher-form">
      <h3>{t('vouchers.register')}</h3>
      <div className="form-grid">
        {FIELDS.map(({ field, type, prefix }) => (
          <label key={field} className="form-row">
            <span>{t(`vouchers.fields.${field}`)}</span>
            <Input data-testid={`voucher-${field}`} type={type} prefix={prefix} value={model.form[field]} status={model.problems.includes(field) ? 'error' : undefined}
              onChange={(e) => model.set(field, e.target.value)} onPressEnter={enter} />
          </label>
        ))}
        <label className="form-row">
          <span>{t('vouchers.fields.account')}</span>
          <Input data-testid="voucher-account" value={model.accountNo} placeholder={t('vouchers.accountHelp')}
            onChange={(e) => model.setAccountNo(e.target.value)} onBlur={() => void model.findAccount()} onPressEnter={() => void model.findAccount()} />
        </label>
        <span className="muted" data-testid="voucher-account-found">{model.account?.label ?? ''}</span>
        <label className="form-row">
          <span>{t('vouchers.fields.image')}</span>
          <input type="file" data-testid="voucher-image" accept="image/png,image/jpeg,application/pdf"
            onChange={(e) => void model.pickFile(e.target.files?.[0])} />
        </label>
      </div>
      <ErrorText testId="voucher-form-error" message={model.error} />
      <Button type="primary" data-testid="voucher-submit" loading={model.busy} onClick={enter}>{t('vouchers.save')}</Button>
    </section>
  );
}
