import { useCallback, useEffect, useState } from 'react';
import type { MoneyRulesView, PendingDepositsView } from '../../../shared/contract/money-views';
import type { CalendarCheckView, CalendarWarningsView } from '../../../shared/contract/views';
import type { Role } from '../../../shared/vocabulary';
import type { ApiClient } from '../api/client';

export interface MoneyStatus {
  /** The backend's business date (deposits.pending answers it), never the machine's clock. */
  readonly today: string | null;
  readonly check: CalendarCheckView | null;
  readonly rules: MoneyRulesView | null;
  readonly pending: PendingDepositsView | null;
  readonly warnings: CalendarWarningsView | null;
}

const EMPTY: MoneyStatus = { today: null, check: null, rules: null, pending: null, warnings: null };

async function loadStatus(client: ApiClient, role: Role): Promise<MoneyStatus> {
  const [pending, rules, warnings] = await Promise.all([
    client.call('deposits.pending', {}),
    client.call('settings.moneyRules', {}),
    role === 'clerk' ? Promise.resolve(null) : client.call('calendar.warnings', {}),
  ]);
  const today = pending.ok ? pending.value.today : warnings?.ok ? warnings.value.today : null;
  const check = today ? await client.call('calendar.check', { date: today }) : null;
  return {
    today,
    check: check?.ok ? check.value : null,
    rules: rules.ok ? rules.value : null,
    pending: pending.ok ? pending.value : null,
    warnings: warnings?.ok ? warnings.value : null,
  };
}

/** Today's money rules for the banner and the badges: bank calendar, money rules, pending deposits, calendar warnings. */
export function useMoneyStatus(client: ApiClient, role: Role) {
  const [status, setStatus] = useState<MoneyStatus>(EMPTY);
  const reload = useCallback(async () => {
    setStatus(await loadStatus(client, role));
  }, [client, role]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { ...status, reload };
}

export type MoneyStatusModel = ReturnType<typeof useMoneyStatus>;
