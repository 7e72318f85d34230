import { Spin } from 'antd';
import type { SessionView } from '../../../shared/contract/views';
import { CustomerPanel } from '../customer/CustomerPanel';
import { SellPanel } from '../sale/SellPanel';
import { SearchBox } from '../search/SearchBox';
import { ShiftClosePanel } from '../shift/ShiftClosePanel';
import { ShiftOpenPanel } from '../shift/ShiftOpenPanel';
import { ShiftReportView } from '../shift/ShiftReportView';
import { KeyLegend } from './KeyLegend';
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

/** The screen the clerk keeps open all day: search and customer on the left, the work on the right. */
export function CounterScreen({ session, onLogout }: { session: SessionView; onLogout: () => void }) {
  const model = useCounter();
  useCounterKeys(model);
  return (
    <div className="counter">
      <TopBar session={session} shift={model.shift.shift} onCloseShift={model.startClose} onLogout={onLogout} />
      <main className="columns">
        <section className="column-left">
          <SearchBox search={model.search} />
          <CustomerPanel model={model.account} selectedMeterId={model.sale.entry.meterId} />
        </section>
        <section className="column-right"><WorkArea model={model} /></section>
      </main>
      <KeyLegend />
      <SlipPreview slip={model.slip} />
    </div>
  );
}
