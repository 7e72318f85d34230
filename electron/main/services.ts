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
import { createReversalsService } from '../services/reversals-service';
import { createVouchersService } from '../services/vouchers-service';
import type { ServiceDeps } from '../services/deps';

/** Every service of the backend, built from the same dependencies. */
export function createServices(deps: ServiceDeps) {
  const sessions = new SessionStore();
  const auth = createAuthService(deps, sessions);
  return {
    sessions,
    auth,
    approvals: createApprovalsService(deps, auth.verifyPresent),
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
    sales: createSalesService(deps),
    shifts: createShiftsService(deps),
    slips: createSlipsService(deps),
    calendar: createCalendarService(deps),
    audit: createAuditService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
