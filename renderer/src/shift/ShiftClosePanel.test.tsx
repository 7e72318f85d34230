// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, Providers } from '../test/harness';
import { ShiftClosePanel } from './ShiftClosePanel';
import { useShiftClose } from './useShiftClose';
import type { ShiftCloseModel } from './useShiftClose';

afterEach(cleanup);

const wrapper = ({ children }: { children: ReactNode }) => <Providers>{children}</Providers>;

function Panel({ model }: { model: ShiftCloseModel }) {
  return <ShiftClosePanel model={model} onConfirm={vi.fn()} onCancel={vi.fn()} />;
}

describe('denomination grid', () => {
  it('shows the counted total, the expected cash and the short/over as pieces are typed', async () => {
    const { client, calls } = fakeClient({
      'shifts.report': () => ({ ok: true, value: { expectedCash: 30_000, saleCount: 1, salesTotal: 10_000 } }),
      'shifts.close': () => ({ ok: true, value: { shift: { id: 5 } } }),
    });
    const hook = renderHook(() => useShiftClose(client), { wrapper });
    await act(() => hook.result.current.start(5));
    const view = render(<Providers><Panel model={hook.result.current} /></Providers>);
    const type = (key: string, text: string) => {
      act(() => hook.result.current.setPieces(key, text));
      view.rerender(<Providers><Panel model={hook.result.current} /></Providers>);
    };
    expect(screen.getByTestId('expected-total').textContent).toBe('¥300.00');
    type('10000', '2');
    type('5000', '1');
    type('50', '1');
    type('1', '3');
    expect(screen.getByTestId('counted-total').textContent).toBe('¥250.53');
    expect(screen.getByTestId('short-over').textContent).toBe('-¥49.47');
    type('5000', '2');
    expect(screen.getByTestId('short-over').textContent).toBe('¥0.53');
    await act(() => hook.result.current.close());
    expect(calls.at(-1)).toEqual({ method: 'shifts.close', input: { counted: { '10000': 2, '5000': 2, '50': 1, '1': 3 }, note: null } });
  });

  it('Enter moves down the rows', () => {
    const { client } = fakeClient({});
    const hook = renderHook(() => useShiftClose(client), { wrapper });
    render(<Providers><Panel model={hook.result.current} /></Providers>);
    const first = screen.getByTestId('denomination-10000');
    first.focus();
    fireEvent.keyDown(first, { key: 'Enter' });
    expect(document.activeElement).toBe(screen.getByTestId('denomination-5000'));
  });
});
