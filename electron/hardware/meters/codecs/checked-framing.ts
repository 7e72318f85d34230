/**
 * The framing the drivers hand to the bus: each protocol's frame length with its integrity check, so a
 * reply corrupted on the line is discarded and the request retried (meter-port.ts checkedFrameLength).
 */
import { checkedFrameLength, ProtocolError } from '../meter-port';
import type { FrameLength } from '../meter-port';
import { cjt188FrameLength, parseCjt188Frame } from './cjt188';
import { hasValidCrc } from './crc16';
import { dlt645FrameLength, parseDlt645Frame } from './dlt645';
import { modbusReplyLength } from './modbus-rtu';

export function checkedModbusReplyLength(request: Uint8Array): FrameLength {
  return checkedFrameLength(modbusReplyLength(request), (frame) => {
    if (!hasValidCrc(frame)) throw new ProtocolError('crc', 'Modbus reply CRC mismatch');
  });
}

/** DL/T 645-2007 §7.1: the checksum is the byte sum from the first 68H to the byte before CS. */
export const checkedDlt645FrameLength: FrameLength = checkedFrameLength(dlt645FrameLength, (frame) => { parseDlt645Frame(frame); });

/** CJ/T 188-2004 §5.1: the same byte-sum checksum. */
export const checkedCjt188FrameLength: FrameLength = checkedFrameLength(cjt188FrameLength, (frame) => { parseCjt188Frame(frame); });
