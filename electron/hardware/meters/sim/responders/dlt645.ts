/**
 * The DL/T 645-2007 side of a simulated prepaid electricity meter: read (11H) of the DIs in dlt645-values.ts,
 * write (14H), control (1CH: 1A trip, 1B close allowed, 1C direct close, 3A keep-power, 3B release; 2A/2B
 * acknowledged), and the broadcast time (08H to 99…99: every meter sets its clock, none replies). Unknown
 * DIs and commands get the abnormal reply. Passwords and the command deadline are not checked [gap].
 * The read-address wildcard AA…AA is answered when exactly one meter is on the bus.
 */
import { ProtocolError } from '../../meter-port';
import { DLT645_BROADCAST_ADDRESS, DLT645_CONTROL, DLT645_N1, DLT645_READ, DLT645_WILDCARD_ADDRESS, DLT645_WRITE, dlt645FrameLength } from '../../codecs/dlt645';
import { encodeDlt645ErrorReply, encodeDlt645ReadReply, encodeDlt645Reply, parseDlt645Request } from '../../codecs/dlt645-slave';
import type { Dlt645Request } from '../../codecs/dlt645-slave';
import type { ElectricityMeter, ForcedControl } from '../electricity-meter';
import { readValue, writeValue } from './dlt645-values';
import { flipByte } from './types';
import type { AnswerMode, ParsedRequest, Responder } from './types';

const ERROR_OTHER = 0x01;
const ERROR_NO_DATA = 0x02;

/** What each N1 does: a forced-control change, keep-power on/off, or nothing (alarm, acknowledged). */
type ControlEffect = { readonly forced: ForcedControl } | { readonly keepPower: boolean } | null;
const CONTROL: ReadonlyMap<number, ControlEffect> = new Map<number, ControlEffect>([
  [DLT645_N1.trip, { forced: 'trip' }], [DLT645_N1.closeAllowed, { forced: 'none' }], [DLT645_N1.directClose, { forced: 'none' }],
  [DLT645_N1.keepPower, { keepPower: true }], [DLT645_N1.keepPowerRelease, { keepPower: false }], [DLT645_N1.alarm, null], [DLT645_N1.alarmRelease, null],
]);

function requestControl(request: Dlt645Request): number {
  if (request.kind === 'read') return DLT645_READ;
  if (request.kind === 'write') return DLT645_WRITE;
  if (request.kind === 'control') return DLT645_CONTROL;
  return request.kind === 'other' ? request.control : 0x08;
}

function execute(meter: ElectricityMeter, request: Dlt645Request, address: string): Uint8Array {
  const error = (byte: number) => encodeDlt645ErrorReply(address, requestControl(request), byte);
  if (request.kind === 'read') {
    const value = readValue(meter, request.di);
    return value ? encodeDlt645ReadReply(address, request.di, value) : error(ERROR_NO_DATA);
  }
  if (request.kind === 'write') {
    return writeValue(meter, request.di, request.value) ? encodeDlt645Reply(address, DLT645_WRITE) : error(ERROR_OTHER);
  }
  if (request.kind === 'control') {
    if (!CONTROL.has(request.n1)) return error(ERROR_OTHER);
    const effect = CONTROL.get(request.n1) ?? null;
    if (effect && 'forced' in effect) meter.setForced(effect.forced);
    if (effect && 'keepPower' in effect) meter.setKeepPower(effect.keepPower);
    return encodeDlt645Reply(address, DLT645_CONTROL);
  }
  return error(ERROR_OTHER);
}

export const dlt645Responder: Responder<ElectricityMeter, Dlt645Request> = {
  protocol: 'dlt645',
  requestLength: dlt645FrameLength,
  wildcard: DLT645_WILDCARD_ADDRESS,
  canonicalAddress: (address) => address.padStart(12, '0'),
  otherAddress: (address) => address.slice(0, 11) + String((Number(address.slice(11)) + 1) % 10),
  parse(frame): ParsedRequest<Dlt645Request> | null {
    try {
      const request = parseDlt645Request(frame);
      const broadcast = request.kind === 'broadcast-time' || request.address === DLT645_BROADCAST_ADDRESS;
      return { address: broadcast ? null : request.address.toUpperCase(), request };
    } catch (error) {
      if (error instanceof ProtocolError) return null;
      throw error;
    }
  },
  answer(meter, request, mode: AnswerMode = {}) {
    const address = mode.replyAddress ?? meter.address.padStart(12, '0');
    if (mode.exception) return encodeDlt645ErrorReply(address, requestControl(request), ERROR_OTHER);
    return execute(meter, request, address);
  },
  broadcast(meters, request) {
    if (request.kind !== 'broadcast-time') return;
    for (const meter of meters) meter.clockOffsetMs = request.time.getTime() - (meter.meterTime() - meter.clockOffsetMs);
  },
  corrupt: (reply) => flipByte(reply, -2),
};
