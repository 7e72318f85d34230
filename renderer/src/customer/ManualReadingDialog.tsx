import { Button, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../shared/contract/views';
import { formatUnits, units } from '../../../shared/money';
import { useApi } from '../api/ApiContext';
import { useRequestApproval } from '../approval/useApprovalDialog';
import { ErrorText } from '../components/ErrorText';
import { TOU_PERIODS } from '../meters/controls/commandInput';
import { useManualReading } from './useManualReading';
import type { ManualReadingModel } from './useManualReading';

function Fields({ model, account }: { model: ManualReadingModel; account: AccountView }) {
  const { t } = useTranslation();
  const { texts, setTexts } = model;
  const enter = () => void model.enter();
  const field = (name: 'readAt' | 'total' | 'agreementRef', placeholder?: string) => [
    <label key={`l-${name}`} htmlFor={`hv-${name}`}>{t(`hv.fields.${name}`)}</label>,
    <Input key={name} id={`hv-${name}`} data-testid={`hv-${name}`} className={name === 'agreementRef' ? '' : 'mono'} placeholder={placeholder} value={texts[name]}
      maxLength={60} onChange={(e) => setTexts({ ...texts, [name]: e.target.value })} onPressEnter={enter} />,
  ];
  return (
    <div className="form-grid">
      <label htmlFor="hv-meter">{t('hv.fields.meter')}</label>
      <Select id="hv-meter" data-testid="hv-meter" value={texts.meterId} onChange={(meterId: number) => setTexts({ ...texts, meterId })}
        options={account.meters.filter((m) => m.status === 'active').map((m) => ({ value: m.id, label: `${m.meterNo} · ${t(`utility.${m.utility}`)}` }))} />
      {field('readAt', '2026-10-01 00:00')}
      {field('total', 'kWh')}
      {TOU_PERIODS.map((p) => [
        <label key={`l-${p}`} htmlFor={`hv-${p}`}>{t(`hv.fields.${p}`)}</label>,
        <Input key={p} id={`hv-${p}`} data-testid={`hv-${p}`} className="mono" placeholder={t('hv.optional')} value={texts.periods[p]}
          onChange={(e) => setTexts({ ...texts, periods: { ...texts.periods, [p]: e.target.value } })} onPressEnter={enter} />,
      ])}
      {field('agreementRef')}
    </div>
  );
}

function Body({ account, onDone }: { account: AccountView; onDone: () => void }) {
  const { t } = useTranslation();
  const model = useManualReading(useApi(), useRequestApproval(), account.meters.find((m) => m.status === 'active')?.id ?? null);
  return (
    <div data-testid="hv-reading-dialog">
      {model.entered
        ? <p data-testid="hv-reading-entered">{t('hv.entered', { total: formatUnits(units(model.entered.total)), id: model.entered.readingId })}</p>
        : <Fields model={model} account={account} />}
      <ErrorText testId="hv-reading-error" message={model.error} />
      <div className="dialog-actions">
        <Button data-testid="hv-reading-close" onClick={onDone}>{model.entered ? t('approval.close') : t('approval.cancel')}</Button>
        {!model.entered && <Button type="primary" data-testid="hv-reading-submit" loading={model.busy} onClick={() => void model.enter()}>{t('hv.enter')}</Button>}
      </div>
    </div>
  );
}

/** Entering a settlement reading from the supply agreement, with a supervisor's approval. */
export function ManualReadingDialog({ account, open, onClose }: { account: AccountView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t('hv.readingTitle')} footer={null} destroyOnHidden onCancel={onClose} width={560}>
      {open && <Body account={account} onDone={onClose} />}
    </Modal>
  );
}
