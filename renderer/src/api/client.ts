/**
 * The renderer's way to call the backend. It adds the CallMeta (login session, UI language) to every call,
 * turns transport failures into plain outcomes the screens can show, and reports the two conditions the
 * whole app reacts to: no launch token (browser mode, 401) and a session the backend no longer knows.
 */
import type { ClientInput } from '../../../shared/contract/client';
import type { ContractOutput, MethodName } from '../../../shared/contract/methods';
import type { ContractError } from '../../../shared/result';
import type { Language } from '../../../shared/i18n';
import type { Transport } from '../../../shared/contract/client';
import type { Connection } from './connection';
import { LaunchTokenError } from './errors';

/** A contract error, or one of the renderer's own: 'network' (outcome unknown) and 'launch-token'. */
export interface UiError {
  readonly code: ContractError['code'] | 'network' | 'launch-token';
  readonly message: string;
  readonly params?: ContractError['params'];
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: UiError };

export interface ApiClient {
  call<M extends MethodName>(method: M, input: ClientInput<M>): Promise<Outcome<ContractOutput<M>>>;
}

export interface ClientOptions {
  readonly transport: Transport;
  readonly connection: Connection;
  readonly language: () => Language;
  /** Translated messages for the renderer's own errors. */
  readonly message: (code: 'network' | 'launch-token') => string;
}

export function createApiClient(options: ClientOptions): ApiClient {
  const { connection } = options;
  return {
    async call(method, input) {
      const meta = { session: connection.get().session?.session ?? null, language: options.language() };
      try {
        const result = await options.transport(method, input, meta);
        if (!result.ok && result.error.code === 'unauthenticated' && meta.session) connection.sessionExpired();
        return result as Outcome<ContractOutput<typeof method>>;
      } catch (error) {
        if (error instanceof LaunchTokenError) {
          connection.launchTokenMissing();
          return { ok: false, error: { code: 'launch-token', message: options.message('launch-token') } };
        }
        return { ok: false, error: { code: 'network', message: options.message('network') } };
      }
    },
  };
}
