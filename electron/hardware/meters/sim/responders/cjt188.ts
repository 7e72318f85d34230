/**
 * The CJ/T 188-2004 side of a simulated water meter: read 901F (cumulative flow, settlement-day flow, clock,
 * ST) and the valve write A017 (55 open, 99 close; the reply carries ST). A request for another meter type
 * (T, AAH = any) gets no reply; other DIs and commands get the abnormal reply with the meter's ST.
 */
import { ProtocolError } from '../../meter-port';
import {
  CJT188_DI_METERING, CJT188_DI_VALVE, CJT188_READ, CJT188_VALVE_CLOSE, CJT188_VALVE_OPEN, CJT188_WILDCARD_ADDRESS, CJT188_WRITE,
  cjt188FrameLength, encodeCjt188ErrorReply, encodeCjt188Metering, encodeCjt188Reply, parseCjt188Request,
} from '../../codecs/cjt188';
import type { Cjt188Request } from '../../codecs/cjt188';
import type { WaterMeter } from '../water-meter';
import { flipByte } from './types';
import type { AnswerMode, ParsedRequest, Responder } from './types';

const ANY_TYPE = 0xaa;

function control(request: Cjt188Request): number {
  if (request.kind === 'read') return CJT188_READ;
  return request.kind === 'write' ? CJT188_WRITE : request.control;
}

function statusBytes(status: number): Uint8Array {
  return Uint8Array.of(status & 0xff, status >>> 8);
}

function execute(meter: WaterMeter, request: Cjt188Request, address: string): Uint8Array {
  const reply = (payload: Uint8Array) => encodeCjt188Reply(meter.meterType, address, control(request), request.di, request.ser, payload);
  const error = () => encodeCjt188ErrorReply(meter.meterType, address, control(request), request.ser, meter.state().status);
  if (request.kind === 'read' && request.di === CJT188_DI_METERING) {
    const s = meter.state();
    return reply(encodeCjt188Metering({ total: s.totalFlow, settlementTotal: s.settlementFlow, clock: new Date(meter.meterTime()), status: s.status }));
  }
  if (request.kind === 'write' && request.di === CJT188_DI_VALVE && request.value.length === 1) {
    const action = request.value[0];
    if (action !== CJT188_VALVE_OPEN && action !== CJT188_VALVE_CLOSE) return error();
    if (!meter.setValve(action === CJT188_VALVE_OPEN ? 'open' : 'closed')) return error();
    return reply(statusBytes(meter.state().status));
  }
  return error();
}

export const cjt188Responder: Responder<WaterMeter, Cjt188Request> = {
  protocol: 'cjt188',
  requestLength: cjt188FrameLength,
  wildcard: CJT188_WILDCARD_ADDRESS,
  canonicalAddress: (address) => address.padStart(14, '0'),
  otherAddress: (address) => address.slice(0, 13) + String((Number(address.slice(13)) + 1) % 10),
  parse(frame): ParsedRequest<Cjt188Request> | null {
    try {
      const request = parseCjt188Request(frame);
      return { address: request.address.toUpperCase(), request };
    } catch (error) {
      if (error instanceof ProtocolError) return null;
      throw error;
    }
  },
  answer(meter, request, mode: AnswerMode = {}) {
    if (request.meterType !== meter.meterType && request.meterType !== ANY_TYPE) return null;
    const address = mode.replyAddress ?? meter.address.padStart(14, '0');
    if (mode.exception) return encodeCjt188ErrorReply(meter.meterType, address, control(request), request.ser, meter.state().status);
    return execute(meter, request, address);
  },
  broadcast() {},
  corrupt: (reply) => flipByte(reply, -2),
};
