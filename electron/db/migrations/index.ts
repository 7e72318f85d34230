/**
 * The explicit, ordered list of migrations. Versions step by 10; a new migration is appended here and
 * never edited once released. Each runs in its own transaction together with its schema_migrations row.
 */
import { m0010Core } from './0010-core';
import { m0020SalesLedger } from './0020-sales-ledger';
import { m0030Audit } from './0030-audit';
import { m0040AuditChain } from './0040-audit-chain';
import { m0050HolidayCalendar } from './0050-holiday-calendar';
import { m0060MoneyDiscipline } from './0060-money-discipline';
import { m0070MeterComm } from './0070-meter-comm';
import { m0080Readings } from './0080-readings';
import { m0090MeterWrites } from './0090-meter-writes';
import { m0100ControlJobs } from './0100-control-jobs';
import { m0110Balances } from './0110-balances';
import { m0120Cards } from './0120-cards';
import { m0130Prints } from './0130-prints';
import { m0150Worklists } from './0150-worklists';
import { m0160Backups } from './0160-backups';
import { m0170Counters } from './0170-counters';
import type { Migration } from './dialect';

export const MIGRATIONS: readonly Migration[] = [m0010Core, m0020SalesLedger, m0030Audit, m0040AuditChain, m0050HolidayCalendar, m0060MoneyDiscipline, m0070MeterComm, m0080Readings, m0090MeterWrites, m0100ControlJobs, m0110Balances, m0120Cards, m0130Prints, m0150Worklists, m0160Backups, m0170Counters];
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
