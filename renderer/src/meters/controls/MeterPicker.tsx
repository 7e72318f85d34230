import { Button, Input, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiContext';
import { ErrorText } from '../../components/ErrorText';
import type { PickedMeter } from './selection';
import { useMeterPicker } from './useMeterPicker';

interface Props {
  readonly picked: readonly PickedMeter[];
  /** Meters on the read-completeness board, to pick from directly. */
  readonly boardMeters: readonly PickedMeter[];
  readonly onAdd: (meters: PickedMeter[]) => void;
  readonly onRemove: (meterId: number) => void;
}

/** Meters picked by hand: from the board, or every meter of a customer found by search. */
export function MeterPicker({ picked, boardMeters, onAdd, onRemove }: Props) {
  const { t } = useTranslation();
  const picker = useMeterPicker(useApi(), onAdd);
  return (
    <div className="form-grid" data-testid="control-picker">
      <label htmlFor="control-board-meter">{t('controls.fromBoard')}</label>
      <div data-own-keys>
        <Select id="control-board-meter" data-testid="control-board-meter" showSearch value={null} placeholder={t('controls.fromBoardHint')} style={{ width: 320 }}
          optionFilterProp="label" options={boardMeters.map((m) => ({ value: m.meterId, label: `${m.meterNo} · ${m.label}` }))}
          onSelect={(id: number | null) => onAdd(boardMeters.filter((m) => m.meterId === id))} />
      </div>
      <label htmlFor="control-customer-search">{t('controls.fromCustomer')}</label>
      <div data-own-keys>
        <Input id="control-customer-search" data-testid="control-customer-search" value={picker.query} placeholder={t('controls.customerHint')}
          onChange={(e) => picker.setQuery(e.target.value)} onPressEnter={() => void picker.search()} style={{ width: 320 }} />
        <div className="control-hits">
          {picker.hits.map((hit) => (
            <Button key={`${hit.accountId}-${hit.meterNo ?? ''}`} size="small" data-testid="control-customer-hit" onClick={() => void picker.pick(hit)}>
              {hit.name} · <span className="mono">{hit.accountNo}</span>{hit.meterNo ? <> · <span className="mono">{hit.meterNo}</span></> : null}
            </Button>
          ))}
        </div>
        <ErrorText testId="control-picker-error" message={picker.error} />
      </div>
      <span>{t('controls.picked', { count: picked.length })}</span>
      <div data-testid="control-picked">
        {picked.map((m) => (
          <Tag key={m.meterId} closable data-testid="control-picked-meter" data-meter-no={m.meterNo} onClose={() => onRemove(m.meterId)}>
            <span className="mono">{m.meterNo}</span> {m.label}
          </Tag>
        ))}
      </div>
    </div>
  );
}
