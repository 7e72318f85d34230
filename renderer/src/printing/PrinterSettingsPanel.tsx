import { AutoComplete, Button, Input, Radio, Select, Spin, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { PRINTER_DRIVERS, SLIP_KINDS } from '../../../shared/contract/print-views';
import type { PrinterQueueView, SlipKind } from '../../../shared/contract/print-views';
import { ErrorText } from '../components/ErrorText';
import { formsFor } from './settingsForm';
import type { DriverChoice, KindDraft } from './settingsForm';
import { usePrinterSettings } from './usePrinterSettings';
import type { PrinterSettingsModel } from './usePrinterSettings';

const CHOICES: readonly DriverChoice[] = ['none', ...PRINTER_DRIVERS];

/** CUPS: a picker filled from printers.list (typing a name still works); every other driver: free text. */
function TargetField({ kind, draft, queues, model }: { kind: SlipKind; draft: KindDraft; queues: readonly PrinterQueueView[]; model: PrinterSettingsModel }) {
  const { t } = useTranslation();
  if (draft.driver === 'none') return <span className="muted">—</span>;
  const placeholder = t(`printing.targets.${draft.driver}`);
  if (draft.driver !== 'cups') {
    return <Input data-testid={`printer-target-${kind}`} style={{ width: 300 }} value={draft.target} placeholder={placeholder} maxLength={200} onChange={(e) => model.setTarget(kind, e.target.value)} />;
  }
  const options = queues.map((q) => ({ value: q.name, label: q.isDefault ? `${q.name} (${t('printing.settings.default')})` : q.name }));
  return (
    <span>
      <AutoComplete data-testid={`printer-target-${kind}`} className="printer-target" style={{ width: 300 }} value={draft.target} options={options} placeholder={placeholder}
        onChange={(value: string) => model.setTarget(kind, value)} />
      {queues.length === 0 && <div className="muted" data-testid={`printer-no-queues-${kind}`}>{t('printing.settings.noQueues')}</div>}
    </span>
  );
}

function KindRow({ kind, model }: { kind: SlipKind; model: PrinterSettingsModel }) {
  const { t } = useTranslation();
  const draft = model.draft?.kinds[kind];
  if (!draft) return null;
  return (
    <tr data-testid={`printer-row-${kind}`}>
      <th scope="row">{t(`printing.kinds.${kind}`)}</th>
      <td>
        <Select data-testid={`printer-driver-${kind}`} className="printer-driver" style={{ width: 220 }} value={draft.driver} onChange={(d: DriverChoice) => model.setDriver(kind, d)}
          options={CHOICES.map((d) => ({ value: d, label: t(`printing.drivers.${d}`) }))} />
      </td>
      <td><TargetField kind={kind} draft={draft} queues={model.queues} model={model} /></td>
      <td>
        <Radio.Group data-testid={`printer-form-${kind}`} value={draft.form} disabled={draft.driver === 'none'} optionType="button"
          onChange={(e) => model.setForm(kind, e.target.value as KindDraft['form'])}
          options={formsFor(draft.driver).map((f) => ({ value: f, label: t(`printing.forms.${f}`) }))} />
      </td>
    </tr>
  );
}

/** The administrator's printer settings: per slip kind a printer (driver, target, form) or none; the dialog switch. */
export function PrinterSettingsPanel() {
  const { t } = useTranslation();
  const model = usePrinterSettings();
  if (!model.draft) return <section data-testid="printer-settings"><Spin /><ErrorText testId="printer-error" message={model.error} /></section>;
  return (
    <section className="panel" data-testid="printer-settings">
      <h3>{t('printing.settings.title')}</h3>
      <p className="muted">{t('printing.settings.hint')}</p>
      <table className="printer-table" style={{ borderSpacing: 8, marginBottom: 12 }}>
        <thead><tr><th>{t('printing.fields.kind')}</th><th>{t('printing.fields.driver')}</th><th>{t('printing.fields.target')}</th><th>{t('printing.fields.form')}</th></tr></thead>
        <tbody>{SLIP_KINDS.map((kind) => <KindRow key={kind} kind={kind} model={model} />)}</tbody>
      </table>
      <label style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <Switch data-testid="printer-dialog" checked={model.draft.dialog} onChange={model.setDialog} /> <span>{t('printing.settings.dialog')}</span>
      </label>
      <p className="muted">{t('printing.settings.dialogHint')}</p>
      <Button type="primary" data-testid="printer-save" loading={model.saving} onClick={() => void model.save()}>{t('printing.settings.save')}</Button>
      {model.saved && <span className="ok-text" style={{ marginLeft: 12 }} data-testid="printer-saved">{t('printing.settings.saved')}</span>}
      <ErrorText testId="printer-error" message={model.error} />
    </section>
  );
}
