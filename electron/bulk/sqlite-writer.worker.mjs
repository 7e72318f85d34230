// Worker thread of sqlite-worker-session.ts: executes the statements it is sent, in order, in one
// transaction on its own connection to the database file. Plain JavaScript so it loads the same under
// tsx, vitest and plain Node. The id maps (key → generated id, read back by unique key) are kept by
// ./id-maps.mjs, shared with the in-process session. After the first failure every later statement is
// refused, so the session can only roll back.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { chainRows, LATEST_HASH_SQL } from '../db/audit-chain.mjs';
import { IdMaps } from './id-maps.mjs';

const db = new BetterSqlite3(workerData.file, { fileMustExist: true });
// The same connection settings as open-sqlite.ts, plus a larger page cache for the bulk write. Foreign
// key checks may be switched off by the caller for data whose every reference it took from the
// database itself (the demo seed: a quarter of SQLite's work for 2,000,000 sales).
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma(`foreign_keys = ${workerData.foreignKeys === false ? 'OFF' : 'ON'}`);
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -1048576');

const statements = new Map();
const maps = new IdMaps();
let failure = null;

function prepared(sql) {
  let statement = statements.get(sql);
  if (!statement) {
    if (statements.size >= 64) statements.clear();
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

/**
 * A run statement's parameters with ids bound and, for audit_log, the hash chain filled: only here is
 * entity_id (a generated id) known. The head is read per statement (an indexed lookup per chunk), so
 * the chain continues whatever was written before, also across commitAndContinue.
 */
function bound(message) {
  const parameters = maps.translate(message).slice();
  if (message.chain) chainRows(parameters, message.width, message.chain, prepared(LATEST_HASH_SQL).get()?.hash ?? null);
  return parameters;
}

function handle(message) {
  switch (message.type) {
    // IMMEDIATE takes the write lock now: nobody else commits between the caller's checks and ours.
    case 'begin': db.exec('BEGIN IMMEDIATE'); return undefined;
    case 'run': prepared(message.sql).run(bound(message)); return undefined;
    case 'each': {
      const statement = prepared(message.sql);
      for (const parameters of message.rows) statement.run(parameters);
      return undefined;
    }
    case 'all': return prepared(message.sql).all(message.parameters);
    case 'remember': maps.remember(message, prepared(message.sql).all(maps.rememberParameters(message))); return undefined;
    case 'commit': db.exec('COMMIT'); return undefined;
    case 'rollback': if (db.inTransaction) db.exec('ROLLBACK'); return undefined;
    default: throw new Error(`unknown message ${message.type}`);
  }
}

parentPort.on('message', (message) => {
  if (message.type === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  if (failure && message.type !== 'rollback') {
    parentPort.postMessage({ id: message.id, error: `refused after an earlier failure: ${failure}` });
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, rows: handle(message) });
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    parentPort.postMessage({ id: message.id, error: failure });
  }
});
