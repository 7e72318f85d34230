/** Test helpers: the providers every screen needs, around a component under test. */
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { ApiClient, Outcome } from '../api/client';
import { FocusProvider } from '../keys/focus';
import { createUiI18n } from '../i18n/setup';

export function testI18n(): I18n {
  return createUiI18n('zh-CN');
}

export function Providers({ children, i18n = testI18n() }: { children: ReactNode; i18n?: I18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <FocusProvider>{children}</FocusProvider>
    </I18nextProvider>
  );
}

type Answer = (input: unknown) => Outcome<unknown> | Promise<Outcome<unknown>>;

/** A client whose answers are given per method; every call is recorded. */
export function fakeClient(answers: Record<string, Answer>) {
  const calls: { method: string; input: unknown }[] = [];
  const client = {
    async call(method: string, input: unknown) {
      calls.push({ method, input });
      const answer = answers[method];
      if (!answer) throw new Error(`unexpected call ${method}`);
      return answer(input);
    },
  } as unknown as ApiClient;
  return { client, calls };
}
