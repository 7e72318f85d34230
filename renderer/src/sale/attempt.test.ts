// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { attemptFor, newIdempotencyKey } from './attempt';
import { requestKey } from './request';

const CONTRACT_KEY = /^[A-Za-z0-9_-]{8,64}$/;

describe('idempotency keys', () => {
  it('are fresh, dashless and fit the contract', () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).toMatch(CONTRACT_KEY);
    expect(a).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('fall back to getRandomValues without randomUUID', () => {
    const key = newIdempotencyKey({ getRandomValues: <T extends ArrayBufferView | null>(array: T) => array });
    expect(key).toBe('0'.repeat(32));
  });

  it('stay the same for a retry of the same attempt, change with the attempt', () => {
    let n = 0;
    const make = () => `key-${++n}-xxxxxxxx`;
    const first = attemptFor(null, requestKey(1, { mode: 'money', amount: 10_000 }, 20_000), make);
    const retry = attemptFor(first, requestKey(1, { mode: 'money', amount: 10_000 }, 20_000), make);
    expect(retry.key).toBe(first.key);
    const changed = attemptFor(first, requestKey(1, { mode: 'money', amount: 10_000 }, 10_000), make);
    expect(changed.key).not.toBe(first.key);
    expect(attemptFor(null, first.fingerprint, make).key).not.toBe(first.key);
  });
});
