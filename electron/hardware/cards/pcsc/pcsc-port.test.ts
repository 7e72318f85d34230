import { describe, expect, it } from 'vitest';
import { isCardError } from '../card-port';
import { mapPcscError, PcscCardPort } from './pcsc-port';
import type { ScCard, ScContext, ScReader, SmartcardBinding } from './smartcard-binding';

/** A fake binding whose card never answers until `answer` is called: checks the handle is freed only then. */
function fakeBinding() {
  const log: string[] = [];
  let answer: (reply: Buffer) => void = () => undefined;
  const card: ScCard = {
    connected: true, atr: Buffer.from('3B04A2131091', 'hex'),
    transmit: () => new Promise<Buffer>((resolve) => { answer = resolve; }),
    disconnect: () => { log.push('disconnect'); },
  };
  const reader: ScReader = { name: 'ACS ACR38U 00 00', state: 0x20, atr: card.atr, connect: async () => card };
  class Context implements ScContext {
    isValid = true;
    listReaders = (): ScReader[] => [reader, { ...reader, name: 'Other 00 00', state: 0x10 }];
    close = (): void => { log.push('close'); };
  }
  const binding = {
    Context, ReaderMonitor: class { isRunning = false; start(): void {} stop(): void {} },
    SCARD_SHARE_SHARED: 2, SCARD_PROTOCOL_T0: 1, SCARD_PROTOCOL_T1: 2, SCARD_LEAVE_CARD: 0, SCARD_STATE_PRESENT: 0x20,
  } as unknown as SmartcardBinding;
  return { binding, log, answer: (reply: Buffer) => answer(reply) };
}

describe('PC/SC port (fake binding)', () => {
  it('times out a stuck transmit and frees the handle only after the transmit settles', async () => {
    const fake = fakeBinding();
    const port = new PcscCardPort({ load: () => fake.binding, nameFilter: 'ACR38' });
    expect(await port.listReaders()).toEqual(['ACS ACR38U 00 00']);
    const session = await port.openSession(undefined, { timeouts: { exchangeMs: 50 } });
    await expect(session.selectCard()).rejects.toSatisfy((e: unknown) => isCardError(e, 'timeout'));
    await session.close();
    expect(fake.log).toEqual(['close']);
    fake.answer(Buffer.from('9000', 'hex'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.log).toEqual(['close', 'disconnect', 'close']);
  });

  it('an empty reader is no-card; PC/SC messages map to card errors', async () => {
    const fake = fakeBinding();
    const port = new PcscCardPort({ load: () => fake.binding });
    await expect(port.openSession('Other')).rejects.toSatisfy((e: unknown) => isCardError(e, 'no-card'));
    await expect(port.openSession('Nope')).rejects.toSatisfy((e: unknown) => isCardError(e, 'no-reader'));
    expect(mapPcscError(new Error('Transaction failed'), 'x').code).toBe('card-removed');
    expect(mapPcscError(new Error('Card was removed'), 'x').code).toBe('card-removed');
    expect(mapPcscError(new Error('No smart card present'), 'x').code).toBe('no-card');
    expect(mapPcscError(new Error('Unknown PC/SC error'), 'x').code).toBe('transmit-failed');
  });
});
