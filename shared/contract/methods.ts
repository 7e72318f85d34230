/**
 * The contract: every call the UI (or any other client) can make, named `area.verb`, with the zod
 * schema of its input and the roles allowed to make it. The backend validates every call against this
 * table and checks the role there, never only in the UI. Outputs are typed in `ContractOutputs`.
 */
import { z } from 'zod';
import * as f from './fields';
import type { Role } from '../vocabulary';
import { moneyContract, settlement } from './money-methods';
import { rechargeContract } from './recharge-methods';
import type { RechargeView } from './recharge-views';
import { meterContract } from './meter-methods';
import { controlContract } from './control-methods';
import type { ControlJobDetailView, ControlJobView, ControlPreviewView, ControlRetryItemView } from './control-views';
import { balanceContract } from './balance-methods';
import { cardContract, cardDemoContract } from './card-methods';
import type { CardDemoView, CardRulesView, CardReadBackView, CardReconcileView, CardReplacementView, CardStatusView, CardView, CardWriteView } from './card-views';
import { printContract } from './print-methods';
import { backupContract } from './backup-methods';
import type { BackupOutputs } from './backup-methods';
import type { PrintOutputs } from './print-methods';
import { worklistContract } from './worklist-methods';
import { reportContract, type ReportOutputs } from './report-methods';
import { systemContract } from './system-methods';
import type { SystemOutputs } from './system-methods';
import type { WorklistOutputs } from './worklist-methods';
import type { BalanceAlertView, ChargeRunView, HallBalanceSettingsView, HallBalanceView, ManualReadingView } from './balance-views';
import type { BusTestView, BusView, CollectionSettingsView, MeterCommView, MeterReadingsView, ReadingBoardView, SweepView } from './meter-views';
import type {
  ApprovalView, CashDropView, CashRuleView, DepositView, DocumentView, DrawerView, MoneyRulesView, PendingDepositsView, ReversalView,
  VoucherDetailView, VoucherImageView, VoucherView,
} from './money-views';
import type {
  AccountEventView, AccountView, CalendarCheckView, CalendarWarningsView, CalendarYearView, LoginInfoView, AuditEntryView, QuoteView, SaleView, SearchHit, SessionView, ShiftReport,
  ShiftView, SlipView, TariffView, UserView,
} from './views';

/** 'public' needs no session; 'any' needs a session of any role. */
export type Access = 'public' | 'any' | readonly Role[];

const COUNTER: readonly Role[] = ['clerk', 'supervisor'];
const SUPERVISOR: readonly Role[] = ['supervisor'];
const ADMIN: readonly Role[] = ['admin'];
const STAFF: readonly Role[] = ['clerk', 'supervisor', 'admin'];

const premises = z.object({
  area: f.text(40), building: f.text(20), unit: f.text(20), room: f.text(20),
}).strict();

const customerFields = z.object({
  name: f.text(60), phone: f.phone.nullable().optional(), idNumber: f.optionalText(30), category: f.category,
}).strict();

const newMeter = z.object({
  meterNo: z.string().trim().regex(/^[0-9A-Za-z-]{4,24}$/),
  utility: f.utility,
  model: f.text(40),
  serialNo: f.text(40),
  commAddress: z.string().trim().regex(/^[0-9A-Fa-f]{1,16}$/),
  creditKind: f.creditKind,
  creditVia: f.creditVia,
  /** Unit step in 0.01 units: 1 = 0.01 kWh, 100 = whole kWh. */
  unitStep: z.number().int().min(1).max(10_000),
  creditCap: z.number().int().positive().max(f.MAX_SALE_FEN).nullable(),
  tariffId: f.id,
  cardNo: z.string().trim().regex(/^[0-9A-Za-z]{4,24}$/).nullable(),
}).strict()
  // A hall-kept meter (远程费控) is credited remotely: the hall holds its balance, no card carries it.
  .refine((m) => m.creditKind !== 'hall' || (m.creditVia === 'remote' && m.cardNo === null),
    { message: 'a hall-kept meter is credited remotely and has no card', path: ['creditVia'] });

const tiers = z.array(z.object({ uptoUnits: f.positiveUnits.nullable(), price: f.price }).strict()).min(1).max(10);
/** Time-of-use (峰谷) prices of an electricity tariff version; null or absent = none (issue 5 item 7). */
const tou = z.object({ spike: f.price, peak: f.price, flat: f.price, valley: f.price }).strict().nullable().optional();

const calendarYear = z.number().int().min(2000).max(2100);
const calendarDay = z.object({ date: f.businessDate, kind: z.enum(['off', 'work']), name: f.text(20) }).strict();

const saleRequest = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('money'), amount: f.positiveFen }).strict(),
  z.object({ mode: z.literal('units'), units: f.positiveUnits }).strict(),
]);

