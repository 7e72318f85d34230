import { Button, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { METER_PROTOCOLS } from '../../../shared/contract/meter-methods';
import type { BusView } from '../../../shared/contract/meter-views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { useComm } from './useComm';

/** Puts a meter on a bus (or takes it off): meter number, bus, protocol, firmware of its register map. */
export function CommForm({ buses, meterNo, onSaved }: { buses: readonly BusView[]; meterNo: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const { form, setForm, error, saved, save } = useComm(useApi(), meterNo, onSaved);
  const busOptions = [{ value: 0, label: t('comm.noBus') }, ...buses.map((b) => ({ value: b.id, label: `${b.code} ${b.name}` }))];
  return (
    <section data-testid="comm-form">
      <h3>{t('comm.title')}</h3>
      <div className="form-grid">
        <label className="form-row"><span>{t('meters.meterNo')}</span>
          <Input data-testid="comm-meter-no" value={form.meterNo} onChange={(e) => setForm((f) => ({ ...f, meterNo: e.target.value }))} onPressEnter={() => void save()} /></label>
        <label className="form-row"><span>{t('comm.bus')}</span>
          <Select data-testid="comm-bus" value={form.busId ?? 0} options={busOptions} onChange={(v: number) => setForm((f) => ({ ...f, busId: v === 0 ? null : v }))} /></label>
        <label className="form-row"><span>{t('meters.protocol')}</span>
          <Select data-testid="comm-protocol" value={form.protocol} disabled={form.busId === null}
            options={METER_PROTOCOLS.map((p) => ({ value: p, label: t(`meters.protocols.${p}`) }))} onChange={(v) => setForm((f) => ({ ...f, protocol: v }))} /></label>
        <label className="form-row"><span>{t('comm.firmware')}</span>
          <Input data-testid="comm-firmware" disabled={form.busId === null} placeholder={t('comm.firmwareAuto')} value={form.firmware}
            onChange={(e) => setForm((f) => ({ ...f, firmware: e.target.value }))} onPressEnter={() => void save()} /></label>
      </div>
      <Button type="primary" data-testid="comm-save" onClick={() => void save()}>{t('comm.save')}</Button>
      {saved && <span className="ok-text" data-testid="comm-saved">{t('comm.saved', { meterNo: saved.meterNo, address: saved.address })}</span>}
      <ErrorText testId="comm-error" message={error} />
    </section>
  );
}
