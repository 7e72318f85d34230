import type { Db } from './db';

/**
 * The `settings` table: one text value per key, for the few hall-wide facts that belong with the data
 * (and its backups) rather than in a config file: the hall's name, the slip MAC key.
 */
export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Writes a value, replacing any earlier one. */
export async function setSetting(db: Db, key: string, value: string): Promise<void> {
  await db.insertInto('settings').values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/**
 * Writes a value only if the key has none yet, and answers whether it did. Two processes starting on the
 * same data folder cannot both win: the primary key decides, and the loser keeps the stored value.
 */
export async function insertSettingIfAbsent(db: Db, key: string, value: string): Promise<boolean> {
  const result = await db.insertInto('settings').values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
