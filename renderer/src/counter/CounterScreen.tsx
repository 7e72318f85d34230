import { Spin } from 'antd';
import { useState } from 'react';
import type { SessionView } from '../../../shared/contract/views';
import { ApprovalDialog } from '../approval/ApprovalDialog';
import { ApprovalContext } from '../approval/useApprovalDialog';
import { AccountCloseDialog } from '../customer/AccountCloseDialog';
import { CustomerPanel } from '../customer/CustomerPanel';
import { DatabaseBanner } from '../database/DatabaseBanner';
import { CashDropDialog } from '../drawer/CashDropDialog';
import { HolidayBanner, MoneyWarnings } from '../holiday/HolidayBanner';
import { useFocus } from '../keys/focus';
import { PageNav } from '../nav/PageNav';
import { PageView } from '../nav/PageView';
import type { PageName } from '../nav/pages';
import { usePageKeys } from '../nav/usePageKeys';
import { SellPanel } from '../sale/SellPanel';
import { SearchBox } from '../search/SearchBox';
import { ShiftClosePanel } from '../shift/ShiftClosePanel';
import { ShiftOpenPanel } from '../shift/ShiftOpenPanel';
import { ShiftReportView } from '../shift/ShiftReportView';
import { CardStrip } from '../cards/CardStrip';
import { CardBusyContext } from '../cards/cardBusy';
import { CardSaleNotice } from './CardSaleNotice';
import { KeyLegend } from './KeyLegend';
import { useCardCounter } from './useCardCounter';
import type { CardCounterModel } from './useCardCounter';
import { SlipPreview } from './SlipPreview';
import { TopBar } from './TopBar';
import { useCounter } from './useCounter';
import type { CounterModel } from './useCounter';
import { useCounterKeys } from './useCounterKeys';

function WorkArea({ model }: { model: CounterModel }) {
  const { view, shift, closing, sale } = model;
  if (!shift.loaded) return <Spin />;
  if (view === 'close') return <ShiftClosePanel model={closing} onConfirm={() => void model.confirmClose()} onCancel={model.cancelClose} />;
  if (view === 'report' && closing.report) return <ShiftReportView report={closing.report} onDone={model.finishReport} />;
  if (!shift.shift && sale.submit.phase !== 'done') return <ShiftOpenPanel model={shift} onOpened={model.afterOpen} />;
  return <SellPanel sale={sale} slip={model.slip} account={model.account.account} onNext={model.nextSale} />;
}

function CounterColumns({ model, session, cards }: { model: CounterModel; session: SessionView; cards: CardCounterModel }) {
  return (
    <main className="columns">
      <CardStrip cards={cards} role={session.user.role} />
      <section className="column-left">
        <SearchBox search={model.search} />
        <CustomerPanel model={model.account} selectedMeterId={model.sale.entry.meterId} role={session.user.role} onCloseAccount={model.accountClose.start}
          onCardsChanged={() => void model.drawer.reload()} />
      </section>
      <section className="column-right"><WorkArea model={model} /><CardSaleNotice model={model} cards={cards} /></section>
    </main>
  );
}

/** The screen the clerk keeps open all day: search and customer on the left, the work on the right; the other pages by menu or Alt+digit. */
export function CounterScreen({ session, onLogout }: { session: SessionView; onLogout: () => void }) {
  const model = useCounter(session.user.role);
  const focus = useFocus();
  const [page, setPage] = useState<PageName>('counter');
  const dialogOpen = model.approval.ask !== null || model.drawer.dropOpen || model.accountClose.open;
  const go = (next: PageName) => {
    setPage(next);
    void model.money.reload();
    void model.drawer.reload();
    if (next === 'counter') focus.focus('search', true);
  };
  useCounterKeys(model, page === 'counter' && !dialogOpen);
  const cards = useCardCounter(model, page === 'counter');
  usePageKeys(session.user.role, go);
  const overdue = model.money.pending?.overdueCount ?? 0;
  return (
    <ApprovalContext.Provider value={model.approval.request}><CardBusyContext.Provider value={cards.holdReader}>
      <div className="counter">
        <TopBar session={session} shift={model.shift.shift} onCloseShift={model.startClose} onLogout={onLogout} drawer={model.drawer}
          onOpenPrints={() => go('printing')} />
        <DatabaseBanner status={model.database.status} />
        <PageNav role={session.user.role} page={page} onGo={go} counts={{ deposits: overdue }} />
        <HolidayBanner status={model.money} />
        <MoneyWarnings status={model.money} />
        {page === 'counter'
          ? <CounterColumns model={model} session={session} cards={cards} />
          : <main className="page"><PageView page={page} session={session} model={model} /></main>}
        <KeyLegend />
        <SlipPreview slip={model.slip} />
        <AccountCloseDialog model={model.accountClose} />
        <ApprovalDialog model={model.approval} />
        <CashDropDialog model={model.drawer} />
      </div>
    </CardBusyContext.Provider></ApprovalContext.Provider>
  );
}
