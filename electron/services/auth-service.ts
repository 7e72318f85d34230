import { DomainError } from '../domain/errors';
import { AFTER_SUCCESS, DEFAULT_LOCKOUT, afterFailure, isLocked } from '../domain/users/lockout';
import { appendAudit } from '../db/repositories/audit-repository';
import { countUsers, findUser, findUserByName, insertUser, listUsers, updateUser } from '../db/repositories/users-repository';
import { assertStrongPassword, hashPassword, randomPassword, verifyPassword } from './password';
import { found, inTransaction, nowIso } from './deps';
import { advisoryXactLock } from '../db/repositories/locks';
import type { Actor, ServiceDeps } from './deps';
import type { SessionStore } from './sessions';
import type { SessionView, UserView } from '../../shared/contract/views';
import type { Role } from '../../shared/vocabulary';

type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export function userView(row: UserRow): UserView {
  return {
    id: Number(row.id), username: row.username, displayName: row.display_name, role: row.role as Role,
    active: row.active === 1, lockedUntil: row.locked_until,
  };
}

function actorOf(row: UserRow): Actor {
  return { userId: Number(row.id), username: row.username, role: row.role as Role };
}

export function createAuthService(deps: ServiceDeps, sessions: SessionStore) {
  async function recordFailure(row: UserRow): Promise<void> {
    const state = afterFailure({ failedLogins: row.failed_logins, lockedUntil: row.locked_until }, deps.clock.now(), DEFAULT_LOCKOUT);
    await inTransaction(deps, async (trx) => {
      await updateUser(trx, Number(row.id), { failed_logins: state.failedLogins, locked_until: state.lockedUntil });
      if (state.lockedUntil) {
        await appendAudit(trx, { at: nowIso(deps), userId: Number(row.id), action: 'user.locked', entity: 'user', entityId: Number(row.id), after: state });
      }
    });
  }

  /**
   * Proves who is at the keyboard: the login, and a supervisor's approval or cash receipt at a clerk's
   * counter. A wrong password counts towards the lockout either way.
   */
  async function authenticate(username: string, password: string): Promise<UserRow> {
    const row = await findUserByName(deps.db, username);
    // The same answer for an unknown user and a wrong password: no user-name probing.
    if (!row) throw new DomainError('bad-credentials');
    if (isLocked({ failedLogins: row.failed_logins, lockedUntil: row.locked_until }, deps.clock.now())) {
      throw new DomainError('account-locked', { until: row.locked_until ?? '' });
    }
    if (!(await verifyPassword(password, row.password_hash))) {
      await recordFailure(row);
      throw new DomainError('bad-credentials');
    }
    if (row.active !== 1) throw new DomainError('user-inactive');
    if (row.failed_logins !== AFTER_SUCCESS.failedLogins || row.locked_until !== AFTER_SUCCESS.lockedUntil) {
      await inTransaction(deps, (trx) => updateUser(trx, Number(row.id), { failed_logins: AFTER_SUCCESS.failedLogins, locked_until: AFTER_SUCCESS.lockedUntil }));
    }
    return found(await findUser(deps.db, Number(row.id)), 'user');
  }

  async function login(username: string, password: string): Promise<SessionView> {
    const fresh = await authenticate(username, password);
    await inTransaction(deps, (trx) => appendAudit(trx, { at: nowIso(deps), userId: Number(fresh.id), action: 'user.login', entity: 'user', entityId: Number(fresh.id) }));
    return { session: sessions.create(actorOf(fresh), deps.clock.now()), user: userView(fresh), counterCode: deps.counterCode };
  }

  /** A second person's credentials, checked without opening a session for them. */
  async function verifyPresent(username: string, password: string): Promise<Actor> {
    return actorOf(await authenticate(username, password));
  }

  async function me(actor: Actor, session: string): Promise<SessionView> {
    return { session, user: userView(found(await findUser(deps.db, actor.userId), 'user')), counterCode: deps.counterCode };
  }

  async function changePassword(actor: Actor, oldPassword: string, newPassword: string) {
    const row = found(await findUser(deps.db, actor.userId), 'user');
    if (!(await verifyPassword(oldPassword, row.password_hash))) throw new DomainError('wrong-password');
    assertStrongPassword(newPassword);
    const hash = await hashPassword(newPassword);
    await inTransaction(deps, async (trx) => {
      await updateUser(trx, actor.userId, { password_hash: hash });
      await appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: 'user.password-changed', entity: 'user', entityId: actor.userId });
    });
    return { changed: true as const };
  }

  return { login, verifyPresent, me, changePassword, logout: (token: string) => { sessions.end(token); return { loggedOut: true as const }; } };
}

export function createUsersService(deps: ServiceDeps, sessions: SessionStore) {
  async function create(actor: Actor | null, input: { username: string; displayName: string; role: Role; password: string }) {
    assertStrongPassword(input.password);
    if (await findUserByName(deps.db, input.username)) throw new DomainError('username-taken');
    const hash = await hashPassword(input.password);
    return inTransaction(deps, async (trx) => {
      // Checked again under a lock on the name: the same user created at two counters gives one user, one refusal.
      await advisoryXactLock(trx, `username:${input.username}`);
      if (await findUserByName(trx, input.username)) throw new DomainError('username-taken');
      const id = await insertUser(trx, { username: input.username, displayName: input.displayName, role: input.role, passwordHash: hash, at: nowIso(deps) });
      const view = userView(found(await findUser(trx, id), 'user'));
      await appendAudit(trx, { at: nowIso(deps), userId: actor?.userId ?? null, action: 'user.create', entity: 'user', entityId: id, after: view });
      return view;
    });
  }

  async function change(actor: Actor, userId: number, action: string, patch: Parameters<typeof updateUser>[2]) {
    const after = await inTransaction(deps, async (trx) => {
      const before = userView(found(await findUser(trx, userId), 'user'));
      await updateUser(trx, userId, patch);
      const changed = userView(found(await findUser(trx, userId), 'user'));
      await appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action, entity: 'user', entityId: userId, before, after: changed });
      return changed;
    });
    // Only once the change is committed: the user's open sessions end (deactivated or new password).
    sessions.endAllOf(userId);
    return after;
  }

  return {
    create,
    list: async () => (await listUsers(deps.db)).map(userView),
    setActive: (actor: Actor, userId: number, active: boolean) => change(actor, userId, 'user.set-active', { active: active ? 1 : 0 }),
    async resetPassword(actor: Actor, userId: number, password: string) {
      assertStrongPassword(password);
      return change(actor, userId, 'user.reset-password', { password_hash: await hashPassword(password), failed_logins: 0, locked_until: null });
    },
    /** First run: when there is no user at all, create `admin` with a random password and return it once. */
    async ensureFirstAdmin(): Promise<string | null> {
      if ((await countUsers(deps.db)) > 0) return null;
      const password = randomPassword();
      try {
        await create(null, { username: 'admin', displayName: '系统管理员', role: 'admin', password });
      } catch (error) {
        // Two counters starting at once on a new hall server: the other one made the admin (and shows its password).
        if (error instanceof DomainError && error.code === 'username-taken') return null;
        throw error;
      }
      return password;
    },
  };
}
