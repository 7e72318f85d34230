import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { yuan } from '../money/format';
import { useFocus } from '../keys/focus';
import { DENOMINATIONS, denominationName, parsePieces } from './denominations';
import type { CountTexts } from './denominations';

export interface DenominationGridProps {
  readonly texts: CountTexts;
  readonly onChange: (key: string, text: string) => void;
  /** Enter on the last row. */
  readonly onDone: () => void;
}

interface RowProps {
  readonly value: number;
  readonly text: string;
  readonly inputRef: (element: HTMLInputElement | null) => void;
  readonly onChange: (text: string) => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
}

function DenominationRow({ value, text, inputRef, onChange, onKeyDown }: RowProps) {
  const { t } = useTranslation();
  const key = String(value);
  const pieces = parsePieces(text);
  const name = denominationName(value);
  const label = t(`shift.unit.${name.unit}`, { n: name.n });
  return (
    <tr className={pieces === null ? 'row-bad' : undefined}>
      <td>{label}</td>
      <td className="num">
        <input ref={inputRef} className="count-input" data-testid={`denomination-${key}`} inputMode="numeric" autoComplete="off"
          maxLength={6} aria-label={label} aria-invalid={pieces === null} value={text} placeholder="0"
          onChange={(event) => onChange(event.target.value)} onKeyDown={onKeyDown} onFocus={(event) => event.target.select()} />
      </td>
      <td className="num">{pieces === null ? '—' : yuan(value * pieces)}</td>
    </tr>
  );
}

/** One row per note and coin: pieces typed, subtotal shown. Enter/↓ next row, ↑ previous. */
export function DenominationGrid({ texts, onChange, onDone }: DenominationGridProps) {
  const { t } = useTranslation();
  const { register } = useFocus();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const onKeyDown = (index: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    const step = event.key === 'Enter' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const target = index + step;
    if (target >= DENOMINATIONS.length) onDone();
    else inputs.current[Math.max(0, target)]?.focus();
  };
  const inputRef = (index: number) => (element: HTMLInputElement | null) => {
    inputs.current[index] = element;
    if (index === 0) register('denomination')(element);
  };
  return (
    <table className="grid denominations" data-testid="denomination-grid">
      <thead><tr><th>{t('shift.denomination')}</th><th className="num">{t('shift.pieces')}</th><th className="num">{t('shift.subtotal')}</th></tr></thead>
      <tbody>
        {DENOMINATIONS.map((value, index) => (
          <DenominationRow key={value} value={value} text={texts[String(value)] ?? ''} inputRef={inputRef(index)}
            onChange={(text) => onChange(String(value), text)} onKeyDown={onKeyDown(index)} />
        ))}
      </tbody>
    </table>
  );
}
