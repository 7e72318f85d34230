/** Types of audit-chain.mjs (plain JavaScript, shared with the bulk writers' SQLite worker thread). */
export const AUDIT_GENESIS: string;

export type ChainedField = 'at' | 'user_id' | 'action' | 'entity' | 'entity_id' | 'before_json' | 'after_json';
export const CHAINED_FIELDS: readonly ChainedField[];

export interface ChainedRecord {
  readonly at: string;
  readonly user_id: number | string | null;
  readonly action: string;
  readonly entity: string;
  readonly entity_id: string | number;
  readonly before_json: string | null;
  readonly after_json: string | null;
}

export function auditHash(prevHash: string, record: ChainedRecord): string;

/** Position of each column within a row of a bulk audit_log INSERT. */
export type ChainLayout = Readonly<Record<ChainedField | 'prev_hash' | 'hash', number>>;

export function chainRows(parameters: unknown[], width: number, layout: ChainLayout, lastHash: string | null): string;

export const LATEST_HASH_SQL: string;
