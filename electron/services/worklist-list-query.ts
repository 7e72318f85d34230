/**
 * The worklist as one set query: the database applies the list's predicate (domain/worklists/list-filter.ts)
 * to every active meter, counts the matches and returns only the page shown, worst first. Before this the
 * ~310,000 meters of the bench hall were carried into the program and judged one by one (2.3 s a list).
 *
 * The per-meter sales of the window (units and fen bought, latest sale date) live in a TEMP table per list
 * kind, built by the first list of a business day and then brought up to date from the sales added since:
 * sales are append-only (no update, no delete), so the sales past the last id seen are all there is to add.
 * TEMP tables belong to this connection only and never reach the database file, its backups or `db verify`.
 *
 * On PostgreSQL (issue 8) a pool hands each query whichever connection is free, so a connection's TEMP
 * table cannot be relied on from one list to the next; there the window is summed in the query itself,
 * which the server does in parallel over the sales_worklist index.
 */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { dialectOf } from '../db/repositories/locks';
import type { Db } from '../db/repositories/db';
import type { ListFilter } from '../domain/worklists/list-filter';
import type { CreditKind } from '../../shared/vocabulary';

type WindowKind = 'lowBalance' | 'notRecharged';

const windowTable = (kind: WindowKind) => sql.table(`temp.worklist_window_${kind}`);

async function ensureTables(db: Db, kind: WindowKind): Promise<void> {
  await sql`create temp table if not exists worklist_window_state (kind text primary key, window_from text not null, last_id integer not null)`.execute(db);
  await sql`create temp table if not exists ${sql.raw(`worklist_window_${kind}`)} (meter_id integer primary key, units integer not null, fen integer not null, last text not null)`.execute(db);
}

/** Sums the window's sales afresh (afterId 0), or adds those with id in (afterId, uptoId]. */
async function addSales(db: Db, kind: WindowKind, from: string, afterId: number, uptoId: number): Promise<void> {
  // Afresh: a range of the sales_worklist covering index (business_date, meter_id, units, charge_fen), `+id`
  // so the planner does not walk every sale by rowid instead; `+meter_id` groups in a temp b-tree after that
  // range rather than walking sales_meter. Adding: the few newest sales by rowid.
  const range = afterId === 0 ? sql`business_date >= ${from} and +id <= ${uptoId}` : sql`id > ${afterId} and id <= ${uptoId} and business_date >= ${from}`;
  // `where` before `on conflict` is SQLite's required form for an upsert from a select.
  await sql`insert into ${windowTable(kind)} (meter_id, units, fen, last)
    select meter_id, sum(units), sum(charge_fen), max(business_date) from sales where ${range} group by +meter_id
    on conflict (meter_id) do update set units = units + excluded.units, fen = fen + excluded.fen, last = max(last, excluded.last)`.execute(db);
}

async function refreshWindow(db: Db, kind: WindowKind, from: string): Promise<void> {
  await ensureTables(db, kind);
  const top = Number((await sql<{ id: number | null }>`select max(id) as id from sales`.execute(db)).rows[0]?.id ?? 0);
  const state = (await sql<{ window_from: string; last_id: number }>`select window_from, last_id from temp.worklist_window_state where kind = ${kind}`.execute(db)).rows[0];
  if (state && state.window_from === from && Number(state.last_id) >= top) return;
  if (!state || state.window_from !== from) {
    // A new window start (a new day, or changed settings): summed afresh.
    await sql`delete from ${windowTable(kind)}`.execute(db);
    await addSales(db, kind, from, 0, top);
  } else {
    await addSales(db, kind, from, Number(state.last_id), top);
  }
  await sql`insert or replace into temp.worklist_window_state (kind, window_from, last_id) values (${kind}, ${from}, ${top})`.execute(db);
}

/**
 * One refresh at a time per connection: two lists asked for at once must not both rebuild the same table.
 * Keyed by the Db object, since the TEMP tables are the connection's.
 */
const refreshing = new WeakMap<object, Promise<void>>();

export function windowUpToDate(db: Db, kind: WindowKind, from: string): Promise<void> {
  const run = (refreshing.get(db) ?? Promise.resolve()).then(() => refreshWindow(db, kind, from));
  refreshing.set(db, run.catch(() => undefined));
  return run;
}

export interface ListedMeter {
  readonly meterId: number;
  readonly accountId: number;
  readonly creditKind: CreditKind;
  /** credit_fen for a hall-kept meter, remaining otherwise (the rules' balance). */
  readonly balance: number;
  readonly overdraft: number;
  readonly tariffId: number;
  readonly installedAt: string;
  /** Bought within the window in the meter's measure (units for energy meters, fen otherwise). */
  readonly bought: number;
  /** The latest sale date within the window, or null. */
  readonly lastSaleDate: string | null;
}

const int = (n: number) => sql`cast(${n} as integer)`;

/** The installation's Beijing business date (UTC+8), as businessDate() gives it. */
function installedDate(db: Db): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`to_char(installed_at::timestamptz at time zone 'UTC' + interval '8 hours', 'YYYY-MM-DD')`
    : sql<string>`date(installed_at, '+8 hours')`;
}

