/**
 * The vpcd virtual card in a child process, driven over the IPC channel (card-child.ts is the parent side).
 *
 * Why a separate process: the binding's disconnect, context close and context creation are synchronous, and
 * pcscd serves them only after its reader poll, which waits for the card's answer. A card answering on the
 * same event loop that is blocked in such a call can never answer: the test deadlocks (seen here, pcscd
 * 1.9.9). A real card is another device, so only tests and demos need this.
 *
 * Messages in:  { id, op: 'insert' | 'remove' | 'fault' | 'clear' | 'state' | 'set' | 'close', fault?, state? }
 * Messages out: { id, ok: true, state? } | { id, ok: false, error } | { event: 'connected' | 'disconnected' | 'removed-mid-write' }
 */
import { parseCardFault } from '../sim/faults';
import { Sle4442Chip } from '../sim/sle4442-chip';
import { hex } from '../sle4442';
import { VpcdVirtualCard } from './virtual-card';

export interface CardSnapshot {
  readonly memory: string;
  readonly psc: string;
  readonly errorCounter: number;
  readonly connected: boolean;
  readonly counters: { readonly apdus: number; readonly pscPresentations: number; readonly writes: number };
}

export interface CardRequest {
  readonly id: number;
  readonly op: 'insert' | 'remove' | 'fault' | 'clear' | 'state' | 'set' | 'close';
  readonly fault?: string;
  readonly state?: { readonly memory?: string; readonly errorCounter?: number };
}

function snapshot(card: VpcdVirtualCard): CardSnapshot {
  const { memory, psc, errorCounter } = card.chip.state();
  return { memory: hex(memory), psc: hex(psc), errorCounter, connected: card.connected, counters: { ...card.chip.counters } };
}

function handle(card: VpcdVirtualCard, request: CardRequest): void {
  switch (request.op) {
    case 'insert': card.insert(); break;
    case 'remove': card.remove(); break;
    case 'fault': card.applyFault(parseCardFault(request.fault ?? '')); break;
    case 'clear': card.clearFaults(); break;
    case 'set':
      if (request.state?.memory !== undefined) card.chip.memory.set(Buffer.from(request.state.memory, 'hex'));
      if (request.state?.errorCounter !== undefined) card.chip.errorCounter = request.state.errorCounter;
      break;
    case 'state': break;
    case 'close': card.close(); break;
  }
}

function main(): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('card-process.ts runs as a child with an IPC channel (see card-child.ts)');
  const [port, psc, memory] = [Number(process.env.HALLDESK_VPCD_PORT), process.env.HALLDESK_CARD_PSC ?? 'FFFFFF', process.env.HALLDESK_CARD_MEMORY];
  const chip = new Sle4442Chip({ psc: Buffer.from(psc, 'hex'), ...(memory ? { memory: Buffer.from(memory, 'hex') } : {}) });
  const card = new VpcdVirtualCard({ port, chip });
  for (const event of ['connected', 'disconnected', 'removed-mid-write'] as const) card.on(event, () => send({ event }));
  process.on('message', (request: CardRequest) => {
    try {
      handle(card, request);
      send({ id: request.id, ok: true, state: snapshot(card) });
      if (request.op === 'close') process.disconnect();
    } catch (error) {
      send({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
  process.on('disconnect', () => { card.close(); process.exit(0); });
  send({ event: 'ready' });
}

main();
