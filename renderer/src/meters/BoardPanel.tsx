import { Button, Progress, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardBusView, BoardMeterView } from '../../../shared/contract/meter-views';
import { ErrorText } from '../components/ErrorText';
import { dateTime } from '../components/dates';
import { busState, meterFlags, needsAttention, sweepPercent } from './board';
import type { BoardModel } from './useBoard';
import { MeterDrawer } from './MeterDrawer';

const FLAG_COLOR = { missed: 'red', stale: 'orange', ok: 'green', never: 'default' } as const;
const BUS_COLOR = { unreachable: 'red', inactive: 'default', missing: 'orange', ok: 'green' } as const;

type OnComm = ((meterNo: string) => void) | undefined;

function MeterRows({ bus, onOpen, onComm }: { bus: BoardBusView; onOpen: (meter: BoardMeterView) => void; onComm: OnComm }) {
  const { t } = useTranslation();
  return (
    <Table<BoardMeterView> size="small" rowKey="meterId" pagination={false} dataSource={[...bus.meters]} data-testid={`board-meters-${bus.code}`}
      rowClassName={(m) => (needsAttention(m) ? 'row-overdue' : '')}
      onRow={(m) => ({ 'data-testid': 'board-meter', 'data-meter-no': m.meterNo, 'data-flags': meterFlags(m).join(' '), onDoubleClick: () => onOpen(m) } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('meters.meterNo'), dataIndex: 'meterNo', render: (v: string, m) => <Button type="link" size="small" className="mono" data-testid="board-meter-open" onClick={() => onOpen(m)}>{v}</Button> },
        { title: t('meters.address'), dataIndex: 'address', render: (v: string) => <span className="mono">{v}</span> },
        { title: t('meters.protocol'), dataIndex: 'protocol', render: (v: string) => t(`meters.protocols.${v}`) },
        { title: t('meters.lastGood'), dataIndex: 'lastGoodAt', render: (v: string | null) => (v ? dateTime(v) : '—') },
        { title: t('meters.state'), render: (_, m) => meterFlags(m).map((f) => <Tag key={f} color={FLAG_COLOR[f]} data-testid={`meter-flag-${f}`}>{t(`meters.flags.${f}`)}</Tag>) },
        { title: t('meters.lastError'), render: (_, m) => (m.lastError ? <span data-testid="meter-last-error">{`${m.lastError.code} · ${m.lastError.message} (${dateTime(m.lastError.at)})`}</span> : '') },
        ...(onComm ? [{ title: '', render: (_: unknown, m: BoardMeterView) => <Button size="small" data-testid="board-meter-comm" onClick={() => onComm(m.meterNo)}>{t('comm.title')}</Button> }] : []),
      ]} />
  );
}

function BusBlock({ bus, model, canSweep, onOpen, onComm }: { bus: BoardBusView; model: BoardModel; canSweep: boolean; onOpen: (m: BoardMeterView) => void; onComm: OnComm }) {
  const { t } = useTranslation();
  const state = busState(bus);
  return (
    <section className="board-bus" data-testid="board-bus" data-bus-code={bus.code} data-state={state}>
      <header className="page-head">
        <h3><span className="mono">{bus.code}</span> {bus.name}</h3>
        <span>{t(`meters.kinds.${bus.kind}`)} · <span className="mono">{bus.endpoint}</span></span>
        <Tag color={BUS_COLOR[state]} data-testid="bus-state">{t(`meters.busStates.${state}`)}</Tag>
        <span data-testid="bus-counts">{t('meters.busCounts', { meters: bus.meters.length, missed: bus.missed, stale: bus.stale })}</span>
        {canSweep && <Button size="small" data-testid="sweep-bus" disabled={model.running} onClick={() => void model.sweep(bus.busId)}>{t('meters.sweepBus')}</Button>}
      </header>
      <MeterRows bus={bus} onOpen={onOpen} onComm={onComm} />
    </section>
  );
}

/** The read-completeness board: the running sweep's progress, each bus and its meters, a manual sweep. */
export function BoardPanel({ model, canSweep, onComm }: { model: BoardModel; canSweep: boolean; onComm?: OnComm }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<BoardMeterView | null>(null);
  const { board } = model;
  const latest = board?.latestSweep;
  return (
    <div data-testid="board">
      <div className="page-head">
        {canSweep && <Button type="primary" data-testid="sweep-now" loading={model.sweeping} disabled={model.running} onClick={() => void model.sweep()}>{t('meters.sweepNow')}</Button>}
        <Button data-testid="board-refresh" onClick={() => void model.load()}>{t('meters.refresh')}</Button>
        {latest && <span data-testid="latest-sweep" data-ok={latest.ok} data-failed={latest.failed}>{t('meters.latestSweep', { at: dateTime(latest.startedAt), ok: latest.ok, failed: latest.failed, total: latest.total })}</span>}
      </div>
      {board?.running && (
        <div data-testid="sweep-progress">
          {t('meters.running', { done: board.running.done, total: board.running.total, failed: board.running.failed })}
          <Progress percent={sweepPercent(board.running)} status="active" />
        </div>
      )}
      {board && board.buses.length === 0 && <p data-testid="board-empty">{t('meters.noBuses')}</p>}
      {board?.buses.map((bus) => <BusBlock key={bus.busId} bus={bus} model={model} canSweep={canSweep} onOpen={setOpen} onComm={onComm} />)}
      <ErrorText testId="board-error" message={model.error} />
      <MeterDrawer meter={open} onClose={() => setOpen(null)} />
    </div>
  );
}