/** Meter ids the clerk has already handled today, excluded from the list. */
function notHandled(db: Db, handled: readonly number[]): RawBuilder<boolean> {
  const ids = JSON.stringify(handled);
  return dialectOf(db) === 'postgres'
    ? sql<boolean>`m.id not in (select value::bigint from json_array_elements_text(${ids}::json))`
    : sql<boolean>`m.id not in (select value from json_each(${ids}))`;
}

/** The window's sales per meter: the connection's kept TEMP table on SQLite, summed in place on PostgreSQL. */
function windowSource(db: Db, kind: WindowKind, from: string): RawBuilder<unknown> {
  if (dialectOf(db) === 'sqlite') return sql`${windowTable(kind)}`;
  // sum(bigint) is numeric on PostgreSQL: cast back, or `balance * w / bought` (days left) would divide
  // without truncating and order the list differently from SQLite's integer division.
  return sql`(select meter_id, cast(sum(units) as bigint) as units, cast(sum(charge_fen) as bigint) as fen, max(business_date) as last
    from sales where business_date >= ${from} group by meter_id)`;
}

function alarmSql(f: ListFilter): RawBuilder<number> {
  const energy = [...f.energyAlarms].map(([tariffId, units]) => sql`when ${int(tariffId)} then ${int(units)}`);
  const energyAlarm = energy.length ? sql`case tariff_id ${sql.join(energy, sql` `)} else 0 end` : sql`0`;
  return sql<number>`case when credit_kind = 'energy' then ${energyAlarm} else ${int(f.alarmFen)} end`;
}

const ARREARS = sql`((credit_kind = 'hall' and balance < 0) or overdraft > 0)`;

/** The list's predicate over the columns of `f` below (list-filter.ts states it in the rules' terms). */
function predicate(db: Db, f: ListFilter): RawBuilder<boolean> {
  if (f.kind === 'arrears') return sql<boolean>`${ARREARS}`;
  if (f.kind === 'notRecharged') {
    return sql<boolean>`(case when last is not null then last <= ${f.cutoff} else ${installedDate(db)} <= ${f.cutoff} end)`;
  }
  const [w, d] = [int(f.windowDays), int(f.lowBalanceDays)];
  return sql<boolean>`(not ${ARREARS} and (balance < ${alarmSql(f)} or (${d} > 0 and ${w} > 0 and bought > 0 and balance * ${w} < ${d} * bought)))`;
}

/** Worst first, as the list always sorted: days left (none last), balance, meter; not recharged by the oldest sale. */
function ordering(f: ListFilter): RawBuilder<unknown> {
  if (f.kind === 'notRecharged') return sql`coalesce(last, ''), id`;
  if (f.kind === 'arrears') return sql`balance, id`;
  const w = int(f.windowDays);
  const daysLeft = sql`(case when bought > 0 and ${w} > 0 then (case when balance <= 0 then 0 else balance * ${w} / bought end) end)`;
  return sql`${daysLeft} is null, ${daysLeft}, balance, id`;
}

interface Row { id: number; account_id: number; credit_kind: string; balance: number; overdraft: number; tariff_id: number; installed_at: string; bought: number; last: string | null; total: number }

/**
 * The listed meters of `f` (optionally of one area): how many in all, and the first `limit` worst first.
 * `cross join` keeps the accounts after the meters and their window: the predicate, which needs only those,
 * is then tested before an account is looked up, so only candidates cost a lookup.
 */
export async function listedMeters(db: Db, f: ListFilter, area: string | undefined, limit: number): Promise<{ total: number; rows: ListedMeter[] }> {
  const postgres = dialectOf(db) === 'postgres';
  if (f.windowFrom !== null && f.kind !== 'arrears' && !postgres) await windowUpToDate(db, f.kind, f.windowFrom);
  const window = f.kind === 'arrears' || f.windowFrom === null ? null : windowSource(db, f.kind, f.windowFrom);
  const result = await sql<Row>`with f as (
      select m.id, m.account_id, m.credit_kind, m.overdraft, m.tariff_id, m.installed_at,
        case when m.credit_kind = 'hall' then m.credit_fen else m.remaining end as balance,
        ${window ? sql`w.last` : sql`null`} as last,
        ${window ? sql`case when w.meter_id is null then 0 when m.credit_kind = 'energy' then w.units else w.fen end` : sql`0`} as bought
      from meters m ${window ? sql`left join ${window} w on w.meter_id = m.id` : sql``}
        ${postgres ? sql`join` : sql`cross join`} accounts a on a.id = m.account_id
        ${area !== undefined ? sql`join premises p on p.id = a.premises_id and p.area = ${area}` : sql``}
      where m.status = 'active' and a.status = 'open' and ${notHandled(db, f.handled)})
    select *, count(*) over () as total from f where ${predicate(db, f)} order by ${ordering(f)} limit ${int(limit)}`.execute(db);
  return {
    total: Number(result.rows[0]?.total ?? 0),
    rows: result.rows.map((r) => ({
      meterId: Number(r.id), accountId: Number(r.account_id), creditKind: r.credit_kind as CreditKind, balance: Number(r.balance),
      overdraft: Number(r.overdraft), tariffId: Number(r.tariff_id), installedAt: r.installed_at, bought: Number(r.bought), lastSaleDate: r.last,
    })),
  };
}
