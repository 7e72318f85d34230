/** The cards service (issue 6): what the contract's cards.* handlers call. */
import { inTransaction } from '../deps';
import type { Actor, ServiceDeps } from '../deps';
import { setCardRules, unissuedSalesAllowed } from './card-sale';
import { createCardIssue } from './card-issue';
import { createCardReconcile } from './card-reconcile';
import { createCardsCore } from './cards-service';
import type { CardPortSource } from './cards-service';

export type { CardPortSource } from './cards-service';

export function createCardsService(deps: ServiceDeps, portSource: CardPortSource) {
  const core = createCardsCore(deps, portSource);
  const issuing = createCardIssue(deps, core);
  const reconciling = createCardReconcile(deps, core);
  return {
    status: core.status, write: core.write, pending: core.pending, ofMeter: core.ofMeter, reportLoss: core.reportLoss, readBack: core.readBack,
    issue: issuing.issue, replace: issuing.replace, clear: issuing.clear,
    reconcile: reconciling.reconcile, reverseSale: reconciling.reverseSale,
    rules: async () => ({ unissuedCardSales: await unissuedSalesAllowed(deps.db) }),
    setRules: (actor: Actor, input: { unissuedCardSales: boolean; reason: string }) =>
      inTransaction(deps, (trx) => setCardRules(trx, actor, input, deps.clock.now().toISOString())),
  };
}

export type CardsService = ReturnType<typeof createCardsService>;
