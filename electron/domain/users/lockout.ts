/**
 * Login lockout policy: after `maxFailures` wrong passwords in a row the account is locked for
 * `lockMinutes`; a correct password after the lock expires resets the count. Pure: the caller passes
 * the time.
 */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockMinutes: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

export interface LoginState {
  readonly failedLogins: number;
  readonly lockedUntil: string | null;
}

export function isLocked(state: LoginState, now: Date): boolean {
  return state.lockedUntil !== null && new Date(state.lockedUntil).getTime() > now.getTime();
}

export function afterFailure(state: LoginState, now: Date, policy: LockoutPolicy): LoginState {
  const failures = state.failedLogins + 1;
  if (failures < policy.maxFailures) return { failedLogins: failures, lockedUntil: null };
  const until = new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString();
  return { failedLogins: 0, lockedUntil: until };
}

export const AFTER_SUCCESS: LoginState = { failedLogins: 0, lockedUntil: null };
