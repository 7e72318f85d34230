/**
 * The composition root: the one place that builds the database, repositories, services and the
 * dispatcher. Hosted by the Electron main process, the loopback HTTP server and the CLI alike; it never
 * imports Electron, so it runs in plain Node.
 */
import { makeFolder } from '../services/make-folder';
import { openSqlite } from '../db/open-sqlite';
import { openPostgres } from '../db/open-postgres';
import { sqliteDatabase } from '../db/database-handle';
import type { DatabaseHandle } from '../db/database-handle';
import { DATABASE_FILE, resolveDatabase } from './database-choice';
import { migrate } from '../db/migrate';
import { holdCounter } from '../services/counter-lease';
import type { CounterLease } from '../services/counter-lease';
import { ensureSlipKey } from '../slips/slip-code';
import { ensureCalendarSeed } from '../services/calendar-service';
import type { Clock } from '../domain/time/business-time';
import { createServices } from './services';
import { auditRestoreAtStart, restoreAtStart } from '../services/backup-restore-start';
import type { AutomaticControl } from '../services/control-port';
import type { Services } from './services';
import { createHandlers } from './handlers';
import { createDispatcher } from './dispatch';
import { CollectionScheduler } from '../services/collection-scheduler';
import type { Timer } from '../services/collection-scheduler';
import type { SweepOutcome } from '../services/collection-service';
import type { LinkFactory } from '../hardware/meters/transport/bus-registry';
import type { Dispatch } from './dispatch';
import type { ExchangeFor } from '../services/remote-recharge-service';
import { openCardReader } from './card-reader';
import type { CardReaderChoice } from './card-reader';
import type { FileCardReaders } from '../hardware/cards';
import type { ProbeOptions } from './database-health';

export { DATABASE_FILE };
export const SYSTEM_CLOCK: Clock = { now: () => new Date() };

export interface BackendOptions {
  readonly dataDir: string;
  /**
   * The database (issue 8): a postgres:// URL for a hall's shared server, or 'sqlite' for the data folder's
   * file. Absent: the choice saved in the data folder (database.json), else the file. The CLI and the desktop
   * host pass --database / HALLDESK_DATABASE_URL here; the backend itself reads no environment.
   */
  readonly database?: string;
  readonly clock?: Clock;
  /** This workstation's counter code, the prefix of its receipt serials. */
  readonly counterCode?: string;
  readonly log?: (error: unknown) => void;
  /**
   * Run the reading schedule (issue 5): the desktop app and browser mode ask for it; tests, the CLI's one-shot
   * commands and benchmarks do not. It starts once an active bus exists (now, or when one is saved).
   */
  readonly collect?: boolean | { readonly timer?: Timer; readonly onSweep?: (outcome: SweepOutcome) => void };
  /** How buses reach their ports and sockets (tests may substitute one). */
  readonly linkFactory?: LinkFactory;
  /**
   * How remote recharges reach a meter (issue 5): meter id → its bus's exchange and driver target. Until it is wired
   * to the bus registry, remote sales stay 'pending' on the journal (the payment is kept) and nothing is sent.
   */
  readonly exchangeFor?: ExchangeFor;
  /** Where hall-kept balances raise automatic trips and closes (tests substitute an in-memory one). */
  readonly automaticControl?: AutomaticControl;
  /** The card reader: 'pcsc' (desktop), 'files' (browser mode and demos: <data>/cards), a test's port; none by default. */
  readonly cardReader?: CardReaderChoice;
  /** Takes the counter's lease (issue 8, counter-lease.ts); default: a selling workstation (collect: true). */
  readonly holdsCounter?: boolean;
  /** The PostgreSQL health probe's timer and interval (issue 8 item 3); tests shorten or drive it. */
  readonly databaseProbe?: ProbeOptions;
}

export interface Backend {
  readonly dispatch: Dispatch;
  readonly services: Services;
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  /** Set only on the very first run: the generated password of the `admin` user, to show once. */
  readonly firstAdminPassword: string | null;
  /** The card-file simulator when the backend runs on card files (browser mode, demos), else null. */
  readonly cardFiles: FileCardReaders | null;
  /** The reading schedule; started only when `collect` was asked for and an active bus exists. */
  readonly scheduler: CollectionScheduler;
  close(): Promise<void>;
}

