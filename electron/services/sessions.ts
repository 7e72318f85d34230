/**
 * Login sessions, held in the backend's memory: a restart logs everyone out, which is what a counter
 * wants after a crash. A session expires after 12 idle hours (one long working day).
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from './deps';

const IDLE_LIMIT_MS = 12 * 60 * 60 * 1000;

interface Session { actor: Actor; lastSeen: number }

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  create(actor: Actor, now: Date): string {
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, { actor, lastSeen: now.getTime() });
    return token;
  }

  resolve(token: string | undefined, now: Date): Actor | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    if (now.getTime() - session.lastSeen > IDLE_LIMIT_MS) {
      this.sessions.delete(token);
      return null;
    }
    session.lastSeen = now.getTime();
    return session.actor;
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every session of a user (deactivated or password reset). */
  endAllOf(userId: number): void {
    for (const [token, session] of this.sessions) {
      if (session.actor.userId === userId) this.sessions.delete(token);
    }
  }
}
