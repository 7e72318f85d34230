/**
 * The typed client side of the contract, the same for every host: the Electron preload exposes one
 * function per method over IPC, browser mode sends each call over HTTP. Both are built from a Transport
 * by `createApi`, which writes out one plain function per method name of the contract table.
 */
import type { z } from 'zod';
import { METHOD_NAMES } from './methods';
import type { contract } from './methods';
import type { ContractOutput, MethodName } from './methods';
import type { Language } from '../i18n';
import type { Result } from '../result';

/** What travels with every call besides its input. */
export interface CallMeta {
  /** The login session from auth.login; null before login. */
  readonly session: string | null;
  readonly language: Language;
}

/** The input a caller writes (before the schema's defaults and transforms). */
export type ClientInput<M extends MethodName> = z.input<(typeof contract)[M]['input']>;

export type Transport = (method: MethodName, input: unknown, meta: CallMeta) => Promise<Result<unknown>>;

export type HallDeskApi = {
  readonly [M in MethodName]: (input: ClientInput<M>, meta: CallMeta) => Promise<Result<ContractOutput<M>>>;
};

export function createApi(transport: Transport): HallDeskApi {
  const api: Record<string, (input: unknown, meta: CallMeta) => Promise<Result<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    api[method] = (input, meta) => transport(method, input, meta);
  }
  return api as HallDeskApi;
}
