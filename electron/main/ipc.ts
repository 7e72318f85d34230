/**
 * The IPC handlers are the contract table: one `ipcMain.handle` channel per METHOD_NAMES entry, named
 * after the method, and nothing else. Each handler checks who is asking (checklist #17: the top-level
 * frame of the app's own page) and the envelope's shape, then hands the call to `dispatch`, which checks
 * the method's input schema and the caller's role exactly as for browser mode. Every answer is a Result;
 * nothing throws across the process boundary (a thrown Error would reach the page with its stack text).
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { METHOD_NAMES } from '../../shared/contract/methods';
import type { MethodName } from '../../shared/contract/methods';
import type { IpcEnvelope } from '../../shared/contract/window-api';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES } from '../../shared/i18n';
import type { Language } from '../../shared/i18n';
import type { Result } from '../../shared/result';
import { isAppUrl } from './app-protocol';
import { failure } from './dispatch';
import type { Dispatch } from './dispatch';

/** `input` must be present (an empty-input method takes `{}`); the method's own schema checks the rest. */
export const ipcEnvelope = z.object({
  input: z.custom<unknown>((value) => value !== undefined, { message: 'input is required' }),
  session: z.string().min(1).max(200).nullable(),
  language: z.enum(LANGUAGES),
}).strict() satisfies z.ZodType<IpcEnvelope>;

type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/**
 * Only the app's own page, in the window's top-level frame, may call. senderFrame is null when the frame
 * navigated away or was destroyed while the message was in flight: refused too.
 */
export function isAppSender(event: SenderEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

function languageOf(payload: unknown): Language {
  const language = typeof payload === 'object' && payload !== null ? (payload as { language?: unknown }).language : undefined;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/** The same invalid-input Result dispatch gives for a bad input, with paths inside the envelope. */
function invalidEnvelope(error: z.ZodError, language: Language): Result<never> {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.') || '(envelope)', message: issue.message }));
  return failure('invalid-input', language, { detail: issues.map((i) => `${i.path}: ${i.message}`).join('; ') }, issues);
}

export type IpcHandler = (event: SenderEvent, payload: unknown) => Promise<Result<unknown>>;

export function createIpcHandler(method: MethodName, dispatch: Dispatch, log: (error: unknown) => void): IpcHandler {
  return async (event, payload) => {
    const fallbackLanguage = languageOf(payload);
    if (!isAppSender(event)) return failure('forbidden', fallbackLanguage);
    const parsed = ipcEnvelope.safeParse(payload);
    if (!parsed.success) return invalidEnvelope(parsed.error, fallbackLanguage);
    const { input, session, language } = parsed.data;
    try {
      return await dispatch(method, input, { session, language });
    } catch (error) {
      log(error);
      return failure('internal', language);
    }
  };
}

/** Registers one handler per contract method; returns the function that removes them all again. */
export function registerIpc(ipc: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch, log: (error: unknown) => void): () => void {
  for (const method of METHOD_NAMES) ipc.handle(method, createIpcHandler(method, dispatch, log));
  return () => {
    for (const method of METHOD_NAMES) ipc.removeHandler(method);
  };
}
