/**
 * What the commands that call the hall's services share: the backend opened on --data (and --counter) and
 * always closed, inputs checked by the contract's own zod schemas, and who acts. The CLI has no login, so the
 * acting user is named with --user and held to the method's roles exactly as the dispatcher holds a session;
 * without --user, a method an administrator may call acts as the hall's first administrator (the printed-by
 * of an export), and a counter-only method (printing a slip) refuses.
 */
import { writeFileSync } from 'node:fs';
import type { z } from 'zod';
import { createBackend } from '../main/composition';
import type { Backend } from '../main/composition';
import { findUserByName } from '../db/repositories/users-repository';
import { contract } from '../../shared/contract/methods';
import type { ContractInput, MethodName } from '../../shared/contract/methods';
import type { Actor } from '../services/deps';
import type { Role } from '../../shared/vocabulary';
import { UsageError, backendPlace, stringOption } from './args';
import type { Parsed } from './args';

/** Opens the backend of --data (at --counter), runs `work`, always closes. */
export async function withBackend(parsed: Parsed, work: (backend: Backend) => Promise<number>): Promise<number> {
  const backend = await createBackend(backendPlace(parsed));
  // A command run on a new data folder creates the admin; its password is shown this once or never.
  if (backend.firstAdminPassword) console.error(`first run: user "admin" created with password ${backend.firstAdminPassword} (shown once)`);
  try {
    return await work(backend);
  } finally {
    await backend.close();
  }
}

/** The input as the contract's schema parses it, or a UsageError naming the method and each issue. */
export function checked<M extends MethodName>(method: M, input: unknown): ContractInput<M> {
  const schema: z.ZodType = contract[method].input;
  const result = schema.safeParse(input);
  if (!result.success) throw new UsageError(`${method}: ${result.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  return result.data as ContractInput<M>;
}

/** The hall's first administrator. */
export async function cliActor(backend: Backend): Promise<Actor> {
  const admin = await backend.database.db.selectFrom('users').select(['id', 'username']).where('role', '=', 'admin').where('active', '=', 1)
    .orderBy('id').executeTakeFirst();
  if (!admin) throw new UsageError('no administrator in this data folder');
  return { userId: Number(admin.id), username: admin.username, role: 'admin' };
}

function rolesOf(method: MethodName): readonly Role[] | null {
  const access = contract[method].access;
  return Array.isArray(access) ? access : null;
}

/** The user named by --user, active and holding a role `method` allows (the dispatcher's 'forbidden' otherwise). */
export async function namedActor(backend: Backend, username: string, method: MethodName): Promise<Actor> {
  const user = await findUserByName(backend.database.db, username);
  if (!user || Number(user.active) !== 1) throw new UsageError(`--user: no active user "${username}"`);
  const roles = rolesOf(method);
  const role = user.role as Role;
  if (roles && !roles.includes(role)) throw new Error(`forbidden: "${username}" is ${role}; ${method} is for ${roles.join(' or ')}`);
  return { userId: Number(user.id), username: user.username, role };
}

/** Who does `method`: --user if given, else the first administrator where an administrator may, else a UsageError. */
export async function actorFor(backend: Backend, parsed: Parsed, method: MethodName): Promise<Actor> {
  const username = stringOption(parsed, 'user');
  if (username !== undefined) return namedActor(backend, username, method);
  const roles = rolesOf(method);
  if (roles && !roles.includes('admin')) throw new UsageError(`--user NAME is required: ${method} is done by a ${roles.join(' or ')}`);
  return cliActor(backend);
}

/** Writes a produced file (or to stdout with "-") and prints where it went. */
export function writeOutput(out: string, data: Buffer): void {
  if (out === '-') {
    process.stdout.write(data);
    return;
  }
  writeFileSync(out, data);
  console.log(out);
}
