/**
 * Which meters a control job's selection reaches and whether each can take the command (the preview): by an
 * explicit list of meters, or every active meter of the open accounts whose premises lie in an area (and
 * building). A meter is marked unsupported with a reason: 'removed', 'no-bus' (the hall does not talk to it),
 * 'wrong-utility' (a relay or setting on a water meter, a valve on an electricity meter), or what
 * controlSupport answers for its protocol and register map ('unsupported-by-protocol', 'no-map').
 */
import { controlSupport } from '../hardware/meters/codecs/control-support';
import { findRegisterMap } from '../hardware/meters/codecs/maps';
import type { MeterProtocol } from '../hardware/meters/meter-port';
import type { Db } from '../db/repositories/db';
import { DomainError } from '../domain/errors';
import type { ControlSelection } from '../../shared/contract/control-methods';
import type { ControlPreviewMeterView, ControlPreviewView } from '../../shared/contract/control-views';
import type { MeterProtocolCode } from '../../shared/contract/meter-methods';
import type { ControlAction } from '../../shared/vocabulary';

interface SelectedMeter {
  id: number; meter_no: string; account_id: number; customer_name: string; area: string; building: string; utility: string;
  model: string; firmware: string | null; protocol: string | null; bus_id: number | null; bus_code: string | null; status: string;
}

function metersQuery(db: Db) {
  return db.selectFrom('meters as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id').innerJoin('customers as c', 'c.id', 'a.customer_id').innerJoin('premises as p', 'p.id', 'a.premises_id')
    .leftJoin('meter_buses as b', 'b.id', 'm.bus_id')
    .select(['m.id', 'm.meter_no', 'm.account_id', 'c.name as customer_name', 'p.area', 'p.building', 'm.utility', 'm.model', 'm.firmware',
      'm.protocol', 'm.bus_id', 'b.code as bus_code', 'm.status']);
}

async function selectedMeters(db: Db, selection: ControlSelection): Promise<SelectedMeter[]> {
  if (selection.by === 'meters') {
    const ids = [...new Set(selection.meterIds)];
    const rows = await metersQuery(db).where('m.id', 'in', ids).orderBy('m.id').execute();
    if (rows.length !== ids.length) throw new DomainError('not-found', { what: 'meter' });
    return rows;
  }
  let query = metersQuery(db).where('m.status', '=', 'active').where('a.status', '=', 'open').where('p.area', '=', selection.area);
  if (selection.by === 'building') query = query.where('p.building', '=', selection.building);
  return query.orderBy('m.id').execute();
}

const RELAY_OR_SETTING: ReadonlySet<ControlAction> = new Set(['relay_trip', 'relay_close', 'keep_power', 'keep_power_release', 'set_prices', 'set_alarms']);

function reasonFor(meter: SelectedMeter, action: ControlAction): string | null {
  if (meter.status !== 'active') return 'removed';
  if (meter.bus_id === null || meter.protocol === null) return 'no-bus';
  const water = meter.utility === 'water';
  if (water === RELAY_OR_SETTING.has(action)) return 'wrong-utility';
  const protocol = meter.protocol as MeterProtocol;
  const map = protocol === 'modbus' ? findRegisterMap(meter.model, meter.firmware ?? undefined) : null;
  return controlSupport(protocol, map, action);
}

/** Each selected meter, supported or with the reason it is not. */
export async function previewMeters(db: Db, selection: ControlSelection, action: ControlAction): Promise<ControlPreviewView> {
  const meters: ControlPreviewMeterView[] = (await selectedMeters(db, selection)).map((m) => {
    const reason = reasonFor(m, action);
    return {
      meterId: Number(m.id), meterNo: m.meter_no, accountId: Number(m.account_id), customerName: m.customer_name, area: m.area, building: m.building,
      utility: m.utility === 'water' ? 'water' : 'electricity', protocol: m.protocol as MeterProtocolCode | null, busCode: m.bus_code,
      supported: reason === null, reason,
    };
  });
  const supported = meters.filter((m) => m.supported).length;
  return { action, meters, supported, unsupported: meters.length - supported };
}
