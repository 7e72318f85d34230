/**
 * A tiny SVG bar chart (the daily sales trend, consumption per month) — no charting dependency: the
 * renderer bundle stays small and the chart is plain markup a component test can read.
 */
export interface ChartPoint { readonly label: string; readonly value: number }

const W = 560;
const H = 140;
const PAD = 18;

export function MiniChart({ points, title, format, testId }: { points: readonly ChartPoint[]; title: string; format: (v: number) => string; testId: string }) {
  const max = Math.max(1, ...points.map((p) => p.value));
  const slot = points.length === 0 ? 0 : (W - 2 * PAD) / points.length;
  return (
    <figure className="mini-chart" data-testid={testId} style={{ margin: '8px 0' }}>
      <figcaption style={{ fontSize: 12, color: '#555' }}>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-label={title}>
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} stroke="#999" strokeWidth={0.5} />
        {points.map((p, i) => {
          const h = (Math.max(0, p.value) / max) * (H - 2 * PAD);
          return (
            <g key={p.label} data-testid={`${testId}-bar`} data-value={p.value}>
              <rect x={PAD + i * slot + slot * 0.15} y={H - PAD - h} width={slot * 0.7} height={h} fill="#1677ff"><title>{`${p.label}: ${format(p.value)}`}</title></rect>
              {(points.length <= 12 || i % 5 === 0) && <text x={PAD + i * slot + slot / 2} y={H - 4} fontSize={8} textAnchor="middle">{p.label}</text>}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
