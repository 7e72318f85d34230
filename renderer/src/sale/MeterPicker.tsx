import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeterView } from '../../../shared/contract/views';
import { UtilityIcon } from '../components/UtilityIcon';
import { useFocus } from '../keys/focus';
import { remainingText } from '../money/format';

export interface MeterPickerProps {
  readonly meters: readonly MeterView[];
  readonly value: number | null;
  readonly onChange: (meterId: number) => void;
  readonly disabled: boolean;
}

/** Which meter the sale is for (F3 cycles; ←/→ when focused; Enter goes on to the amount). */
export function MeterPicker({ meters, value, onChange, disabled }: MeterPickerProps) {
  const { t } = useTranslation();
  const { register, focus } = useFocus();
  const index = meters.findIndex((m) => m.id === value);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key as string];
    if (event.key === 'Enter') focus('amount', true);
    else if (step && !disabled && meters.length > 0) onChange(meters[(index + step + meters.length) % meters.length]!.id);
    else return;
    event.preventDefault();
  };
  return (
    <div className="meter-picker" role="radiogroup" aria-label={t('sale.meter')} data-testid="meter-picker"
      tabIndex={0} ref={register('meter')} onKeyDown={onKeyDown}>
      {meters.map((meter) => (
        <button key={meter.id} type="button" role="radio" aria-checked={meter.id === value} tabIndex={-1}
          className={meter.id === value ? 'meter-option meter-option-on' : 'meter-option'}
          data-testid="meter-option" data-meter-no={meter.meterNo} disabled={disabled}
          onClick={() => { onChange(meter.id); focus('amount', true); }}>
          <UtilityIcon utility={meter.utility} />
          <span className="meter-option-name">{t(`utility.${meter.utility}`)}</span>
          <span className="mono">{meter.meterNo}</span>
          <span className="meter-option-left">{remainingText(meter.remaining, meter.creditKind, meter.utility)}</span>
        </button>
      ))}
      <kbd className="key-hint">F3</kbd>
    </div>
  );
}
