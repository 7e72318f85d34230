import { describe, expect, it } from 'vitest';
import { encodeWriteSingle } from '../codecs/modbus-rtu';
import { ReplyAssembler } from './reply-assembler';
import { framing, readReply, readRequest } from './test-support';

const options = { echo: 'auto', echoes: undefined, maxBuffer: 64 } as const;

describe('ReplyAssembler', () => {
  it('waits while the bytes are still a prefix of the request, then strips the echo', () => {
    const request = readRequest(1);
    const assembler = new ReplyAssembler(request, framing(request), options);
    expect(assembler.push(request.subarray(0, 4))).toEqual({ kind: 'need-more' });
    expect(assembler.push(request.subarray(4))).toEqual({ kind: 'need-more' });
    expect(assembler.push(readReply(request))).toEqual({ kind: 'frame', frame: readReply(request) });
    expect(assembler.echoSeen).toBe(true);
  });

  it('takes an FC06 reply identical to the request as the reply once the bus is known not to echo', () => {
    const request = encodeWriteSingle(1, 0x57, 1);
    const known = new ReplyAssembler(request, framing(request), { ...options, echoes: false });
    expect(known.push(request)).toEqual({ kind: 'frame', frame: request });
    const echoing = new ReplyAssembler(request, framing(request), { ...options, echoes: true });
    expect(echoing.push(request)).toEqual({ kind: 'need-more' });
    expect(echoing.push(request)).toEqual({ kind: 'frame', frame: request });
  });

  it('never strips in echo mode none, and bounds its buffer', () => {
    const request = readRequest(1);
    const assembler = new ReplyAssembler(request, () => null, { ...options, echo: 'none', maxBuffer: 16 });
    expect(assembler.push(new Uint8Array(40))).toEqual({ kind: 'need-more' });
    expect(assembler.discardedBytes).toBe(24);
  });
});
