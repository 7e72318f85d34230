/**
 * The Modbus-RTU side of a simulated Acrel meter: FC03/FC04 over the register image (exception 02 outside the
 * blocks), FC10 at 0057H×2 (forced control: 00 01 00 01 trip, 00 01 00 00 close, 00 00 … release), and
 * Acrel's FC 0xAA at 0046H×28: the prepaid parameters, with the remaining amount and purchase count taken
 * only when the count is the meter's + 1. The same count sets the other parameters and credits nothing
 * (a replayed top-up is harmless); any other count is exception 03. Unit 0 is a broadcast write: applied,
 * never answered.
 */
import { ProtocolError } from '../../meter-port';
import { FC_ACREL_PREPAID_WRITE, FC_WRITE_MULTIPLE } from '../../codecs/modbus-rtu';
import {
  encodeExceptionReplyFrame, encodeReadReplyFrame, encodeWriteMultipleReplyFrame, modbusRequestLength, parseModbusRequest,
} from '../../codecs/modbus-slave';
import type { ModbusRequest } from '../../codecs/modbus-slave';
import type { ElectricityMeter, ForcedControl } from '../electricity-meter';
import { TARIFFS } from '../electricity-meter';
import { FORCED_CONTROL_REGISTER, PARAM_BLOCK, registerExists, registerImage } from './modbus-image';
import { flipByte } from './types';
import type { AnswerMode, ParsedRequest, Responder } from './types';

const ILLEGAL_FUNCTION = 1;
const ILLEGAL_ADDRESS = 2;
const ILLEGAL_VALUE = 3;

type Outcome = { readonly registers: readonly number[] } | { readonly written: true } | { readonly exception: number };

function read(meter: ElectricityMeter, start: number, count: number): Outcome {
  for (let r = start; r < start + count; r++) if (!registerExists(r)) return { exception: ILLEGAL_ADDRESS };
  const image = registerImage(meter);
  return { registers: Array.from({ length: count }, (_, i) => image.get(start + i) ?? 0) };
}

function forcedFrom(enable: number, trip: number): ForcedControl | null {
  if (enable === 0) return 'none';
  if (enable !== 1 || trip > 1) return null;
  return trip === 1 ? 'trip' : 'close';
}

function writeForced(meter: ElectricityMeter, start: number, values: readonly number[]): Outcome {
  if (start !== FORCED_CONTROL_REGISTER || values.length !== 2) return { exception: ILLEGAL_ADDRESS };
  const forced = forcedFrom(values[0] ?? 0, values[1] ?? 0);
  if (!forced) return { exception: ILLEGAL_VALUE };
  meter.setForced(forced);
  return { written: true };
}

const u32 = (values: readonly number[], register: number): number => {
  const i = register - PARAM_BLOCK.start;
  return (((values[i] ?? 0) << 16) | (values[i + 1] ?? 0)) >>> 0;
};
const s32 = (values: readonly number[], register: number): number => u32(values, register) | 0;

function writePrepaid(meter: ElectricityMeter, start: number, values: readonly number[]): Outcome {
  if (start !== PARAM_BLOCK.start || values.length !== PARAM_BLOCK.count) return { exception: ILLEGAL_ADDRESS };
  const purchaseCount = values[0x004e - PARAM_BLOCK.start] ?? 0;
  const current = meter.state().purchaseCount;
  const forced = forcedFrom(values[0x0057 - PARAM_BLOCK.start] ?? 0, values[0x0058 - PARAM_BLOCK.start] ?? 0);
  if ((purchaseCount !== current && purchaseCount !== current + 1) || !forced) return { exception: ILLEGAL_VALUE };
  if (purchaseCount === current + 1) meter.writePrepaid({ purchaseCount, remaining: s32(values, 0x004f) });
  meter.alarm1 = u32(values, 0x0046);
  meter.alarm2 = u32(values, 0x0048);
  meter.overdraft = u32(values, 0x004a);
  TARIFFS.forEach((tariff, i) => { meter.prices[tariff] = u32(values, 0x0059 + 2 * i); });
  meter.maxPowerW = values[0x0061 - PARAM_BLOCK.start] ?? 0;
  meter.setForced(forced);
  return { written: true };
}

function execute(meter: ElectricityMeter, request: ModbusRequest): Outcome {
  if (request.kind === 'read') return read(meter, request.start, request.count);
  if (request.kind === 'write-multiple' && request.functionCode === FC_WRITE_MULTIPLE) return writeForced(meter, request.start, request.values);
  if (request.kind === 'write-multiple' && request.functionCode === FC_ACREL_PREPAID_WRITE) return writePrepaid(meter, request.start, request.values);
  if (request.kind === 'write-single') return { exception: registerExists(request.register) ? ILLEGAL_VALUE : ILLEGAL_ADDRESS };
  return { exception: ILLEGAL_FUNCTION };
}

function encode(unit: number, request: ModbusRequest, outcome: Outcome): Uint8Array {
  if ('exception' in outcome) return encodeExceptionReplyFrame(unit, request.functionCode, outcome.exception);
  if ('registers' in outcome) return encodeReadReplyFrame(unit, request.functionCode, outcome.registers);
  const start = request.kind === 'write-multiple' ? request.start : 0;
  const count = request.kind === 'write-multiple' ? request.values.length : 0;
  return encodeWriteMultipleReplyFrame(unit, request.functionCode, start, count);
}

export const modbusResponder: Responder<ElectricityMeter, ModbusRequest> = {
  protocol: 'modbus',
  requestLength: modbusRequestLength,
  canonicalAddress: (address) => String(Number(address)),
  otherAddress: (address) => String((Number(address) % 247) + 1),
  parse(frame): ParsedRequest<ModbusRequest> | null {
    try {
      const request = parseModbusRequest(frame);
      return { address: request.unit === 0 ? null : String(request.unit), request };
    } catch (error) {
      if (error instanceof ProtocolError) return null;
      throw error;
    }
  },
  answer(meter, request, mode: AnswerMode = {}) {
    const unit = Number(mode.replyAddress ?? meter.address);
    if (mode.exception) return encodeExceptionReplyFrame(unit, request.functionCode, ILLEGAL_ADDRESS);
    return encode(unit, request, execute(meter, request));
  },
  broadcast(meters, request) {
    if (request.kind !== 'write-multiple') return;
    for (const meter of meters) execute(meter, request);
  },
  corrupt: (reply) => flipByte(reply, -1),
};
