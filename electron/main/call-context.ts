import type { Actor } from '../services/deps';
import type { Language } from '../../shared/i18n';

/** Who is calling and in which language the answer's message should be. */
export interface CallContext {
  readonly actor: Actor | null;
  readonly session: string | null;
  readonly language: Language;
}

/** The actor of a call whose method requires a session; the dispatcher has already checked there is one. */
export function actorOf(ctx: CallContext): Actor {
  if (!ctx.actor) throw new Error('actorOf called on a call without a session');
  return ctx.actor;
}
