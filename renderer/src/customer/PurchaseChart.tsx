import { formatUnits, units } from '../../../shared/money';

const WIDTH = 360;
const HEIGHT = 110;
const AXIS = 16;
const TOP = 14;

export interface PurchaseChartProps {
  /** Units (0.01 kWh/m³) per month, January first. */
  readonly monthly: readonly number[];
  readonly monthLabel: (month: number) => string;
  readonly unit: string;
  readonly title: string;
  readonly testId?: string;
}

/** Heights of the bars as fractions of the tallest month (an empty year is all zeros). */
export function barFractions(monthly: readonly number[]): number[] {
  const max = Math.max(0, ...monthly);
  return monthly.map((value) => (max > 0 ? value / max : 0));
}

/** Twelve bars, one a month, in plain SVG (no chart library): the units bought this year. */
export function PurchaseChart({ monthly, monthLabel, unit, title, testId }: PurchaseChartProps) {
  const slot = WIDTH / 12;
  const plot = HEIGHT - AXIS - TOP;
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} data-testid={testId}>
      <title>{title}</title>
      <line x1={0} x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} className="chart-axis" />
      {barFractions(monthly).map((fraction, month) => {
        const value = monthly[month] ?? 0;
        const height = Math.max(value > 0 ? 1.5 : 0, fraction * plot);
        const x = month * slot + slot * 0.18;
        return (
          <g key={month}>
            <rect x={x} width={slot * 0.64} y={HEIGHT - AXIS - height} height={height} className="chart-bar" rx={2}>
              <title>{`${monthLabel(month + 1)}: ${formatUnits(units(value))} ${unit}`}</title>
            </rect>
            {value > 0 && (
              <text x={x + slot * 0.32} y={HEIGHT - AXIS - height - 3} className="chart-value" textAnchor="middle">
                {formatUnits(units(value)).split('.')[0]}
              </text>
            )}
            <text x={x + slot * 0.32} y={HEIGHT - 3} className="chart-label" textAnchor="middle">{month + 1}</text>
          </g>
        );
      })}
    </svg>
  );
}
