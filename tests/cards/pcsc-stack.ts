/**
 * The real PC/SC stack for tests: a private pcscd with a vpcd reader, the TypeScript virtual SLE4442 card,
 * and the real driver (PcscCardPort). Missing tools FAIL the test with the fix (never a silent skip).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCardError } from '../../electron/hardware/cards/card-port';
import type { CardEvent } from '../../electron/hardware/cards/card-port';
import { PcscCardPort } from '../../electron/hardware/cards/pcsc/pcsc-port';
import { pcscStackProblems, SCRATCH_PREFIX, startPcscd } from '../../electron/hardware/cards/vpcd/pcscd';
import type { PcscdHandle } from '../../electron/hardware/cards/vpcd/pcscd';
import { VirtualCardChild } from '../../electron/hardware/cards/vpcd/card-child';

export const TEST_PSC = Uint8Array.of(0x24, 0x68, 0xac);

export interface PcscStack {
  readonly pcscd: PcscdHandle;
  /** The virtual card runs in its own process (card-process.ts says why). */
  readonly card: VirtualCardChild;
  readonly port: PcscCardPort;
  readonly events: CardEvent[];
  stop(): Promise<void>;
}

export async function until<T>(what: string, probe: () => Promise<T | null> | T | null, ms = 4000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() - started > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Resolves when the reader has a card a session can be opened on. */
export async function cardReady(port: PcscCardPort, reader: string): Promise<void> {
  await until(`a card in "${reader}"`, async () => {
    try {
      const session = await port.openSession(reader);
      await session.close();
      return true;
    } catch (error) {
      if (isCardError(error, 'no-card') || isCardError(error, 'card-removed')) return null;
      throw error;
    }
  });
}

export async function startPcscStack(): Promise<PcscStack> {
  const problems = pcscStackProblems().filter((p) => !p.startsWith('another pcscd'));
  if (problems.length > 0) {
    throw new Error(`the real PC/SC stack is not available, so this test fails (it is never skipped): ${problems.join('; ')}`);
  }
  const scratch = mkdtempSync(join(tmpdir(), SCRATCH_PREFIX));
  const pcscd = await startPcscd({ scratchDir: scratch }).catch((error: unknown) => {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  });
  let card: VirtualCardChild | null = null;
  let port: PcscCardPort | null = null;
  const events: CardEvent[] = [];
  let unwatch = (): void => undefined;
  const stop = async (): Promise<void> => {
    unwatch();
    await card?.close();
    await port?.close();
    await pcscd.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    card = await VirtualCardChild.start({ port: pcscd.port, psc: TEST_PSC });
    port = new PcscCardPort({ nameFilter: 'ACR38' });
    unwatch = port.watch((event) => events.push(event));
    await card.insert();
    await cardReady(port, pcscd.readerName);
  } catch (error) {
    await stop();
    throw new Error(`the PC/SC stack did not come up: ${error instanceof Error ? error.message : String(error)}\npcscd said: ${pcscd.log().slice(-2000)}`, { cause: error });
  }
  return { pcscd, card, port, events, stop };
}
