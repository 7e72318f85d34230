import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AFTER_SUCCESS, DEFAULT_LOCKOUT, afterFailure, isLocked } from './lockout';
import type { LoginState } from './lockout';

const NOW = new Date('2026-03-15T02:00:00.000Z');
const FRESH: LoginState = { failedLogins: 0, lockedUntil: null };
const at = (iso: string) => new Date(iso);

describe('lockout policy', () => {
  it('defaults to 5 failures and 15 minutes', () => {
    expect(DEFAULT_LOCKOUT).toEqual({ maxFailures: 5, lockMinutes: 15 });
  });

  it('counts the first four failures without locking', () => {
    let state = FRESH;
    for (let i = 1; i <= 4; i++) {
      state = afterFailure(state, NOW, DEFAULT_LOCKOUT);
      expect(state).toEqual({ failedLogins: i, lockedUntil: null });
      expect(isLocked(state, NOW)).toBe(false);
    }
  });

  it('locks on the fifth failure for 15 minutes and resets the count', () => {
    const fifth = afterFailure({ failedLogins: 4, lockedUntil: null }, NOW, DEFAULT_LOCKOUT);
    expect(fifth).toEqual({ failedLogins: 0, lockedUntil: '2026-03-15T02:15:00.000Z' });
    expect(isLocked(fifth, NOW)).toBe(true);
  });

  it('is locked strictly before lockedUntil and free from it on', () => {
    const state: LoginState = { failedLogins: 0, lockedUntil: '2026-03-15T02:15:00.000Z' };
    expect(isLocked(state, at('2026-03-15T02:14:59.999Z'))).toBe(true);
    expect(isLocked(state, at('2026-03-15T02:15:00.000Z'))).toBe(false);
    expect(isLocked(state, at('2026-03-15T03:00:00.000Z'))).toBe(false);
    expect(isLocked(FRESH, NOW)).toBe(false);
  });

  it('honours a custom policy', () => {
    expect(afterFailure(FRESH, NOW, { maxFailures: 1, lockMinutes: 60 })).toEqual({
      failedLogins: 0,
      lockedUntil: '2026-03-15T03:00:00.000Z',
    });
    expect(afterFailure(FRESH, NOW, { maxFailures: 3, lockMinutes: 1 })).toEqual({ failedLogins: 1, lockedUntil: null });
  });

  it('a success clears everything', () => {
    expect(AFTER_SUCCESS).toEqual({ failedLogins: 0, lockedUntil: null });
    expect(isLocked(AFTER_SUCCESS, NOW)).toBe(false);
  });

  it('locks exactly on every maxFailures-th consecutive failure (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 1440 }), fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (maxFailures, lockMinutes, attempts, ms) => {
          const now = new Date(ms);
          const policy = { maxFailures, lockMinutes };
          let state = FRESH;
          for (let i = 1; i <= attempts; i++) {
            state = afterFailure(state, now, policy);
            const locksNow = i % maxFailures === 0;
            expect(state.failedLogins).toBe(i % maxFailures);
            expect(isLocked(state, now)).toBe(locksNow);
            if (locksNow) {
              expect(new Date(state.lockedUntil!).getTime() - ms).toBe(lockMinutes * 60_000);
              expect(isLocked(state, new Date(ms + lockMinutes * 60_000))).toBe(false);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