export const contract = {
  'auth.loginInfo': { access: 'public', input: f.empty },
  'auth.login': { access: 'public', input: z.object({ username: f.text(40), password: f.password }).strict() },
  'auth.logout': { access: 'any', input: f.empty },
  'auth.me': { access: 'any', input: f.empty },
  'auth.changePassword': { access: 'any', input: z.object({ oldPassword: f.password, newPassword: f.password }).strict() },

  'users.list': { access: ADMIN, input: f.empty },
  'users.create': { access: ADMIN, input: z.object({ username: z.string().regex(/^[a-z0-9_.]{2,40}$/), displayName: f.text(40), role: f.role, password: f.password }).strict() },
  'users.setActive': { access: ADMIN, input: z.object({ userId: f.id, active: z.boolean() }).strict() },
  'users.resetPassword': { access: ADMIN, input: z.object({ userId: f.id, password: f.password }).strict() },

  'customers.search': { access: STAFF, input: z.object({ query: f.text(40), limit: z.number().int().min(1).max(50).optional() }).strict() },
  'accounts.get': { access: STAFF, input: z.object({ accountId: f.id }).strict() },
  'accounts.open': {
    access: COUNTER,
    input: z.object({ customer: customerFields, premises, category: f.category, settlement: settlement.optional(), meters: z.array(newMeter).min(1).max(4) }).strict(),
  },
  'accounts.changeOwner': { access: SUPERVISOR, input: z.object({ accountId: f.id, newOwner: customerFields, reason: f.text(200) }).strict() },
  'accounts.changeMeter': {
    access: SUPERVISOR,
    input: z.object({ accountId: f.id, oldMeterId: f.id, finalRemaining: z.number().int().min(0).max(f.MAX_SALE_FEN), newMeter, reason: f.text(200) }).strict(),
  },
  /** A refund leaves the drawer only against a supervisor's approval of kind 'refund' for exactly that amount. */
  'accounts.close': {
    access: COUNTER,
    input: z.object({
      accountId: f.id, residuals: z.array(z.object({ meterId: f.id, refund: f.nonNegativeFen }).strict()).max(4), reason: f.text(200),
      approvalId: f.id.optional(),
    }).strict(),
  },
  'accounts.events': { access: STAFF, input: z.object({ accountId: f.id }).strict() },

  'tariffs.list': { access: STAFF, input: z.object({ utility: f.utility.optional() }).strict() },
  'tariffs.create': { access: ADMIN, input: z.object({ code: z.string().regex(/^[A-Z0-9_-]{2,30}$/), name: f.text(60), utility: f.utility, category: f.category, period: f.tierPeriod, effectiveFrom: f.businessDate, tiers, tou }).strict() },
  'tariffs.addVersion': { access: ADMIN, input: z.object({ tariffId: f.id, effectiveFrom: f.businessDate, tiers, tou }).strict() },

  'sales.quote': { access: COUNTER, input: z.object({ meterId: f.id, request: saleRequest }).strict() },
  'sales.sell': {
    access: COUNTER,
    input: z.object({
      meterId: f.id, request: saleRequest, tendered: f.nonNegativeFen, idempotencyKey: f.idempotencyKey,
      /** Pay by drawing on this bank-transfer voucher instead of cash (tendered must then equal the payable). */
      voucherId: f.id.optional(),
      /** The supervisor's approval for holiday cash on a bank-transfer-only account. */
      approvalId: f.id.optional(),
      /** The supervisor's approval to sell to a card whose previous purchase has not reached the meter (issue 6). */
      loadApprovalId: f.id.optional(),
    }).strict(),
  },
  'sales.get': { access: STAFF, input: z.object({ saleId: f.id }).strict() },

  'shifts.open': { access: COUNTER, input: z.object({ float: f.nonNegativeFen }).strict() },
  'shifts.current': { access: COUNTER, input: f.empty },
  'shifts.close': {
    access: COUNTER,
    input: z.object({ counted: z.record(z.string().regex(/^\d{1,5}$/), z.number().int().min(0).max(100_000)), note: f.optionalText(200) }).strict(),
  },
  'shifts.report': { access: STAFF, input: z.object({ shiftId: f.id }).strict() },

  'slips.payment': { access: STAFF, input: z.object({ saleId: f.id, form: z.enum(['a4', 'continuous241']) }).strict() },

  'calendar.year': { access: STAFF, input: z.object({ year: calendarYear }).strict() },
  'calendar.check': { access: STAFF, input: z.object({ date: f.businessDate }).strict() },
  'calendar.importYear': { access: ADMIN, input: z.object({ year: calendarYear, days: z.array(calendarDay).min(1).max(366) }).strict() },
  'calendar.warnings': { access: [...SUPERVISOR, ...ADMIN], input: f.empty },

  ...moneyContract,
  ...rechargeContract,
  ...meterContract,
  ...controlContract,
  ...balanceContract,
  ...cardContract,
  ...cardDemoContract,
  ...printContract,
  ...backupContract,
  ...worklistContract,
  ...reportContract,
  ...systemContract,

  'audit.list': { access: [...SUPERVISOR, ...ADMIN], input: z.object({ entity: f.text(40).optional(), entityId: f.text(40).optional(), limit: z.number().int().min(1).max(500).optional() }).strict() },
} as const satisfies Record<string, { access: Access; input: z.ZodType }>;

