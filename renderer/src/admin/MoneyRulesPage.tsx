import { Button, Input, InputNumber, Spin, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoneyRulesView } from '../../../shared/contract/money-views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { yuanPlain } from '../money/format';
import { parseMoneyInput } from '../money/input';
import { BackupsPanel } from '../backups/BackupsPanel';
import { DatabasePanel } from '../database/DatabasePanel';

const AMOUNTS = ['holidayCashPerApproval', 'holidayCashPerCustomer', 'maxSale', 'drawerLimit'] as const;
type AmountRule = (typeof AMOUNTS)[number];

/** Typed yuan for the four amount rules → fen, or the first field that is wrong. */
export function rulesFromText(text: Record<AmountRule, string>, rest: Pick<MoneyRulesView, 'blockHolidayCashWhenOverdue' | 'approvalMinutes'>): MoneyRulesView | AmountRule {
  const out: Partial<Record<AmountRule, number>> = {};
  for (const key of AMOUNTS) {
    const parsed = parseMoneyInput(text[key]);
    if (!parsed.ok) return key;
    out[key] = parsed.value;
  }
  return { ...(out as Record<AmountRule, number>), ...rest };
}

/** The rules as typed text, loaded from and saved to the backend. */
function useMoneyRules(onChanged: () => void) {
  const { t } = useTranslation();
  const client = useApi();
  const [text, setText] = useState<Record<AmountRule, string>>({ holidayCashPerApproval: '', holidayCashPerCustomer: '', maxSale: '', drawerLimit: '' });
  const [block, setBlock] = useState(true);
  const [minutes, setMinutes] = useState(30);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // The form appears only once the stored rules are in: typing into it earlier would be overwritten by the load.
  const [loaded, setLoaded] = useState(false);
  const show = (r: MoneyRulesView) => {
    setLoaded(true);
    setText({ holidayCashPerApproval: yuanPlain(r.holidayCashPerApproval), holidayCashPerCustomer: yuanPlain(r.holidayCashPerCustomer), maxSale: yuanPlain(r.maxSale), drawerLimit: yuanPlain(r.drawerLimit) });
    setBlock(r.blockHolidayCashWhenOverdue);
    setMinutes(r.approvalMinutes);
  };
  useEffect(() => {
    void client.call('settings.moneyRules', {}).then((r) => (r.ok ? show(r.value) : setError(r.error.message)));
  }, [client]);
  const save = async () => {
    const rules = rulesFromText(text, { blockHolidayCashWhenOverdue: block, approvalMinutes: minutes });
    if (typeof rules === 'string') return setError(t('rules.bad', { field: t(`rules.${rules}`) }));
    const result = await client.call('settings.setMoneyRules', rules);
    setError(result.ok ? null : result.error.message);
    setSaved(result.ok);
    if (result.ok) show(result.value);
    onChanged();
  };
  return { text, setText, block, setBlock, minutes, setMinutes, error, saved, save, loaded };
}

/** The money rules (admin): holiday cash limits, largest sale, drawer limit, approval lifetime. */
export function MoneyRulesPage({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const { text, setText, block, setBlock, minutes, setMinutes, error, saved, save, loaded } = useMoneyRules(onChanged);
  if (!loaded) return <div className="page-body" data-testid="rules-page"><Spin data-testid="rules-loading" /><ErrorText testId="rules-error" message={error} /></div>;
  return (
    <div className="page-body" data-testid="rules-page">
      <header className="page-head"><h2>{t('nav.rules')}</h2></header>
      <div className="form-grid">
        {AMOUNTS.map((key) => (
          <label key={key} className="form-row"><span>{t(`rules.${key}`)}</span>
            <Input data-testid={`rule-${key}`} prefix="¥" value={text[key]} onChange={(e) => setText((s) => ({ ...s, [key]: e.target.value }))} onPressEnter={() => void save()} />
          </label>
        ))}
        <label className="form-row"><span>{t('rules.blockHolidayCashWhenOverdue')}</span>
          <Switch data-testid="rule-block" checked={block} onChange={setBlock} /></label>
        <label className="form-row"><span>{t('rules.approvalMinutes')}</span>
          <InputNumber data-testid="rule-minutes" min={1} max={240} value={minutes} onChange={(v) => v && setMinutes(v)} /></label>
      </div>
      <Button type="primary" data-testid="rules-save" onClick={() => void save()}>{t('rules.save')}</Button>
      {saved && <span className="ok-text" data-testid="rules-saved">{t('rules.saved')}</span>}
      <ErrorText testId="rules-error" message={error} />
      <BackupsPanel />
      <DatabasePanel />
    </div>
  );
}
