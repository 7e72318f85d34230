/**
 * The contract table's implementation: one line per method, each a thin call into a service. Input has
 * already been validated against the method's zod schema and the role checked by the dispatcher.
 */
import { actorOf } from './call-context';
import type { CallContext } from './call-context';
import type { Services } from './services';
import { balanceHandlers } from './handlers-balance';
import { controlHandlers } from './handlers-control';
import { printHandlers } from './handlers-print';
import { reportHandlers } from './handlers-report';
import { worklistHandlers } from './handlers-worklist';
import { backupHandlers } from './handlers-backup';
import { cardHandlers } from './handlers-card';
import { systemHandlers } from './handlers-system';
import type { ContractInput, ContractOutput, MethodName } from '../../shared/contract/methods';

export type Handler<M extends MethodName> = (input: ContractInput<M>, ctx: CallContext) => Promise<ContractOutput<M>>;
export type Handlers = { readonly [M in MethodName]: Handler<M> };

export function createHandlers(s: Services): Handlers {
  return {
    'auth.loginInfo': () => s.hall.loginInfo(),
    'auth.login': (i) => s.auth.login(i.username, i.password),
    'auth.logout': async (_i, ctx) => s.auth.logout(ctx.session ?? ''),
    'auth.me': (_i, ctx) => s.auth.me(actorOf(ctx), ctx.session ?? ''),
    'auth.changePassword': (i, ctx) => s.auth.changePassword(actorOf(ctx), i.oldPassword, i.newPassword),

    'users.list': () => s.users.list(),
    'users.create': (i, ctx) => s.users.create(actorOf(ctx), i),
    'users.setActive': (i, ctx) => s.users.setActive(actorOf(ctx), i.userId, i.active),
    'users.resetPassword': (i, ctx) => s.users.resetPassword(actorOf(ctx), i.userId, i.password),

    'customers.search': (i) => s.search.search(i.query, i.limit),
    'accounts.get': (i) => s.accounts.get(i.accountId),
    'accounts.open': (i, ctx) => s.accounts.open(actorOf(ctx), i),
    'accounts.changeOwner': (i, ctx) => s.accounts.changeOwner(actorOf(ctx), i),
    'accounts.changeMeter': (i, ctx) => s.accounts.changeMeter(actorOf(ctx), i),
    'accounts.close': (i, ctx) => s.closeAccount.close(actorOf(ctx), i),
    'accounts.events': (i) => s.accounts.events(i.accountId),

    'tariffs.list': (i) => s.tariffs.list(i.utility),
    'tariffs.create': (i, ctx) => s.tariffs.create(actorOf(ctx), i),
    'tariffs.addVersion': (i, ctx) => s.tariffs.addVersion(actorOf(ctx), i),

    'sales.quote': (i) => s.sales.quote(i),
    'sales.sell': (i, ctx) => s.sales.sell(actorOf(ctx), i),
    'sales.get': (i) => s.sales.get(i.saleId),

    'shifts.open': (i, ctx) => s.shifts.open(actorOf(ctx), i.float),
    'shifts.current': (_i, ctx) => s.shifts.current(actorOf(ctx)),
    'shifts.close': (i, ctx) => s.shifts.close(actorOf(ctx), i.counted, i.note ?? null),
    'shifts.report': (i, ctx) => s.shifts.report(actorOf(ctx), i.shiftId),

    'slips.payment': (i, ctx) => s.slips.payment(i.saleId, i.form, ctx.language),

    'calendar.year': (i) => s.calendar.year(i.year),
    'calendar.check': (i) => s.calendar.check(i.date),
    'calendar.importYear': (i, ctx) => s.calendar.importYear(actorOf(ctx), i),
    'calendar.warnings': () => s.calendar.warnings(),

    'audit.list': (i) => s.audit.list(i),

    'accounts.setSettlement': (i, ctx) => s.accounts.setSettlement(actorOf(ctx), i),
    'vouchers.register': (i, ctx) => s.vouchers.register(actorOf(ctx), i),
    'vouchers.search': (i) => s.vouchers.search(i),
    'vouchers.get': (i) => s.vouchers.get(i.voucherId),
    'vouchers.image': (i) => s.vouchers.image(i.voucherId),
    'vouchers.registerPdf': (i, ctx) => s.registers.vouchers(actorOf(ctx), i, ctx.language),
    'approvals.request': (i, ctx) => s.approvals.request(actorOf(ctx), i),
    'approvals.decide': (i, ctx) => s.approvals.decide(actorOf(ctx), i),
    'approvals.get': (i) => s.approvals.get(i.approvalId),
    'approvals.list': (i) => s.approvals.list(i),
    'sales.reverse': (i, ctx) => s.reversals.reverse(actorOf(ctx), i),
    'sales.byReceipt': (i) => s.sales.byReceipt(i.receiptNo),
    'cash.drawer': (_i, ctx) => s.cash.drawer(actorOf(ctx)),
    'cash.drop': (i, ctx) => s.cash.drop(actorOf(ctx), i),
    'deposits.pending': () => s.deposits.pending(),
    'deposits.record': (i, ctx) => s.deposits.record(actorOf(ctx), i),
    'deposits.list': (i) => s.deposits.list(i),
    'deposits.pendingPdf': (_i, ctx) => s.registers.pendingDeposits(actorOf(ctx), ctx.language),
    'settings.moneyRules': () => s.moneyRules.get(),
    'settings.setMoneyRules': (i, ctx) => s.moneyRules.set(actorOf(ctx), i),
    'recharges.pending': () => s.recharges.pending(),
    'recharges.retry': (i, ctx) => s.recharges.retry(actorOf(ctx), i.writeId),

    'buses.list': () => s.meterComm.list(),
    'buses.save': (i, ctx) => s.meterComm.save(actorOf(ctx), i),
    'buses.test': (i) => s.meterComm.test(i),
    'meters.setComm': (i, ctx) => s.meterComm.setComm(actorOf(ctx), i),
    'readings.sweep': (i, ctx) => s.collection.manual(actorOf(ctx), i.busId),
    'readings.board': () => s.collection.board(),
    'readings.ofMeter': (i) => s.collection.ofMeter(i.meterId, i.limit),
    ...balanceHandlers(s),
    ...controlHandlers(s),
    ...printHandlers(s),
    ...reportHandlers(s),
    ...worklistHandlers(s),
    ...backupHandlers(s),
    ...cardHandlers(s),
    ...systemHandlers(s),
    'collection.settings': () => s.collection.settings(),
    'collection.setSettings': (i, ctx) => s.collection.setSettings(actorOf(ctx), i),
  };
}
