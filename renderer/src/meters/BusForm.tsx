import { Button, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { BAUD_RATES, BUS_KINDS } from '../../../shared/contract/meter-methods';
import type { BusFormState } from './busForm';

type Patch = (change: Partial<BusFormState>) => void;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return <label className="form-row"><span>{label}</span>{children}</label>;
}

function LineFields({ form, patch }: { form: BusFormState; patch: Patch }) {
  const { t } = useTranslation();
  return (
    <>
      <Row label={t('buses.baudRate')}>
        <Select data-testid="bus-baud" value={form.baudRate} onChange={(v) => patch({ baudRate: v })} options={BAUD_RATES.map((b) => ({ value: b, label: String(b) }))} />
      </Row>
      <Row label={t('buses.dataBits')}>
        <Select data-testid="bus-data-bits" value={form.dataBits} onChange={(v) => patch({ dataBits: v })} options={[7, 8].map((b) => ({ value: b, label: String(b) }))} />
      </Row>
      <Row label={t('buses.parity')}>
        <Select data-testid="bus-parity" value={form.parity} onChange={(v) => patch({ parity: v })}
          options={(['none', 'even', 'odd'] as const).map((p) => ({ value: p, label: t(`buses.parities.${p}`) }))} />
      </Row>
      <Row label={t('buses.stopBits')}>
        <Select data-testid="bus-stop-bits" value={form.stopBits} onChange={(v) => patch({ stopBits: v })} options={[1, 2].map((b) => ({ value: b, label: String(b) }))} />
      </Row>
    </>
  );
}

/** Create or edit one bus or gateway; Enter in a text field saves. */
export function BusForm({ form, patch, onSave, onCancel }: { form: BusFormState; patch: Patch; onSave: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-grid" data-testid="bus-form">
      <Row label={t('buses.code')}><Input data-testid="bus-code" autoFocus value={form.code} onChange={(e) => patch({ code: e.target.value })} onPressEnter={onSave} /></Row>
      <Row label={t('buses.name')}><Input data-testid="bus-name" value={form.name} onChange={(e) => patch({ name: e.target.value })} onPressEnter={onSave} /></Row>
      <Row label={t('buses.kind')}>
        <Select data-testid="bus-kind" value={form.kind} onChange={(v) => patch({ kind: v })} options={BUS_KINDS.map((k) => ({ value: k, label: t(`meters.kinds.${k}`) }))} />
      </Row>
      <Row label={t('buses.endpoint')}>
        <Input data-testid="bus-endpoint" placeholder={form.kind === 'serial' ? '/dev/ttyUSB0' : '192.168.1.20:4001'} value={form.endpoint}
          onChange={(e) => patch({ endpoint: e.target.value })} onPressEnter={onSave} />
      </Row>
      <LineFields form={form} patch={patch} />
      <Row label={t('buses.replyTimeout')}>
        <Input data-testid="bus-timeout" suffix="ms" placeholder={t('buses.timeoutAuto')} value={form.replyTimeout} onChange={(e) => patch({ replyTimeout: e.target.value })} onPressEnter={onSave} />
      </Row>
      <Row label={t('buses.retries')}><InputNumber data-testid="bus-retries" min={0} max={5} value={form.retries} onChange={(v) => patch({ retries: v ?? 0 })} /></Row>
      <Row label={t('buses.active')}><Switch data-testid="bus-active" checked={form.active} onChange={(active) => patch({ active })} /></Row>
      <div className="result-actions">
        <Button type="primary" data-testid="bus-save" onClick={onSave}>{t('buses.save')}</Button>
        <Button data-testid="bus-cancel" onClick={onCancel}>{t('buses.cancel')}</Button>
      </div>
    </div>
  );
}
