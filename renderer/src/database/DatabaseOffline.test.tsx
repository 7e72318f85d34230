// @vitest-environment jsdom
import '../meters/testShims';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseStatusView } from '../../../shared/contract/system-views';
import type { ApiClient, Outcome } from '../api/client';
import { useFocus } from '../keys/focus';
import { SellPanel } from '../sale/SellPanel';
import { useSale } from '../sale/useSale';
import type { SlipModel } from '../sale/useSlip';
import { fakeClient, Providers } from '../test/harness';
import { accountView, meterView } from '../test/views';
import { DatabaseBanner } from './DatabaseBanner';
import { useDatabaseStatus } from './useDatabaseStatus';

afterEach(cleanup);

const ACCOUNT = accountView([meterView(5, { unitStep: 1 })]);
const UNREACHABLE_MESSAGE = '无法连接数据库服务器：本次操作未能完成。已输入的内容保留，服务器恢复后可重试（同一笔收费重试不会重复收费）';
const UNREACHABLE = { ok: false, error: { code: 'database-unreachable', message: UNREACHABLE_MESSAGE } } as const;

function status(reachable: boolean): DatabaseStatusView {
  return {
    kind: 'postgres', location: 'postgres://halldesk:***@db.hall:5432/hall', reachable, since: '2026-06-15T02:00:00.000Z',
    checkedAt: '2026-06-15T02:00:03.000Z', reason: reachable ? null : 'ECONNREFUSED',
  };
}

const QUOTE = {
  meterId: 5, creditKind: 'energy', payable: 10_000, charge: 10_000, units: 2_000, unitsAreEstimate: false, segments: [], tierBefore: 1,
  creditBefore: 0, creditAfter: 2_000, creditedToMeter: 2_000, overdraftRecovered: 0, meterRemainingAfter: 2_000, tariffVersionId: 1,
  cashRule: { date: '2026-06-15', bankWorkingDay: true, nextBankWorkingDay: '2026-06-16', holidayName: null, settlement: 'cash', cash: 'allowed', holidayStart: null, holidayEnd: null },
};

/** The counter's sale column with the database status wired in as useCounter does, polled every 20 ms. */
function Counter({ client }: { client: ApiClient }) {
  const database = useDatabaseStatus(client, 20);
  const { focus } = useFocus();
  const sale = useSale(client, ACCOUNT, { shiftOpen: true, focus, onSold: () => undefined, databaseReachable: database.reachable });
  const { begin } = sale;
  useEffect(() => { begin(ACCOUNT, null); }, []);
  return (
    <>
      <DatabaseBanner status={database.status} />
      {sale.submit.phase === 'done'
        ? <div data-testid="sold">{sale.submit.sale?.receiptNo}</div>
        : <SellPanel sale={sale} slip={{} as SlipModel} account={ACCOUNT} onNext={() => undefined} />}
    </>
  );
}

/** A backend whose database can be taken away and given back; sales answer from a script. */
function hall(sells: Outcome<unknown>[]) {
  const state = { up: true };
  const { client, calls } = fakeClient({
    'system.databaseStatus': () => ({ ok: true, value: status(state.up) }),
    'sales.quote': () => (state.up ? { ok: true, value: QUOTE } : UNREACHABLE),
    'vouchers.search': () => (state.up ? { ok: true, value: [] } : UNREACHABLE),
    'sales.sell': () => sells.shift() ?? UNREACHABLE,
  });
  render(<Providers><Counter client={client} /></Providers>);
  return { state, calls };
}

const confirm = () => screen.getByTestId('confirm-sale') as HTMLButtonElement;
const amount = () => screen.getByTestId('amount-input') as HTMLInputElement;
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const keys = (calls: { method: string; input: unknown }[]) => calls.filter((c) => c.method === 'sales.sell').map((c) => (c.input as { idempotencyKey: string }).idempotencyKey);

describe('the counter while the database server is away', () => {
  it('shows the banner, disables selling with the reason, keeps the input, and sells again by itself once the server is back', async () => {
    const { state, calls } = hall([]);
    type('amount-input', '100');
    await waitFor(() => expect(confirm().disabled).toBe(false));
    expect(screen.queryByTestId('database-banner')).toBeNull();

    state.up = false;
    await waitFor(() => expect(screen.getByTestId('database-banner').textContent).toContain('无法连接数据库服务器：暂停收费'));
    expect(screen.getByTestId('database-banner').textContent).toContain('postgres://halldesk:***@db.hall:5432/hall');
    expect(confirm().disabled).toBe(true);
    expect(confirm().title).toBe('数据库服务器无法连接，暂不能收费（输入已保留）');
    expect(screen.getByTestId('sale-offline').textContent).toBe('数据库服务器无法连接，暂不能收费（输入已保留）');
    fireEvent.click(confirm());
    expect(keys(calls)).toEqual([]);
    // The clerk goes on typing: the quote fails (the server is away), the text stays.
    type('amount-input', '150');
    await waitFor(() => expect(calls.filter((c) => c.method === 'sales.quote').length).toBeGreaterThanOrEqual(2));
    expect(amount().value).toBe('150');

    state.up = true;
    await waitFor(() => expect(screen.queryByTestId('database-banner')).toBeNull());
    // The quote that failed while the server was away is asked again by itself: selling works with nothing retyped.
    await waitFor(() => expect(confirm().disabled).toBe(false));
    expect(screen.queryByTestId('sale-offline')).toBeNull();
    expect(amount().value).toBe('150');
  });

  it('a sale cut off by the server going away keeps the input, waits for the server, then goes again with the SAME key', async () => {
    const sold = { ok: true, value: { ...QUOTE, id: 1, receiptNo: 'A01-2026-000001', replayed: false } } as const;
    const { state, calls } = hall([UNREACHABLE, sold]);
    type('amount-input', '100');
    await waitFor(() => expect(confirm().disabled).toBe(false));
    state.up = false;
    fireEvent.click(confirm());
    await waitFor(() => expect(screen.getByTestId('sale-error').textContent).toBe(UNREACHABLE_MESSAGE));
    await waitFor(() => expect(screen.getByTestId('database-banner')).toBeTruthy());
    expect(amount().value).toBe('100');
    expect(amount().readOnly).toBe(true);
    expect(confirm().disabled).toBe(true);

    state.up = true;
    await waitFor(() => expect(confirm().disabled).toBe(false));
    expect(amount().value).toBe('100');
    fireEvent.click(confirm());
    await waitFor(() => expect(screen.getByTestId('sold').textContent).toBe('A01-2026-000001'));
    const [first, second] = keys(calls);
    expect(second).toBe(first);
    expect(keys(calls)).toHaveLength(2);
  });
});
