// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome } from '../api/client';
import { fakeClient, Providers } from '../test/harness';
import { useSaleSubmit } from './useSaleSubmit';

afterEach(cleanup);

const ORDER = { meterId: 7, request: { mode: 'money', amount: 10_000 }, tendered: 20_000 } as const;
const wrapper = ({ children }: { children: ReactNode }) => <Providers>{children}</Providers>;

function scripted(answers: Outcome<unknown>[]) {
  return fakeClient({ 'sales.sell': () => answers.shift() ?? { ok: false, error: { code: 'internal', message: 'x' } } });
}

const LOST = { ok: false, error: { code: 'network', message: 'lost' } } as const;
const SOLD = { ok: true, value: { id: 1, receiptNo: 'A01-2026-000001', replayed: true } } as const;

describe('sale submit', () => {
  it('a lost answer locks the sale; the retry sends the SAME idempotency key', async () => {
    const { client, calls } = scripted([LOST, SOLD]);
    const { result } = renderHook(() => useSaleSubmit(client), { wrapper });
    await act(() => result.current.submit(ORDER));
    expect(result.current.phase).toBe('uncertain');
    expect(result.current.locked).toBe(true);
    await act(() => result.current.retry());
    expect(result.current.phase).toBe('done');
    const keys = calls.map((c) => (c.input as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(calls[1]?.input).toEqual({ ...ORDER, idempotencyKey: keys[0] });
  });

  it('a new sale after success gets a fresh key', async () => {
    const { client, calls } = scripted([SOLD, SOLD]);
    const { result } = renderHook(() => useSaleSubmit(client), { wrapper });
    await act(() => result.current.submit(ORDER));
    act(() => result.current.reset());
    await act(() => result.current.submit(ORDER));
    const [a, b] = calls.map((c) => (c.input as { idempotencyKey: string }).idempotencyKey);
    expect(a).not.toBe(b);
  });

  it("a refusal shows the backend's message and unlocks the entry", async () => {
    const { client } = scripted([{ ok: false, error: { code: 'tendered-too-little', message: '实收金额不足，应收 100.00 元' } }]);
    const { result } = renderHook(() => useSaleSubmit(client), { wrapper });
    await act(() => result.current.submit(ORDER));
    expect(result.current).toMatchObject({ phase: 'idle', locked: false, error: '实收金额不足，应收 100.00 元' });
  });
});
