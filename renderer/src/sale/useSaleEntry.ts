import { useCallback, useState } from 'react';
import type { AccountView, MeterView } from '../../../shared/contract/views';
import type { SaleMode } from './request';

/** Meters that can be sold to: installed ones of an open account. */
export function sellableMeters(account: AccountView | null): readonly MeterView[] {
  if (!account || account.status !== 'open') return [];
  return account.meters.filter((meter) => meter.status === 'active');
}

/** The meter a search pick points at (its matched meter number), else the account's first sellable one. */
export function defaultMeterId(account: AccountView | null, meterNo: string | null): number | null {
  const meters = sellableMeters(account);
  return (meters.find((m) => m.meterNo === meterNo) ?? meters[0])?.id ?? null;
}

/** A hall-kept meter (远程费控) is sold money only. */
export function modeFor(meter: MeterView | undefined, wanted: SaleMode): SaleMode {
  return meter?.creditKind === 'hall' ? 'money' : wanted;
}

/** What the clerk has typed for the sale: which meter, by money or units, how much, and the cash handed over. */
export function useSaleEntry(account: AccountView | null) {
  const [meterId, setMeterId] = useState<number | null>(null);
  const [wantedMode, setWantedMode] = useState<SaleMode>('money');
  const [amountText, setAmountText] = useState('');
  const [tenderedText, setTenderedText] = useState('');
  const meters = sellableMeters(account);
  const meter = meters.find((m) => m.id === meterId);
  const mode = modeFor(meter, wantedMode);

  const begin = useCallback((next: AccountView, meterNo: string | null) => {
    setMeterId(defaultMeterId(next, meterNo));
    setWantedMode('money');
    setAmountText('');
    setTenderedText('');
  }, []);
  const clearAmounts = useCallback(() => {
    setAmountText('');
    setTenderedText('');
  }, []);
  const nextMeter = useCallback(() => {
    if (meters.length === 0) return;
    const index = meters.findIndex((m) => m.id === meterId);
    setMeterId(meters[(index + 1) % meters.length]!.id);
  }, [meters, meterId]);
  const toggleMode = useCallback(() => {
    setWantedMode((current) => (current === 'money' ? 'units' : 'money'));
  }, []);

  return {
    meters, meter, meterId: meter?.id ?? null, setMeterId, mode, setMode: setWantedMode, toggleMode, nextMeter,
    amountText, setAmountText, tenderedText, setTenderedText, begin, clearAmounts,
  };
}

export type SaleEntryModel = ReturnType<typeof useSaleEntry>;
