/** Types of id-maps.mjs (plain JavaScript, shared with the SQLite worker thread). */
import type { ChainLayout } from '../db/audit-chain.mjs';

export interface Ref {
  /** Position of the reference within a row's parameters. */
  readonly offset: number;
  /** The id map that resolves it. */
  readonly map: string;
  /** Bind the id as text (audit_log.entity_id). */
  readonly text?: boolean;
}

export interface RunMessage {
  readonly parameters: readonly unknown[];
  /** Parameters per row. */
  readonly width: number;
  readonly refs?: readonly Ref[];
  /** An audit_log insert: the executor fills prev_hash and hash after binding ids (audit-chain.mjs). */
  readonly chain?: ChainLayout;
}

export interface RememberMessage {
  readonly map: string;
  /** Also skip ids up to this one (the table's highest id when the session began). */
  readonly after?: number;
  /** Forget what the map held before (maps that only need the latest rows, e.g. sales). */
  readonly replace?: boolean;
}

export function joinKey(values: readonly unknown[]): string;

export class IdMaps {
  rememberParameters(message: RememberMessage): [number];
  remember(message: RememberMessage, rows: readonly Record<string, unknown>[]): void;
  translate(message: RunMessage): unknown[];
}
