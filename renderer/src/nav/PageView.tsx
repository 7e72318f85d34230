import type { SessionView } from '../../../shared/contract/views';
import { CalendarPage } from '../admin/CalendarPage';
import { MoneyRulesPage } from '../admin/MoneyRulesPage';
import { ApprovalsPage } from '../approval/ApprovalsPage';
import type { CounterModel } from '../counter/useCounter';
import { DepositsPage } from '../deposits/DepositsPage';
import { MetersPage } from '../meters/MetersPage';
import { PrintingPage } from '../printing/PrintingPage';
import { ReportsPage } from '../reports/ReportsPage';
import { ReversalPage } from '../reversal/ReversalPage';
import { VouchersPage } from '../vouchers/VouchersPage';
import { WorklistsPage } from '../worklists/WorklistsPage';
import type { PageName } from './pages';

/** The page the menu (or Alt+digit) opened, instead of the counter's two columns. */
export function PageView({ page, session, model }: { page: Exclude<PageName, 'counter'>; session: SessionView; model: CounterModel }) {
  const refresh = () => {
    void model.money.reload();
    void model.drawer.reload();
  };
  const today = model.money.today;
  switch (page) {
    case 'vouchers': return <VouchersPage today={today} />;
    case 'deposits': return <DepositsPage today={today} onChanged={refresh} />;
    case 'approvals': return <ApprovalsPage onChanged={refresh} />;
    case 'reversal': return <ReversalPage onReversed={refresh} />;
    case 'calendar': return <CalendarPage today={today} warnings={model.money.warnings} onChanged={refresh} />;
    case 'rules': return <MoneyRulesPage onChanged={refresh} />;
    case 'meters': return <MetersPage role={session.user.role} />;
    case 'reports': return <ReportsPage today={today} />;
    case 'worklists': return <WorklistsPage today={today} />;
    case 'printing': return <PrintingPage role={session.user.role} />;
  }
}
