/** Handlers of the hall-kept balance and settlement-reading methods (shared/contract/balance-methods.ts). */
import { actorOf } from './call-context';
import type { Handlers } from './handlers';
import type { Services } from './services';
import type { balanceContract } from '../../shared/contract/balance-methods';

export function balanceHandlers(s: Services): Pick<Handlers, keyof typeof balanceContract> {
  return {
    'balances.settings': () => s.balances.settings(),
    'balances.setSettings': (i, ctx) => s.balances.setSettings(actorOf(ctx), i),
    'balances.ofMeter': (i) => s.balances.ofMeter(i.meterId, i.limit),
    'balances.alerts': (i) => s.balances.alerts(i),
    'balances.chargeNow': (_i, ctx) => s.balances.chargeNow(actorOf(ctx)),
    'accounts.setMeteringBasis': (i, ctx) => s.settlementReadings.setMeteringBasis(actorOf(ctx), i),
    'readings.enterManual': (i, ctx) => s.settlementReadings.enterManual(actorOf(ctx), i),
  };
}
