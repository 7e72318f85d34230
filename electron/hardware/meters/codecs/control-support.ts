/**
 * Whether a control-job action can be sent to a meter of this protocol and register map (issue 5 item 6): the
 * preview marks each meter with it before anything is sent. Pure: the same rules the drivers apply when sending.
 *   relay trip/close: Modbus with a relay in the map (§1.4), DL/T 645 1CH (§2.3); CJ/T 188 has a valve only
 *   keep-power (and release): DL/T 645 1CH 3A/3B only — Modbus has no such command (§1.4)
 *   valve open/close: CJ/T 188 A017 only (§3.1)
 *   prices / alarm amounts: Modbus through the prepaid block (§1.3 [I]) when the map names the registers,
 *   DL/T 645 14H (§2.2); CJ/T 188 price writes (A010) are unverified
 */
import type { MeterProtocol } from '../meter-port';
import type { ControlAction } from '../../../../shared/vocabulary';
import type { RegisterMap } from './register-map';

export type ControlSupportReason = 'unsupported-by-protocol' | 'no-map';

function modbusSupport(map: RegisterMap | null, action: ControlAction): ControlSupportReason | null {
  if (action !== 'relay_trip' && action !== 'relay_close' && action !== 'set_prices' && action !== 'set_alarms') return 'unsupported-by-protocol';
  if (!map) return 'no-map';
  if (action === 'relay_trip' || action === 'relay_close') return map.relay ? null : 'unsupported-by-protocol';
  if (action === 'set_prices') return map.prepaid?.prices ? null : 'unsupported-by-protocol';
  return map.prepaid?.alarm1 !== undefined && map.prepaid.alarm2 !== undefined ? null : 'unsupported-by-protocol';
}

/** null when the action can be sent; otherwise why not. `map` matters for Modbus only. */
export function controlSupport(protocol: MeterProtocol, map: RegisterMap | null, action: ControlAction): ControlSupportReason | null {
  switch (protocol) {
    case 'modbus': return modbusSupport(map, action);
    case 'dlt645': return action === 'valve_open' || action === 'valve_close' ? 'unsupported-by-protocol' : null;
    case 'cjt188': return action === 'valve_open' || action === 'valve_close' ? null : 'unsupported-by-protocol';
  }
}
