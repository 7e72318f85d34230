import { Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/vocabulary';
import { useApi } from '../api/ApiContext';
import { BalancesPanel } from './balances/BalancesPanel';
import { BoardPanel } from './BoardPanel';
import { BusesPanel } from './BusesPanel';
import { CommForm } from './CommForm';
import { ControlsPanel } from './controls/ControlsPanel';
import type { PickedMeter } from './controls/selection';
import { RechargesPanel } from './RechargesPanel';
import { useBoard } from './useBoard';
import { useBuses } from './useBuses';
import type { ReadingBoardView } from '../../../shared/contract/meter-views';

type Tab = 'board' | 'buses' | 'recharges' | 'controls' | 'balances';

/** The board's meters, offered to the control-job wizard's selection. */
function boardMeters(board: ReadingBoardView | null): PickedMeter[] {
  return (board?.buses ?? []).flatMap((bus) => bus.meters.map((m) => ({ meterId: m.meterId, meterNo: m.meterNo, label: bus.code })));
}

/**
 * Meters (Alt+8): the read-completeness board, bus settings and meter communication, open remote recharges,
 * control jobs (wizard, jobs, retry queue) and hall-kept balances.
 */
export function MetersPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const client = useApi();
  const board = useBoard(client);
  const buses = useBuses(client, () => void board.load());
  const [tab, setTab] = useState<Tab>('board');
  const [commMeterNo, setCommMeterNo] = useState('');
  const isAdmin = role === 'admin';
  const openComm = (meterNo: string) => {
    setCommMeterNo(meterNo);
    setTab('buses');
  };
  const items = [
    { key: 'board', label: <span data-testid="tab-board">{t('meters.board')}</span>, children: <BoardPanel model={board} canSweep={role !== 'clerk'} onComm={isAdmin ? openComm : undefined} /> },
    ...(role === 'clerk' ? [] : [{
      key: 'buses', label: <span data-testid="tab-buses">{t('meters.buses')}</span>, children: (
        <>
          <BusesPanel model={buses} canEdit={isAdmin} />
          {isAdmin && <CommForm buses={buses.buses} meterNo={commMeterNo} onSaved={() => { void buses.load(); void board.load(); }} />}
        </>
      ),
    }]),
    { key: 'recharges', label: <span data-testid="tab-recharges">{t('meters.recharges')}</span>, children: <RechargesPanel canRetry={role !== 'admin'} /> },
    { key: 'controls', label: <span data-testid="tab-controls">{t('meters.controls')}</span>, children: <ControlsPanel role={role} boardMeters={boardMeters(board.board)} /> },
    { key: 'balances', label: <span data-testid="tab-balances">{t('meters.balances')}</span>, children: <BalancesPanel role={role} /> },
  ];
  return (
    <div className="page-body" data-testid="meters-page">
      <header className="page-head"><h2>{t('nav.meters')}</h2></header>
      <Tabs activeKey={tab} onChange={(key) => setTab(key as Tab)} items={items} />
    </div>
  );
}
