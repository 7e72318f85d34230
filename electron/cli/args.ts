/**
 * Argument parsing shared by every command: node:util parseArgs in strict mode, plus `--data DIR`
 * (default: HALLDESK_DATA, then the app's data folder), `--database URL` (default: HALLDESK_DATABASE_URL,
 * then the data folder's saved choice) and `--help`. A bad argument is a UsageError:
 * one clear line on stderr and exit code 2.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { defaultDataDir } from '../main/paths';

export class UsageError extends Error {
  override name = 'UsageError';
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
  readonly dataDir: string;
  /** --database, else HALLDESK_DATABASE_URL: a hall's PostgreSQL URL, or 'sqlite'; undefined = the data folder's choice. */
  readonly database: string | undefined;
  readonly help: boolean;
}

export const COMMON_OPTIONS: OptionSpec = {
  data: { type: 'string' },
  database: { type: 'string' },
  counter: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export function parse(args: string[], options: OptionSpec = {}): Parsed {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
    const dataDir = typeof values.data === 'string' ? values.data : process.env.HALLDESK_DATA || defaultDataDir();
    const database = typeof values.database === 'string' ? values.database : process.env.HALLDESK_DATABASE_URL || undefined;
    return { values: values as Parsed['values'], positionals, dataDir, database, help: values.help === true };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A non-negative integer option, or a UsageError naming the option. */
export function intOption(parsed: Parsed, name: string, fallback: number): number {
  const raw = parsed.values[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got "${String(raw)}"`);
  return Number(raw);
}

export function stringOption(parsed: Parsed, name: string): string | undefined {
  const raw = parsed.values[name];
  return typeof raw === 'string' ? raw : undefined;
}

/** Exactly `count` positional arguments, or a UsageError. */
export function positionals(parsed: Parsed, count: number, usage: string): string[] {
  if (parsed.positionals.length !== count) throw new UsageError(`usage: ${usage}`);
  return parsed.positionals;
}

/** Where a command's backend lives: --data, --database and --counter as parsed. */
export function backendPlace(parsed: Parsed): { dataDir: string; database?: string; counterCode?: string } {
  const counter = stringOption(parsed, 'counter');
  return { dataDir: parsed.dataDir, ...(parsed.database ? { database: parsed.database } : {}), ...(counter ? { counterCode: counter } : {}) };
}
