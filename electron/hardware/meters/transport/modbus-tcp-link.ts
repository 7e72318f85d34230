import { appendCrc } from '../codecs/crc16';
import { ProtocolError } from '../meter-port';
import type { LinkKind } from './link';
import { TcpRawLink } from './tcp-raw-link';
import type { TcpLinkOptions } from './tcp-raw-link';

const MBAP_HEADER = 6; // transaction id (2), protocol id (2), length (2); the unit id is counted in length
const MAX_LENGTH = 254; // unit id + PDU (Modbus TCP: PDU ≤ 253 bytes)

/**
 * A converting gateway speaking Modbus TCP (MBAP, port 502 by default). The rest of the stack stays RTU: an RTU
 * request written here goes out as MBAP (CRC dropped, transaction id added) and the matching MBAP reply comes back
 * as one RTU frame (CRC added). Replies split across TCP packets are reassembled; a reply whose transaction id is
 * not the one in flight (a late reply to a request the bus already gave up on) is dropped and counted.
 * Only Modbus frames make sense here: DL/T 645 and CJ/T 188 need a transparent gateway (TcpRawLink).
 */
export class ModbusTcpLink extends TcpRawLink {
  override readonly kind: LinkKind = 'modbus-tcp';
  private transactionId = 0;
  private expectedId: number | null = null;
  private pending = new Uint8Array(0);
  /** Replies dropped because their transaction id did not match the request in flight. */
  staleReplies = 0;
  /** Bytes dropped because the stream did not parse as MBAP (protocol id ≠ 0, impossible length). */
  droppedBytes = 0;

  constructor(host: string, port = 502, options: TcpLinkOptions = {}) {
    super(host, port, options);
  }

  protected override describeKind(): string {
    return 'tcp';
  }

  protected override encode(rtu: Uint8Array): Uint8Array {
    if (rtu.length < 4) throw new ProtocolError('malformed', `RTU request of ${rtu.length} bytes is too short for Modbus TCP`);
    const pdu = rtu.subarray(1, rtu.length - 2);
    this.transactionId = (this.transactionId % 0xffff) + 1;
    this.expectedId = this.transactionId;
    const adu = new Uint8Array(MBAP_HEADER + 1 + pdu.length);
    const view = new DataView(adu.buffer);
    view.setUint16(0, this.transactionId);
    view.setUint16(2, 0);
    view.setUint16(4, pdu.length + 1);
    adu[6] = rtu[0] ?? 0;
    adu.set(pdu, 7);
    return adu;
  }

  protected override receive(chunk: Uint8Array): void {
    const joined = new Uint8Array(this.pending.length + chunk.length);
    joined.set(this.pending);
    joined.set(chunk, this.pending.length);
    let rest = joined;
    while (rest.length >= MBAP_HEADER + 1) {
      const view = new DataView(rest.buffer, rest.byteOffset, rest.length);
      const length = view.getUint16(4);
      if (view.getUint16(2) !== 0 || length < 2 || length > MAX_LENGTH) {
        this.droppedBytes += rest.length; // a byte stream that lost MBAP sync cannot be re-synchronised reliably
        rest = new Uint8Array(0);
        break;
      }
      if (rest.length < MBAP_HEADER + length) break;
      const id = view.getUint16(0);
      const unitAndPdu = rest.slice(MBAP_HEADER, MBAP_HEADER + length);
      rest = rest.subarray(MBAP_HEADER + length);
      if (id !== this.expectedId) this.staleReplies++;
      else this.emitData(appendCrc(unitAndPdu));
    }
    this.pending = rest.slice();
  }

  protected override onSocketClosed(): void {
    this.pending = new Uint8Array(0);
    this.expectedId = null;
  }
}
