import { useFocus } from '../keys/focus';
import { useHotkeys } from '../keys/useHotkeys';
import type { CounterModel } from './useCounter';

/** Esc: close what is open, else undo the last step, else go back to the search box. */
function escape(model: CounterModel, focus: ReturnType<typeof useFocus>): void {
  const { sale, search, view } = model;
  if (model.slip.preview) return model.slip.closePreview();
  if (view === 'close') return model.cancelClose();
  if (view === 'report') return model.finishReport();
  if (sale.submit.phase === 'done') return model.nextSale();
  if (sale.submit.locked) return;
  if (search.open) return search.close();
  if (focus.isFocused('search') && search.query) return search.clear();
  if (focus.isFocused('tendered') && sale.entry.tenderedText) return sale.entry.setTenderedText('');
  if (sale.entry.amountText || sale.entry.tenderedText) {
    sale.entry.clearAmounts();
    return focus.focus('amount');
  }
  focus.focus('search', true);
}

/**
 * The counter's key map (shown in the legend):
 *   F2 search · F3 next meter · F4 amount (again: money ⇄ units) · F6 cash ⇄ voucher · F7 close the account (销户)
 *   Enter next step · F8 confirm
 *   F9 print slip · F10 shift close · Esc back / cancel
 */
export function useCounterKeys(model: CounterModel, enabled = true): void {
  const focus = useFocus();
  const { sale, view } = model;
  const selling = view === 'sell' && model.shift.shift !== null && sale.submit.phase !== 'done';
  useHotkeys({
    F2: () => {
      if (view === 'sell') focus.focus('search', true);
    },
    F3: () => {
      if (!selling || sale.submit.locked) return;
      sale.entry.nextMeter();
      focus.focus('amount', true);
    },
    F4: () => {
      if (!selling) return;
      if (focus.isFocused('amount') && !sale.submit.locked) sale.entry.toggleMode();
      focus.focus('amount', true);
    },
    F6: () => {
      if (!selling || sale.submit.locked) return;
      sale.payment.choose(sale.payment.method === 'cash' ? 'voucher' : 'cash');
    },
    F7: () => {
      if (view === 'sell' && !sale.submit.locked) model.accountClose.start();
    },
    F8: () => {
      if (view === 'close') void model.confirmClose();
      else if (view === 'sell' && model.shift.shift === null) focus.focus('float');
      else if (view === 'sell') void sale.confirm();
    },
    F9: () => {
      const done = sale.submit.sale;
      if (done && sale.submit.phase === 'done') void model.slip.print(done.id);
    },
    F10: () => {
      if (view === 'sell' && model.shift.shift) model.startClose();
      else if (view === 'sell') focus.focus('float');
    },
    Escape: () => escape(model, focus),
  }, enabled);
}
