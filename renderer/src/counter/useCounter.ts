import { useCallback, useEffect, useState } from 'react';
import type { SearchHit } from '../../../shared/contract/views';
import type { Role } from '../../../shared/vocabulary';
import { useApi } from '../api/ApiContext';
import { useApprovalDialog } from '../approval/useApprovalDialog';
import { useAccount } from '../customer/useAccount';
import { useAccountClose } from '../customer/useAccountClose';
import { useDatabaseStatus } from '../database/useDatabaseStatus';
import { useDrawer } from '../drawer/useDrawer';
import { useMoneyStatus } from '../holiday/useMoneyStatus';
import { useFocus } from '../keys/focus';
import type { FocusControl } from '../keys/focus';
import { useSale } from '../sale/useSale';
import type { SaleModel } from '../sale/useSale';
import { useSlip } from '../sale/useSlip';
import type { SlipModel } from '../sale/useSlip';
import { useSearch } from '../search/useSearch';
import type { SearchModel } from '../search/useSearch';
import { useShift } from '../shift/useShift';
import type { ShiftModel } from '../shift/useShift';
import { useShiftClose } from '../shift/useShiftClose';
import type { ShiftCloseModel } from '../shift/useShiftClose';

export type CounterView = 'sell' | 'close' | 'report';

/** Everything on the counter screen, wired together: search → customer → sale → slip, and the shift. */
export function useCounter(role: Role = 'clerk') {
  const client = useApi();
  const focus = useFocus();
  const shift = useShift(client);
  const approval = useApprovalDialog();
  const drawer = useDrawer(client, shift.shift?.id ?? null);
  const money = useMoneyStatus(client, role);
  const account = useAccount(client);
  const slip = useSlip(client);
  const closing = useShiftClose(client);
  const [view, setView] = useState<CounterView>('sell');
  const database = useDatabaseStatus(client);
  const sale = useSale(client, account.account, {
    shiftOpen: shift.shift !== null, focus: focus.focus, approve: approval.request, databaseReachable: database.reachable,
    onSold: () => {
      void account.reload();
      void drawer.reload();
      void money.reload();
    },
  });
  const accountClose = useAccountClose(client, account.account, {
    approve: approval.request, shiftOpen: shift.shift !== null,
    onClosed: () => {
      void account.reload();
      void drawer.reload();
    },
  });
  const { openDrop } = drawer;
  useEffect(() => {
    if (sale.submit.errorCode === 'drawer-limit-reached') openDrop();
  }, [sale.submit.errorCode, openDrop]);
  const { refresh: refreshDatabase } = database;
  useEffect(() => {
    // A sale refused for want of the server: show the banner now, not at the next poll.
    if (sale.submit.errorCode === 'database-unreachable') refreshDatabase();
  }, [sale.submit.errorCode, refreshDatabase]);

  /** Opens an account for selling (a search hit, or a card put in the reader), on the given meter if any. */
  const openAccount = async (accountId: number, meterNo: string | null) => {
    if (sale.submit.locked) return;
    slip.reset();
    const loaded = await account.load(accountId);
    if (!loaded) return;
    sale.begin(loaded, meterNo);
    focus.focus(shift.shift ? 'amount' : 'float', true);
  };
  const onPick = (hit: SearchHit) => openAccount(hit.accountId, hit.meterNo);
  const search = useSearch(client, onPick);

  useEffect(() => {
    if (shift.loaded) focus.focus(shift.shift ? 'search' : 'float');
    // Only when the shift state first arrives (focus and shift.shift deliberately left out of the
    // dependencies): later moves are the actions' business.
  }, [shift.loaded]);

  const actions = useCounterActions({ shift, closing, sale, slip, search, focus, view, setView, hasAccount: account.account !== null });
  return { shift, account, slip, closing, sale, search, view, approval, drawer, money, accountClose, database, openAccount, ...actions };
}

interface Parts {
  readonly shift: ShiftModel;
  readonly closing: ShiftCloseModel;
  readonly sale: SaleModel;
  readonly slip: SlipModel;
  readonly search: SearchModel;
  readonly view: CounterView;
  readonly focus: FocusControl;
  readonly setView: (view: CounterView) => void;
  readonly hasAccount: boolean;
}

function useCounterActions(p: Parts) {
  const { shift, closing, sale, focus, setView } = p;
  const startClose = useCallback(() => {
    if (!shift.shift || sale.submit.locked) return;
    setView('close');
    void closing.start(shift.shift.id);
    focus.focus('denomination', true);
  }, [shift.shift, sale.submit.locked, closing, focus, setView]);
  const cancelClose = () => {
    setView('sell');
    focus.focus('search', true);
  };
  const confirmClose = async () => {
    if (await closing.close()) {
      shift.closed();
      setView('report');
      focus.focus('report-done');
    }
  };
  const finishReport = () => {
    closing.done();
    setView('sell');
    focus.focus('float');
  };
  const afterOpen = () => focus.focus(p.hasAccount ? 'amount' : 'search', true);
  const nextSale = () => {
    sale.next();
    p.slip.reset();
    focus.focus('search', true);
  };
  return { startClose, cancelClose, confirmClose, finishReport, afterOpen, nextSale };
}

export type CounterModel = ReturnType<typeof useCounter>;
