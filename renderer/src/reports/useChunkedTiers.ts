import { useCallback, useState } from 'react';
import type { TierRow, TierView } from '../../../shared/contract/report-views';
import type { ApiClient } from '../api/client';

/** Sums month views into one (exact integer sums per utility and tier). */
export function mergeTiers(period: string, parts: readonly TierView[]): TierView {
  const acc = new Map<string, { utility: string; tier: number; units: number; charge: number; sales: number }>();
  for (const row of parts.flatMap((p) => p.rows)) {
    const key = `${row.utility}:${row.tier}`;
    const into = acc.get(key) ?? { utility: row.utility, tier: row.tier, units: 0, charge: 0, sales: 0 };
    into.units += row.units;
    into.charge += row.charge;
    into.sales += row.sales;
    acc.set(key, into);
  }
  const rows: TierRow[] = [...acc.values()].sort((a, b) => a.utility.localeCompare(b.utility) || a.tier - b.tier);
  return { period, rows, totals: { units: rows.reduce((s, r) => s + r.units, 0), charge: rows.reduce((s, r) => s + r.charge, 0) } };
}

/**
 * A year's tier summary asked month by month (12 chunked calls), so the progress bar shows real progress
 * over millions of sales and the backend is never held by one long query.
 */
export function useChunkedTiers(api: ApiClient) {
  const [percent, setPercent] = useState<number | null>(null);
  const [data, setData] = useState<TierView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (year: string) => {
    setError(null);
    setPercent(0);
    const parts: TierView[] = [];
    for (let m = 1; m <= 12; m += 1) {
      const result = await api.call('reports.tiers', { period: `${year}-${String(m).padStart(2, '0')}` });
      if (!result.ok) {
        setPercent(null);
        return setError(result.error.message);
      }
      parts.push(result.value);
      setPercent(Math.round((m / 12) * 100));
    }
    setData(mergeTiers(year, parts));
  }, [api]);
  return { percent, data, error, load };
}
