/**
 * The hall's card secrets (issue 6 item 2): the SLE4442 PSC and the layout MAC key live in the database's
 * `settings` (backed up with the data, never in a plain configuration file), created on first use: a random
 * 32-byte MAC key, and the PSC the hall's blank cards come with (FFFFFF on SLE4442 stock) unless an admin set
 * another. The hall code written on every card is a setting too (8 digits).
 */
import { randomBytes } from 'node:crypto';
import { checkSecrets, secretFromHex } from '../../hardware/cards';
import type { CardKeyStore, CardSecrets } from '../../hardware/cards';
import { getSetting, insertSettingIfAbsent } from '../../db/repositories/settings-repository';
import type { Db } from '../../db/repositories/db';

export const CARD_SECRETS_SETTING = 'card_secrets';
export const HALL_CODE_SETTING = 'card_hall_code';
export const DEFAULT_HALL_CODE = '00000001';
const FACTORY_PSC = 'FFFFFF';

interface StoredSecrets { readonly psc: string; readonly macKey: string }

/** Reads (creating once, race-free) the hall's secrets. */
async function storedSecrets(db: Db): Promise<StoredSecrets> {
  const existing = await getSetting(db, CARD_SECRETS_SETTING);
  if (existing) return JSON.parse(existing) as StoredSecrets;
  const fresh: StoredSecrets = { psc: FACTORY_PSC, macKey: randomBytes(32).toString('hex') };
  await insertSettingIfAbsent(db, CARD_SECRETS_SETTING, JSON.stringify(fresh));
  return JSON.parse((await getSetting(db, CARD_SECRETS_SETTING))!) as StoredSecrets;
}

export async function hallCodeOf(db: Db): Promise<string> {
  return (await getSetting(db, HALL_CODE_SETTING)) ?? DEFAULT_HALL_CODE;
}

/** The key store of this database: one hall, its code from the settings. */
export function databaseKeyStore(db: Db): CardKeyStore {
  return {
    async secretsFor(): Promise<CardSecrets> {
      const stored = await storedSecrets(db);
      return checkSecrets({ psc: secretFromHex(stored.psc, 'the card PSC', 3), macKey: secretFromHex(stored.macKey, 'the card MAC key') });
    },
  };
}