export type MethodName = keyof typeof contract;
export type ContractInput<M extends MethodName> = z.output<(typeof contract)[M]['input']>;

export interface ContractOutputs extends PrintOutputs, WorklistOutputs, BackupOutputs, ReportOutputs, SystemOutputs {
  'auth.loginInfo': LoginInfoView;
  'auth.login': SessionView;
  'auth.logout': { readonly loggedOut: true };
  'auth.me': SessionView;
  'auth.changePassword': { readonly changed: true };
  'users.list': readonly UserView[];
  'users.create': UserView;
  'users.setActive': UserView;
  'users.resetPassword': UserView;
  'customers.search': readonly SearchHit[];
  'accounts.get': AccountView;
  'accounts.open': AccountView;
  'accounts.changeOwner': AccountView;
  'accounts.changeMeter': AccountView;
  'accounts.close': AccountView & { readonly refunded: number; readonly receiptNo: string };
  'accounts.events': readonly AccountEventView[];
  'tariffs.list': readonly TariffView[];
  'tariffs.create': TariffView;
  'tariffs.addVersion': TariffView;
  'sales.quote': QuoteView & { readonly cashRule: CashRuleView };
  'sales.sell': SaleView;
  'sales.get': SaleView;
  'shifts.open': ShiftView;
  'shifts.current': ShiftView | null;
  'shifts.close': ShiftReport;
  'shifts.report': ShiftReport;
  'slips.payment': SlipView;
  'calendar.year': CalendarYearView;
  'calendar.check': CalendarCheckView;
  'calendar.importYear': CalendarYearView;
  'calendar.warnings': CalendarWarningsView;
  'audit.list': readonly AuditEntryView[];
  'accounts.setSettlement': AccountView;
  'vouchers.register': VoucherView;
  'vouchers.search': readonly VoucherView[];
  'vouchers.get': VoucherDetailView;
  'vouchers.image': VoucherImageView;
  'vouchers.registerPdf': DocumentView;
  'approvals.request': ApprovalView;
  'approvals.decide': ApprovalView;
  'approvals.get': ApprovalView;
  'approvals.list': readonly ApprovalView[];
  'sales.reverse': ReversalView;
  'sales.byReceipt': SaleView;
  'cash.drawer': DrawerView;
  'cash.drop': CashDropView;
  'deposits.pending': PendingDepositsView;
  'deposits.record': DepositView;
  'deposits.list': readonly DepositView[];
  'deposits.pendingPdf': DocumentView;
  'settings.moneyRules': MoneyRulesView;
  'settings.setMoneyRules': MoneyRulesView;
  'recharges.pending': readonly RechargeView[];
  'recharges.retry': RechargeView;
  'buses.list': readonly BusView[];
  'buses.save': BusView;
  'buses.test': BusTestView;
  'meters.setComm': MeterCommView;
  'readings.sweep': SweepView;
  'readings.board': ReadingBoardView;
  'readings.ofMeter': MeterReadingsView;
  'collection.settings': CollectionSettingsView;
  'collection.setSettings': CollectionSettingsView;
  'controlJobs.preview': ControlPreviewView;
  'controlJobs.create': ControlJobView;
  'controlJobs.submit': ControlJobView;
  'controlJobs.cancel': ControlJobView;
  'controlJobs.retry': ControlJobView;
  'controlJobs.list': readonly ControlJobView[];
  'controlJobs.get': ControlJobDetailView;
  'controlJobs.retryQueue': readonly ControlRetryItemView[];
  'balances.settings': HallBalanceSettingsView;
  'balances.setSettings': HallBalanceSettingsView;
  'balances.ofMeter': HallBalanceView;
  'balances.alerts': readonly BalanceAlertView[];
  'balances.chargeNow': ChargeRunView;
  'accounts.setMeteringBasis': AccountView;
  'readings.enterManual': ManualReadingView;
  'cards.status': CardStatusView;
  'cards.issue': CardView;
  'cards.write': CardWriteView;
  'cards.reconcile': CardReconcileView;
  'cards.pending': readonly CardWriteView[];
  'cards.reportLoss': CardView;
  'cards.replace': CardReplacementView;
  'cards.clear': CardView;
  'cards.ofMeter': readonly CardView[];
  'cards.readBack': CardReadBackView;
  'cards.reverseSale': ReversalView;
  'cards.rules': CardRulesView;
  'cards.setRules': CardRulesView;
  'cards.demoFiles': CardDemoView;
  'cards.demoInsert': CardDemoView;
  'cards.demoNewBlank': CardDemoView;
}

export type ContractOutput<M extends MethodName> = ContractOutputs[M];
export const METHOD_NAMES = Object.keys(contract) as MethodName[];
