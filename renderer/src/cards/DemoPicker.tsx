import { Button, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText';
import type { CardDemoModel } from './useCardDemo';

/** Browser mode only: put a card file into the simulated reader, take it out, or add a blank card. */
export function DemoPicker({ model }: { model: CardDemoModel }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string | null>(null);
  const { demo } = model;
  if (!demo) return null;
  const inReader = demo.files.find((f) => f.inReader)?.name ?? null;
  return (
    <div className="card-demo" data-testid="card-demo">
      <span className="card-demo-title">{t('cards.demo.title')}</span>
      <Select size="small" className="card-demo-select" data-testid="card-demo-file" placeholder={t('cards.demo.pick')} value={picked}
        onChange={setPicked} options={demo.files.map((f) => ({ value: f.name, label: f.inReader ? `${f.name} · ${t('cards.demo.inReader')}` : f.name }))} />
      <Button size="small" data-testid="card-demo-insert" disabled={!picked || model.busy} onClick={() => void model.insert(picked)}>{t('cards.demo.insert')}</Button>
      <Button size="small" data-testid="card-demo-remove" disabled={!inReader || model.busy} onClick={() => void model.insert(null)}>{t('cards.demo.remove')}</Button>
      <Button size="small" data-testid="card-demo-blank" disabled={model.busy} onClick={() => void model.newBlank().then((name) => name && setPicked(name))}>{t('cards.demo.newBlank')}</Button>
      <ErrorText testId="card-demo-error" message={model.error} />
    </div>
  );
}
