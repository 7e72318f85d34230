/** The bus settings form (buses.save): the typed text ↔ the contract input, and what is wrong with it. */
import type { ClientInput } from '../../../shared/contract/client';
import { BAUD_RATES } from '../../../shared/contract/meter-methods';
import type { BusKind } from '../../../shared/contract/meter-methods';
import type { BusView } from '../../../shared/contract/meter-views';

export type BusInput = ClientInput<'buses.save'>;

export interface BusFormState {
  readonly busId: number | null;
  readonly code: string;
  readonly name: string;
  readonly kind: BusKind;
  readonly endpoint: string;
  readonly baudRate: number;
  readonly dataBits: 7 | 8;
  readonly parity: 'none' | 'even' | 'odd';
  readonly stopBits: 1 | 2;
  /** Empty = the line's own wire-time timeout. */
  readonly replyTimeout: string;
  readonly retries: number;
  readonly active: boolean;
}

export type BusFormField = 'code' | 'name' | 'endpoint' | 'replyTimeout' | 'baudRate';

export const EMPTY_BUS: BusFormState = {
  busId: null, code: '', name: '', kind: 'tcp-raw', endpoint: '', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1,
  replyTimeout: '', retries: 1, active: true,
};

export function formOfBus(bus: BusView): BusFormState {
  return {
    busId: bus.id, code: bus.code, name: bus.name, kind: bus.kind, endpoint: bus.endpoint, ...bus.line,
    replyTimeout: bus.replyTimeoutMs === null ? '' : String(bus.replyTimeoutMs), retries: bus.retries, active: bus.active,
  };
}

const CODE = /^[A-Z0-9_-]{2,20}$/;
const HOST_PORT = /^[^\s:]+:\d{1,5}$/;

/** The endpoint's shape for the kind: a device path for serial, host:port for a gateway. */
export function endpointFits(kind: BusKind, endpoint: string): boolean {
  if (kind === 'serial') return endpoint.length > 0 && !/\s/.test(endpoint);
  if (!HOST_PORT.test(endpoint)) return false;
  const port = Number(endpoint.slice(endpoint.lastIndexOf(':') + 1));
  return port >= 1 && port <= 65_535;
}

function timeoutOf(text: string): number | null | 'bad' {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (!/^\d+$/.test(trimmed)) return 'bad';
  const ms = Number(trimmed);
  return ms >= 50 && ms <= 10_000 ? ms : 'bad';
}

/** The contract input for the form, or the first field that is wrong. */
export function busInputOf(form: BusFormState): BusInput | { readonly bad: BusFormField } {
  const code = form.code.trim().toUpperCase();
  const endpoint = form.endpoint.trim();
  if (!CODE.test(code)) return { bad: 'code' };
  if (!form.name.trim() || form.name.trim().length > 60) return { bad: 'name' };
  if (!endpointFits(form.kind, endpoint)) return { bad: 'endpoint' };
  if (!(BAUD_RATES as readonly number[]).includes(form.baudRate)) return { bad: 'baudRate' };
  const replyTimeoutMs = timeoutOf(form.replyTimeout);
  if (replyTimeoutMs === 'bad') return { bad: 'replyTimeout' };
  return {
    ...(form.busId === null ? {} : { busId: form.busId }),
    code, name: form.name.trim(), kind: form.kind, endpoint,
    line: { baudRate: form.baudRate, dataBits: form.dataBits, parity: form.parity, stopBits: form.stopBits },
    replyTimeoutMs, retries: form.retries, active: form.active,
  };
}
