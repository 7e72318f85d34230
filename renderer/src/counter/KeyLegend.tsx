import { useTranslation } from 'react-i18next';

export const LEGEND: readonly (readonly [string, string])[] = [
  ['F2', 'keys.search'], ['F3', 'keys.meter'], ['F4', 'keys.amount'], ['F6', 'keys.payment'], ['F7', 'keys.closeAccount'], ['Enter', 'keys.enter'],
  ['F8', 'keys.confirm'], ['F9', 'keys.print'], ['F10', 'keys.close'], ['Esc', 'keys.escape'],
];

/** The key map, always visible at the bottom of the counter screen. */
export function KeyLegend() {
  const { t } = useTranslation();
  return (
    <footer className="legend" data-testid="key-legend" aria-label={t('keys.title')}>
      {LEGEND.map(([key, label]) => (
        <span key={key} className="legend-item"><kbd>{key}</kbd> {t(label)}</span>
      ))}
    </footer>
  );
}
