/**
 * A BulkSession whose statements SQLite executes on a worker thread (sqlite-writer.worker.mjs), with
 * its own connection to the same file. The caller keeps building the next rows while the worker
 * writes the previous ones; at most MAX_IN_FLIGHT statements wait in the queue, so memory stays flat.
 * The worker begins with BEGIN IMMEDIATE, so no other connection commits while the session is open:
 * what the caller reads on its own connection (handle.db) stays true until the session commits.
 */
import { Worker } from 'node:worker_threads';
import type { SqliteHandle } from '../db/open-sqlite';
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

  /** Resolves when every message sent so far has been answered. */
  async drain(): Promise<void> {
    await this.send({ type: 'all', sql: 'select 1', parameters: [] });
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
  const pending: Promise<unknown>[] = [];
  /** Sends without waiting for the answer, unless too many are unanswered (failures surface there). */
  const queue = async (message: Record<string, unknown>) => {
    const reply = channel.send(message);
    reply.catch(() => undefined);
    pending.push(reply);
    while (channel.inFlight > MAX_IN_FLIGHT) await pending.shift();
    if (pending.length > MAX_IN_FLIGHT * 4) pending.splice(0, pending.length - MAX_IN_FLIGHT);
  };
  try {
    await channel.send({ type: 'begin' });
  } catch (error) {
    await channel.close();
    throw error;
  }
  return {
    read: handle.db,
    compiler: handle.db,
    async run(statement: WriteStatement) {
      await queue({ type: 'run', sql: statement.sql, parameters: statement.parameters, width: statement.width, refs: statement.refs });
    },
    async each(sql: string, rows: readonly (readonly unknown[])[]) {
      await queue({ type: 'each', sql, rows });
    },
    async remember(statement: RememberStatement) {
      await queue({ type: 'remember', sql: statement.sql, map: statement.map, after: statement.after, replace: statement.replace });
    },
    async all<R>(statement: SqlStatement) {
      return (await channel.send({ type: 'all', sql: statement.sql, parameters: statement.parameters })) as R[];
    },
    async commit() {
      try {
        await channel.drain();
        await channel.send({ type: 'commit' });
      } finally {
        await channel.close();
      }
    },
    async rollback() {
      try {
        await channel.send({ type: 'rollback' }).catch(() => undefined);
      } finally {
        await channel.close();
      }
    },
  };
}
