/** Every contract call answers with a Result instead of throwing across the process boundary. */
import type { ErrorCode } from './contract/errors';

export interface ContractError {
  readonly code: ErrorCode;
  /** The translated message in the caller's language (from shared/locales). */
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>>;
  /** For invalid-input: which fields were wrong and why. */
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}
