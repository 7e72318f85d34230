/** The money rules (limits for holiday cash, sales, drawers, approvals) kept in settings, audited on change. */
import { DEFAULT_MONEY_RULES } from '../domain/money/rules';
import type { MoneyRules } from '../domain/money/rules';
import { appendAudit } from '../db/repositories/audit-repository';
import { getSetting, setSetting } from '../db/repositories/settings-repository';
import type { Db } from '../db/repositories/db';
import { inTransaction, nowIso } from './deps';
import type { Actor, ServiceDeps } from './deps';

export const MONEY_RULES_SETTING = 'money_rules';

/** The rules in force: the stored ones over the defaults (a rule added in a later release takes its default). */
export async function loadMoneyRules(db: Db): Promise<MoneyRules> {
  const stored = await getSetting(db, MONEY_RULES_SETTING);
  return { ...DEFAULT_MONEY_RULES, ...(stored ? (JSON.parse(stored) as Partial<MoneyRules>) : {}) };
}

export function createMoneyRulesService(deps: ServiceDeps) {
  return {
    get: (): Promise<MoneyRules> => loadMoneyRules(deps.db),
    async set(actor: Actor, rules: MoneyRules): Promise<MoneyRules> {
      return inTransaction(deps, async (trx) => {
        const before = await loadMoneyRules(trx);
        await setSetting(trx, MONEY_RULES_SETTING, JSON.stringify(rules));
        const after = await loadMoneyRules(trx);
        await appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: 'settings.money-rules', entity: 'settings', entityId: MONEY_RULES_SETTING, before, after });
        return after;
      });
    },
  };
}
