import { createAccountsService } from '../services/accounts-service';
import { createAuditService } from '../services/audit-service';
import { createCalendarService } from '../services/calendar-service';
import { createAuthService, createUsersService } from '../services/auth-service';
import { createHallService } from '../services/hall-service';
import { createCloseAccountService } from '../services/close-account-service';
import { createSalesService } from '../services/sales-service';
import { createSearchService } from '../services/search-service';
import { SessionStore } from '../services/sessions';
import { createShiftsService } from '../services/shifts-service';
import { createSlipsService } from '../services/slips-service';
import { createTariffsService } from '../services/tariffs-service';
import { createApprovalsService } from '../services/approvals-service';
import { createCashService } from '../services/cash-service';
import { createDepositsService } from '../services/deposits-service';
import { createMoneyRulesService } from '../services/money-rules-service';
import { createRegistersService } from '../services/registers-service';
import { createReportsService } from '../services/reports-service';
import { createReversalsService } from '../services/reversals-service';
import { createVouchersService } from '../services/vouchers-service';
import type { ServiceDeps } from '../services/deps';
import { createRemoteRechargeService } from '../services/remote-recharge-service';
import type { ExchangeFor } from '../services/remote-recharge-service';
import { createMeterCommService } from '../services/meter-comm-service';
import type { MeterCommOptions } from '../services/meter-comm-service';
import { createCollectionService } from '../services/collection-service';
import { createBalanceService } from '../services/balance-service';
import { createSettlementReadingsService } from '../services/balance-settlement';
import type { AutomaticControl } from '../services/control-port';
import { assertDraft, createControlJobsService } from '../services/control-jobs-service';
import { createAutomaticControl } from '../services/control-automatic';
import { createPrintService } from '../services/print-service';
import { createWorklistService } from '../services/worklist-service';
import { createSmsService } from '../services/sms-service';
import { ExportJobs } from '../services/export-progress';
import type { SmsPortFactory } from '../services/sms-service';
import { backingUpAtClose, createBackupService } from '../services/backup-service';
import { createCardsService } from '../services/cards';
import type { CardPortSource } from '../services/cards';
import { createCardDemo } from '../services/cards/card-demo';
import type { FileCardReaders } from '../hardware/cards';
import { DEMO_READER } from './card-reader';
import type { DatabaseHandle } from '../db/database-handle';
import { DatabaseHealth } from './database-health';
import { createDatabaseSettings } from './database-settings';

/** Every service of the backend, built from the same dependencies. */
export interface ServicePorts {
  readonly exchangeFor?: ExchangeFor;
  readonly automaticControl?: AutomaticControl;
  /** The card reader (issue 6); none = card operations answer card-reader-not-available. */
  readonly cardReader?: CardPortSource;
  /** The card-file simulator, when that is the reader (browser mode, demos). */
  readonly cardFiles?: FileCardReaders | null;
  /** The SMS modem or gateway (issue 7 item 5); tests substitute a simulator's. */
  readonly smsPort?: SmsPortFactory;
  /** The SQLite database file, for verified backups (issue 7 item 6); none = backups record a failed copy. */
  readonly databaseFile?: string;
  /** Where the database is (a server's redacted URL), for messages when it is not a file. */
  readonly databaseLocation?: string;
  /** The database in use and the data folder (issue 8): its health, and the choice saved for the next start. */
  readonly database?: Pick<DatabaseHandle, 'db' | 'dialect' | 'location'>;
  readonly dataDir?: string;
}

export function createServices(deps: ServiceDeps, meterComm: MeterCommOptions = {}, ports: ServicePorts = {}) {
  const sessions = new SessionStore();
  const auth = createAuthService(deps, sessions);
  const comm = createMeterCommService(deps, meterComm);
  // Remote recharges reach their meters through the configured buses unless a caller (a test) substitutes a port.
  const recharges = createRemoteRechargeService(deps, ports.exchangeFor ?? ((meterId) => comm.linkOfMeter(meterId)));
  // Hall-kept balances raise their automatic trip and close jobs through the control-job room (tests may substitute).
  const balances = createBalanceService(deps, ports.automaticControl ?? createAutomaticControl(deps));
  const backups = createBackupService(deps, ports.databaseFile ?? null, ports.databaseLocation ? { databaseLocation: ports.databaseLocation } : {});
  const database = ports.database ?? { db: deps.db, dialect: 'sqlite' as const, location: ports.databaseFile ?? '' };
  return {
    sessions,
    auth,
    approvals: createApprovalsService(deps, auth.verifyPresent, assertDraft),
    cash: createCashService(deps, auth.verifyPresent),
    deposits: createDepositsService(deps),
    moneyRules: createMoneyRulesService(deps),
    registers: createRegistersService(deps),
    reversals: createReversalsService(deps),
    vouchers: createVouchersService(deps),
    hall: createHallService(deps),
    users: createUsersService(deps, sessions),
    search: createSearchService(deps),
    accounts: createAccountsService(deps),
    closeAccount: createCloseAccountService(deps),
    tariffs: createTariffsService(deps),
    sales: createSalesService(deps, { deliver: (writeId) => recharges.deliver(writeId), afterSale: balances.afterSale }),
    recharges,
    shifts: backingUpAtClose(createShiftsService(deps), backups),
    backups,
    slips: createSlipsService(deps),
    calendar: createCalendarService(deps),
    audit: createAuditService(deps),
    meterComm: comm,
    collection: createCollectionService(deps, comm, undefined, { afterSweep: balances.afterSweep }),
    balances,
    // Control jobs reach their meters through the configured buses (the runner is started by the composition root).
    controlJobs: createControlJobsService(deps, (meterId) => comm.linkOfMeter(meterId)),
    settlementReadings: createSettlementReadingsService(deps),
    prints: createPrintService(deps),
    reports: createReportsService(deps, ports.databaseFile ?? null),
    /** The running exports' progress (reports.exportProgress). */
    exportJobs: new ExportJobs(deps.clock),
    worklists: createWorklistService(deps),
    sms: createSmsService(deps, ports.smsPort),
    cards: createCardsService(deps, ports.cardReader ?? (() => null)),
    cardDemo: createCardDemo(ports.cardFiles ?? null, DEMO_READER),
    databaseHealth: new DatabaseHealth(database, deps.clock),
    databaseSettings: createDatabaseSettings(deps, { database, dataDir: ports.dataDir ?? '.' }),
  };
}

export type Services = ReturnType<typeof createServices>;
