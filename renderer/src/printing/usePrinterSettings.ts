import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterQueueView, SlipKind } from '../../../shared/contract/print-views';
import { useApi } from '../api/ApiContext';
import { draftOf, settingsOf, withDriver } from './settingsForm';
import type { DriverChoice, KindDraft, SettingsDraft } from './settingsForm';

/** The printer settings (printers.settings / setSettings) and this machine's CUPS queues (printers.list). */
export function usePrinterSettings() {
  const { t } = useTranslation();
  const client = useApi();
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [queues, setQueues] = useState<readonly PrinterQueueView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void client.call('printers.settings', {}).then((r) => (r.ok ? setDraft(draftOf(r.value)) : setError(r.error.message)));
    // No CUPS (Windows, no scheduler) answers an empty list: the target is then typed.
    void client.call('printers.list', {}).then((r) => r.ok && setQueues(r.value));
  }, [client]);

  const editKind = useCallback((kind: SlipKind, change: (d: KindDraft) => KindDraft) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, kinds: { ...d.kinds, [kind]: change(d.kinds[kind]) } } : d));
  }, []);
  const setDriver = (kind: SlipKind, driver: DriverChoice) => editKind(kind, (d) => withDriver(d, driver));
  const setTarget = (kind: SlipKind, target: string) => editKind(kind, (d) => ({ ...d, target }));
  const setForm = (kind: SlipKind, form: KindDraft['form']) => editKind(kind, (d) => ({ ...d, form }));
  const setDialog = (dialog: boolean) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, dialog } : d));
  };

  const save = async () => {
    if (!draft || saving) return;
    const settings = settingsOf(draft);
    if (!settings.ok) return setError(t(`printing.settings.${settings.problem}`, { kind: t(`printing.kinds.${settings.kind}`) }));
    setSaving(true);
    const result = await client.call('printers.setSettings', settings.value);
    setSaving(false);
    setError(result.ok ? null : result.error.message);
    setSaved(result.ok);
    if (result.ok) setDraft(draftOf(result.value));
  };
  return { draft, queues, error, saved, saving, setDriver, setTarget, setForm, setDialog, save };
}

export type PrinterSettingsModel = ReturnType<typeof usePrinterSettings>;