export function validCounterCode(code: string): boolean {
  return /^[A-Z][A-Z0-9]{1,5}$/.test(code);
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const counterCode = options.counterCode ?? 'A01';
  if (!validCounterCode(counterCode)) throw new Error(`invalid counter code "${counterCode}" (e.g. A01)`);
  makeFolder(options.dataDir);
  const { database, restored } = await openChosenDatabase(options, clock);
  let counterLease: CounterLease | null = null;
  try {
    await migrate(database.db, database.dialect, () => clock.now());
    if (restored) await auditRestoreAtStart(database.db, restored);
    await ensureCalendarSeed(database.db, clock);
    await ensureSlipKey(database.db, clock.now().toISOString());
    counterLease = (options.holdsCounter ?? options.collect === true) ? await holdCounter({ db: database.db, clock, counterCode }, { log: options.log }) : null;
  } catch (error) {
    await database.close();
    throw error;
  }
  const log = options.log ?? ((error: unknown) => console.error('[halldesk]', error));
  const collect = options.collect ?? false;
  let scheduler: CollectionScheduler | null = null;
  const startCollecting = () => {
    if (!collect || !scheduler || scheduler.isStarted) return;
    void services.meterComm.hasActiveBuses().then((yes) => { if (yes) scheduler?.start(); }, log);
  };
  const cards = openCardReader(options.cardReader, options.dataDir, log);
  const services = createServices({ db: database.db, clock, counterCode }, {
    onBusesChanged: startCollecting, ...(options.linkFactory ? { linkFactory: options.linkFactory } : {}),
  }, {
    ...(options.exchangeFor ? { exchangeFor: options.exchangeFor } : {}), ...(options.automaticControl ? { automaticControl: options.automaticControl } : {}),
    cardReader: cards.source, cardFiles: cards.files, ...(database.sqlite ? { databaseFile: database.sqlite.file } : {}), database, dataDir: options.dataDir, databaseLocation: database.location,
  });
  scheduler = new CollectionScheduler({
    clock, collection: services.collection, ...(typeof collect === 'object' && collect.timer ? { timer: collect.timer } : {}),
    ...(typeof collect === 'object' && collect.onSweep ? { onSweep: collect.onSweep } : {}),
    log: (message, detail) => (detail === undefined ? console.log(`[halldesk] ${message}`) : log(detail)),
  });
  const dispatch = createDispatcher(createHandlers(services), services.sessions, clock, log, services.databaseHealth);
  services.databaseHealth.start(options.databaseProbe); // PostgreSQL only: notices the server going and coming back
  const firstAdminPassword = await services.users.ensureFirstAdmin();
  if (collect && await services.meterComm.hasActiveBuses()) scheduler.start();
  // Control jobs run where the reading schedule runs (the desktop app, browser mode, `halldesk collect`).
  if (collect) services.controlJobs.runner.start(typeof collect === 'object' ? collect.timer : undefined, log);
  // Failed prints are retried in the background where the counter runs (issue 7: a print never blocks a sale).
  const stopPrintRetries = collect ? services.prints.queue.startRetries() : () => undefined;
  // SMS refused by the per-minute limit wait in a queue sent as the limit allows (issue 7 item 5).
  const stopSmsRetries = collect ? services.sms.startRetries(typeof collect === 'object' ? collect.timer : undefined) : () => undefined;
  if (collect) services.backups.startAutomatic(typeof collect === 'object' ? collect.timer : undefined); // daily + shift-close backups (issue 7 item 6)
  const running = scheduler;
  // Remote recharges left open by a crash or a timeout: settled against the meters' purchase counts.
  const reconciling = services.recharges.reconcile().catch(log);
  return {
    dispatch, services, database, clock, firstAdminPassword, scheduler: running, cardFiles: cards.files,
    async close() {
      await reconciling;
      running.stop();
      stopPrintRetries();
      stopSmsRetries();
      await services.sms.close(); // a modem holds its serial port until closed
      await services.backups.stop();
      services.controlJobs.runner.stop();
      await services.controlJobs.runner.idle();
      await services.collection.idle();
      await services.meterComm.close();
      await cards.close();
      await services.databaseHealth.stop();
      await counterLease?.release().catch(log);
      await database.close();
    },
  };
}

async function openChosenDatabase(options: BackendOptions, clock: Clock): Promise<{ database: DatabaseHandle; restored: Awaited<ReturnType<typeof restoreAtStart>> }> {
  const choice = resolveDatabase(options.dataDir, options.database);
  if (choice.kind === 'postgres') return { database: openPostgres(choice.url), restored: null };
  // A restore scheduled from the backups panel replaces the database now, before anything has it open.
  const restored = await restoreAtStart(options.dataDir, choice.file, clock.now(), (m) => console.error(`[halldesk] ${m}`));
  return { database: sqliteDatabase(openSqlite(choice.file)), restored };
}
