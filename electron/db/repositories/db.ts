import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema';

/** A connection or an open transaction: repositories work inside whichever the service gives them. */
export type Db = Kysely<Database> | Transaction<Database>;

/** Upper bound for a prefix range scan: `col >= prefix AND col < prefix + HIGH` uses the column's index. */
export const PREFIX_HIGH = '\uffff';
