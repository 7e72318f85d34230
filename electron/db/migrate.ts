import { sql } from 'kysely';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations/index';
import type { AnyDb, Migration, SqlDialect } from './migrations/dialect';

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
