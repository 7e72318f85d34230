import type { Db } from './db';
import type { Role } from '../../../shared/vocabulary';

export async function findUserByName(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUser(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Db) {
  return db.selectFrom('users').selectAll().orderBy('id').execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: Db, user: { username: string; displayName: string; role: Role; passwordHash: string; at: string }) {
  const row = await db.insertInto('users').values({
    username: user.username, display_name: user.displayName, role: user.role, password_hash: user.passwordHash,
    active: 1, failed_logins: 0, locked_until: null, created_at: user.at,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateUser(db: Db, id: number, patch: {
  password_hash?: string; active?: number; failed_logins?: number; locked_until?: string | null;
}): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}
