// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '../../../shared/contract/views';
import type { ApiClient } from '../api/client';
import { fakeClient, Providers } from '../test/harness';
import { listKeyAction, moveActive } from './listNav';
import { SearchBox } from './SearchBox';
import { useSearch } from './useSearch';

afterEach(cleanup);

const hit = (accountId: number, name: string): SearchHit => ({
  customerId: accountId, customerNo: `C${accountId}`, name, phone: null, accountId, accountNo: `H${accountId}`,
  accountStatus: 'open', roomKey: '1-1-101', area: '东区', matched: 'name', meterNo: null,
});
const HITS = [hit(1, '王梅霞'), hit(2, '王涛晓'), hit(3, '王小明')];

function Harness({ client, onPick }: { client: ApiClient; onPick: (hit: SearchHit) => void }) {
  const search = useSearch(client, onPick, 10);
  return <SearchBox search={search} />;
}

function setup() {
  const { client, calls } = fakeClient({ 'customers.search': () => ({ ok: true, value: HITS }) });
  const onPick = vi.fn();
  render(<Providers><Harness client={client} onPick={onPick} /></Providers>);
  return { input: screen.getByTestId('search-input'), onPick, calls };
}

describe('list navigation', () => {
  it('moves and wraps', () => {
    expect(moveActive(0, 1, 3)).toBe(1);
    expect(moveActive(2, 1, 3)).toBe(0);
    expect(moveActive(0, -1, 3)).toBe(2);
    expect(moveActive(1, 5, 3)).toBe(0);
    expect(moveActive(0, 1, 0)).toBe(0);
  });
  it('maps keys to moves and picks', () => {
    expect(listKeyAction('ArrowDown')).toEqual({ move: 1 });
    expect(listKeyAction('ArrowUp')).toEqual({ move: -1 });
    expect(listKeyAction('Enter')).toEqual({ pick: true });
    expect(listKeyAction('a')).toBeNull();
  });
});

describe('search box', () => {
  it('searches as you type, ↓/↑ move the active row, Enter picks it', async () => {
    const { input, onPick, calls } = setup();
    fireEvent.change(input, { target: { value: '王' } });
    const rows = await screen.findAllByTestId('search-result');
    expect(rows).toHaveLength(3);
    expect(calls).toEqual([{ method: 'customers.search', input: { query: '王', limit: 20 } }]);
    expect(rows[0]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(screen.getAllByTestId('search-result')[1]?.getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe('search-hit-1');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledWith(HITS[1]);
    expect(screen.queryByTestId('search-results')).toBeNull();
  });

  it('↑ from the first row wraps to the last', async () => {
    const { input, onPick } = setup();
    fireEvent.change(input, { target: { value: '王' } });
    await screen.findAllByTestId('search-result');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledWith(HITS[2]);
  });

  it('Enter typed before the results arrive (a card reader) picks the first one when they come', async () => {
    const { input, onPick } = setup();
    act(() => {
      fireEvent.change(input, { target: { value: '880100000001' } });
      fireEvent.keyDown(input, { key: 'Enter' });
    });
    expect(onPick).not.toHaveBeenCalled();
    await waitFor(() => expect(onPick).toHaveBeenCalledWith(HITS[0]));
  });

  it('shows the backend error under the box', async () => {
    const { client } = fakeClient({ 'customers.search': () => ({ ok: false, error: { code: 'forbidden', message: '您的角色无权执行此操作' } }) });
    render(<Providers><Harness client={client} onPick={vi.fn()} /></Providers>);
    fireEvent.change(screen.getByTestId('search-input'), { target: { value: 'x' } });
    await waitFor(() => expect(screen.getByTestId('search-error').textContent).toBe('您的角色无权执行此操作'));
  });
});
