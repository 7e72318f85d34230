/**
 * A BulkSession whose statements SQLite executes on a worker thread (sqlite-writer.worker.mjs), with
 * its own connection to the same file. The caller keeps building the next rows while the worker
 * writes the previous ones; at most MAX_IN_FLIGHT statements wait in the queue, so memory stays flat.
 * The worker begins with BEGIN IMMEDIATE, so no other connection commits while the session is open:
 * what the caller reads on its own connection (handle.db) stays true until the session commits.
 */
import { Worker } from 'node:worker_threads';
import type { SqliteHandle } from '../db/open-sqlite';
import type { DatabaseHandle } from '../db/database-handle';
import { inProcessSession } from './sql-session';
import type { BulkSession, RememberStatement, SqlStatement, WriteStatement } from './sql-session';

const MAX_IN_FLIGHT = 256;

type Reply = { id: number; rows?: unknown[]; error?: string };
type Waiter = { resolve: (rows: unknown[]) => void; reject: (error: Error) => void };

class WorkerChannel {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(file: string, foreignKeys: boolean) {
    this.worker = new Worker(new URL('./sqlite-writer.worker.mjs', import.meta.url), { workerData: { file, foreignKeys } });
    this.worker.on('message', (reply: Reply) => this.settle(reply));
    this.worker.on('error', (error) => this.failAll(error));
  }

  get inFlight(): number {
    return this.waiting.size;
  }

  send(message: Record<string, unknown>): Promise<unknown[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  async close(): Promise<void> {
    this.worker.postMessage({ type: 'close' });
    await new Promise((resolve) => this.worker.once('exit', resolve));
  }

  private settle(reply: Reply): void {
    const waiter = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (reply.error !== undefined) {
      this.failure ??= new Error(reply.error);
      waiter?.reject(new Error(reply.error));
    } else waiter?.resolve(reply.rows ?? []);
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

/**
 * `foreignKeys: false` skips SQLite's foreign key checks in the session: only for writers whose every
 * reference is an id read back from the database in the same session (the demo seed; its test runs
 * PRAGMA foreign_key_check on the result).
 */
export async function sqliteWorkerSession(handle: SqliteHandle, options: { foreignKeys?: boolean } = {}): Promise<BulkSession> {
  const channel = new WorkerChannel(handle.file, options.foreignKeys ?? true);
  try {
    await channel.send({ type: 'begin' });
  } catch (error) {
    await channel.close();
    throw error;
  }
  return new WorkerSession(handle, channel);
}

class WorkerSession implements BulkSession {
  /** Answers not yet awaited, oldest first (the worker answers in order). */
  private readonly pending: Promise<unknown>[] = [];

  constructor(private readonly handle: SqliteHandle, private readonly channel: WorkerChannel) {}

  get read() {
    return this.handle.db;
  }

  get compiler() {
    return this.handle.db;
  }

  /** Sends without waiting for the answer, unless too many are unanswered; a failure surfaces here or later. */
  private async queue(message: Record<string, unknown>): Promise<void> {
    const reply = this.channel.send(message);
    reply.catch(() => undefined);
    this.pending.push(reply);
    while (this.pending.length > MAX_IN_FLIGHT) await this.pending.shift();
  }

  run(statement: WriteStatement): Promise<void> {
    return this.queue({ type: 'run', sql: statement.sql, parameters: statement.parameters, width: statement.width, refs: statement.refs,
      chain: statement.chain });
  }

  each(sql: string, rows: readonly (readonly unknown[])[]): Promise<void> {
    return this.queue({ type: 'each', sql, rows });
  }

  remember(statement: RememberStatement): Promise<void> {
    return this.queue({ type: 'remember', sql: statement.sql, map: statement.map, after: statement.after, replace: statement.replace });
  }

  async all<R>(statement: SqlStatement): Promise<R[]> {
    return (await this.channel.send({ type: 'all', sql: statement.sql, parameters: statement.parameters })) as R[];
  }

  async commitAndContinue(): Promise<void> {
    await this.channel.send({ type: 'commit' });
    await this.channel.send({ type: 'begin' });
  }

  async commit(): Promise<void> {
    try {
      await Promise.all(this.pending.splice(0));
      await this.channel.send({ type: 'commit' });
    } finally {
      await this.channel.close();
    }
  }

  async rollback(): Promise<void> {
    try {
      await this.channel.send({ type: 'rollback' }).catch(() => undefined);
    } finally {
      await this.channel.close();
    }
  }
}

/**
 * The bulk session for a backend's database: SQLite writes on a worker thread (both cores busy); on
 * PostgreSQL the server already works in its own process, so the caller's own transaction serves.
 */
export function bulkSessionFor(handle: DatabaseHandle, options: { foreignKeys?: boolean } = {}): () => Promise<BulkSession> {
  const sqlite = handle.sqlite;
  return sqlite ? () => sqliteWorkerSession(sqlite, options) : () => inProcessSession(handle.db);
}
