/** The cards.* part of the contract table (issue 6): thin calls into the cards service. */
import { actorOf } from './call-context';
import type { Handlers } from './handlers';
import type { Services } from './services';

type CardHandlers = Pick<Handlers, 'cards.status' | 'cards.issue' | 'cards.write' | 'cards.reconcile' | 'cards.pending' | 'cards.reportLoss'
  | 'cards.replace' | 'cards.clear' | 'cards.ofMeter' | 'cards.readBack' | 'cards.reverseSale' | 'cards.rules' | 'cards.setRules' | 'cards.demoFiles' | 'cards.demoInsert' | 'cards.demoNewBlank'>;

export function cardHandlers(s: Services): CardHandlers {
  return {
    'cards.status': () => s.cards.status(),
    'cards.issue': (i, ctx) => s.cards.issue(actorOf(ctx), i.meterId, i.kind ?? 'user'),
    'cards.write': (i, ctx) => s.cards.write(actorOf(ctx), i.writeId),
    'cards.reconcile': (_i, ctx) => s.cards.reconcile(actorOf(ctx)),
    'cards.pending': () => s.cards.pending(),
    'cards.reportLoss': (i, ctx) => s.cards.reportLoss(actorOf(ctx), i.meterId, i.reason),
    'cards.replace': (i, ctx) => s.cards.replace(actorOf(ctx), i),
    'cards.clear': (i, ctx) => s.cards.clear(actorOf(ctx), i.reason),
    'cards.ofMeter': (i) => s.cards.ofMeter(i.meterId),
    'cards.readBack': (_i, ctx) => s.cards.readBack(actorOf(ctx)),
    'cards.reverseSale': (i, ctx) => s.cards.reverseSale(actorOf(ctx), i),
    'cards.rules': () => s.cards.rules(),
    'cards.setRules': (i, ctx) => s.cards.setRules(actorOf(ctx), i),
    'cards.demoFiles': () => s.cardDemo.files(),
    'cards.demoInsert': (i) => s.cardDemo.insert(i.file),
    'cards.demoNewBlank': () => s.cardDemo.newBlank(),
  };
}
