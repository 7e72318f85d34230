import { sql } from 'kysely';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations/index';
import type { AnyDb, Migration, SqlDialect } from './migrations/dialect';
import { requireByteOrderText } from './pg-collation';

/** Thrown when the database was written by a newer HallDesk: opening it could corrupt what we do not understand. */
export class DatabaseFromNewerAppError extends Error {
  constructor(readonly databaseVersion: number, readonly appVersion: number) {
    super(`This database has schema version ${databaseVersion}, newer than this HallDesk understands ` +
      `(${appVersion}). Install the newer HallDesk; the database was not changed.`);
    this.name = 'DatabaseFromNewerAppError';
  }
}

async function ensureVersionTable(db: AnyDb): Promise<void> {
  await db.schema.createTable('schema_migrations').ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
}

export async function schemaVersion(db: AnyDb): Promise<number> {
  await ensureVersionTable(db);
  const row = await db.selectFrom('schema_migrations').select(sql<number>`max(version)`.as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

export interface MigrationReport {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly string[];
}

/**
 * Brings the schema up to `target` (default: the latest). Refuses a database from a newer app before
 * touching it. `migrations` is injectable so tests can step one migration at a time.
 */
export async function migrate(
  db: AnyDb, dialect: SqlDialect, now: () => Date,
  target: number = LATEST_SCHEMA_VERSION, migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  if (dialect === 'sqlite') return migrateOn(db, dialect, now, target, migrations);
  // Several counters may start at once against one server: the first migrates, the others wait on this
  // session's advisory lock and then find the schema current. One connection holds the lock throughout.
  return db.connection().execute(async (connection) => {
    await requireByteOrderText(connection); // before anything is created: text must order as on SQLite (pg-collation.ts)
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
    try {
      return await migrateOn(connection, dialect, now, target, migrations);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection);
    }
  });
}

/** pg_advisory_lock key of schema migrations ('HDMG'); the audit chain and serials use their own keys. */
const MIGRATION_LOCK = 0x48444d47;

async function migrateOn(
  db: AnyDb, dialect: SqlDialect, now: () => Date, target: number, migrations: readonly Migration[],
): Promise<MigrationReport> {
  const from = await schemaVersion(db);
  if (from > LATEST_SCHEMA_VERSION) throw new DatabaseFromNewerAppError(from, LATEST_SCHEMA_VERSION);
  const applied: string[] = [];
  for (const migration of migrations) {
    if (migration.version <= from || migration.version > target) continue;
    await db.transaction().execute(async (trx) => {
      await migration.up(trx, dialect);
      await trx.insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, applied_at: now().toISOString() }).execute();
    });
    applied.push(`${migration.version}-${migration.name}`);
  }
  return { from, to: await schemaVersion(db), applied };
}
