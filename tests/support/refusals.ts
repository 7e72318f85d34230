import { expect } from 'vitest';
import { expectedMessage, refusal } from './backend';
import type { Fixture } from './backend';
import type { Language } from '../../shared/i18n';

/** Calls and expects a refusal with this code and its translated message, with no row written anywhere. */
export async function refusedWithoutWrites(fx: Fixture, method: string, input: unknown, session: string | null, code: string, language?: Language) {
  const before = await fx.counts();
  const error = refusal(await fx.call(method, input, session, language));
  expect(error.code).toBe(code);
  expect(error.message).toBe(expectedMessage(code, error.params, language));
  expect(await fx.counts()).toEqual(before);
  return error;
}
