/**
 * The one way into the backend. Every call, whichever host carries it (Electron IPC, the loopback HTTP
 * server, the CLI, tests), goes through `dispatch`: the method must exist, the input must pass its zod
 * schema, the session must hold a role the method allows; only then does the handler run. Every answer
 * is a Result whose error code has a translated message.
 */
import { contract } from '../../shared/contract/methods';
import type { MethodName } from '../../shared/contract/methods';
import { isErrorCode } from '../../shared/contract/errors';
import type { ErrorCode } from '../../shared/contract/errors';
import { createI18n, DEFAULT_LANGUAGE } from '../../shared/i18n';
import type { Language } from '../../shared/i18n';
import type { Result } from '../../shared/result';
import { DomainError } from '../domain/errors';
import { isLockTimeout } from '../db/connection-loss';
import type { Clock } from '../domain/time/business-time';
import type { SessionStore } from '../services/sessions';
import type { Handlers } from './handlers';
import type { CallContext } from './call-context';

export interface CallOptions {
  readonly session?: string | null;
  readonly language?: Language;
}

export type Dispatch = (method: string, input: unknown, options?: CallOptions) => Promise<Result<unknown>>;

const translators = { 'zh-CN': createI18n('zh-CN'), en: createI18n('en') };

export function failure(code: ErrorCode, language: Language, params: Record<string, string | number> = {},
  issues?: { path: string; message: string }[]): Result<never> {
  const message = translators[language].t(code, params);
  return { ok: false, error: { code, message, params, ...(issues ? { issues } : {}) } };
}

function isMethod(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Tells a lost database server from a fault (database-health.ts); absent, every unexpected error is internal. */
export interface ConnectionWatch {
  explainFailure(error: unknown): Promise<boolean>;
}

export function createDispatcher(handlers: Handlers, sessions: SessionStore, clock: Clock, log: (error: unknown) => void, watch?: ConnectionWatch): Dispatch {
  return async function dispatch(method, input, options = {}) {
    const language = options.language ?? DEFAULT_LANGUAGE;
    if (!isMethod(method)) return failure('unknown-method', language, { method: String(method).slice(0, 60) });
    const spec = contract[method];
    const actor = sessions.resolve(options.session ?? undefined, clock.now());
    if (spec.access !== 'public' && !actor) return failure('unauthenticated', language);
    if (Array.isArray(spec.access) && actor && !spec.access.includes(actor.role)) return failure('forbidden', language);
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(input)', message: issue.message }));
      return failure('invalid-input', language, { detail: issues.map((i) => `${i.path}: ${i.message}`).join('; ') }, issues);
    }
    const ctx: CallContext = { actor, session: options.session ?? null, language };
    try {
      const handler = handlers[method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (error) {
      if (error instanceof DomainError && isErrorCode(error.code)) return failure(error.code, language, { ...error.params });
      // The server is away, the call is not wrong: nothing was committed (or, if the COMMIT itself was cut
      // off, a retry with the same idempotency key answers the stored sale), so say so in the clerk's words.
      // A lock wait that timed out is a known answer from a live server: no probe needed to explain it.
      if (isLockTimeout(error)) return failure('database-busy', language);
      if (await watch?.explainFailure(error)) return failure('database-unreachable', language);
      log(error);
      return failure('internal', language);
    }
  };
}
