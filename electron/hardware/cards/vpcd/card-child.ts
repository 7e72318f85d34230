/**
 * The parent side of card-process.ts: starts the vpcd virtual card in its own process (see there why) and
 * drives it: insert, remove, named faults, state. For the real-stack tests, and for a demo app that reads
 * the virtual card through its own PC/SC driver.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CardFault } from '../sim/faults';
import { hex } from '../sle4442';
import type { CardRequest, CardSnapshot } from './card-process';

export type { CardSnapshot } from './card-process';

export interface CardChildOptions {
  /** vpcd's port (the card connects to 127.0.0.1:port). */
  readonly port: number;
  readonly psc?: Uint8Array;
  readonly memory?: Uint8Array;
}

type Reply = { id: number; ok: true; state: CardSnapshot } | { id: number; ok: false; error: string };
type Event = { event: 'ready' | 'connected' | 'disconnected' | 'removed-mid-write' };

export function faultText(fault: CardFault): string {
  switch (fault.kind) {
    case 'removed-mid-write': return `${fault.kind}:${fault.afterBytes}`;
    case 'readback-mismatch': return `${fault.kind}:${fault.address}`;
    case 'slow': return `${fault.kind}:${fault.delayMs}`;
    default: return fault.kind;
  }
}

export class VirtualCardChild {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  /** Events seen, in order (tests wait on them). */
  readonly events: string[] = [];

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: Reply | Event) => {
      if ('event' in message) {
        this.events.push(message.event);
        return;
      }
      this.waiting.get(message.id)?.(message);
      this.waiting.delete(message.id);
    });
  }

  static async start(options: CardChildOptions): Promise<VirtualCardChild> {
    const entry = fileURLToPath(new URL('./card-process.ts', import.meta.url));
    const child = fork(entry, [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env, HALLDESK_VPCD_PORT: String(options.port), HALLDESK_CARD_PSC: hex(options.psc ?? Uint8Array.of(0xff, 0xff, 0xff)),
        ...(options.memory ? { HALLDESK_CARD_MEMORY: hex(options.memory) } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const card = new VirtualCardChild(child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the virtual card process did not start within 15 s')), 15_000);
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the virtual card process exited (${code})`)); });
      const check = setInterval(() => {
        if (card.events.includes('ready')) { clearInterval(check); clearTimeout(timer); resolve(); }
      }, 10);
    });
    return card;
  }

  private request(op: CardRequest['op'], extra: Partial<CardRequest> = {}): Promise<CardSnapshot> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (reply) => (reply.ok ? resolve(reply.state) : reject(new Error(reply.error))));
      this.child.send({ id, op, ...extra });
    });
  }

  insert(): Promise<CardSnapshot> { return this.request('insert'); }
  remove(): Promise<CardSnapshot> { return this.request('remove'); }
  applyFault(fault: CardFault): Promise<CardSnapshot> { return this.request('fault', { fault: faultText(fault) }); }
  clearFaults(): Promise<CardSnapshot> { return this.request('clear'); }
  state(): Promise<CardSnapshot> { return this.request('state'); }
  set(state: { memory?: Uint8Array; errorCounter?: number }): Promise<CardSnapshot> {
    return this.request('set', { state: { ...(state.memory ? { memory: hex(state.memory) } : {}), ...(state.errorCounter !== undefined ? { errorCounter: state.errorCounter } : {}) } });
  }

  /** Memory as bytes, from a snapshot. */
  static memoryOf(snapshot: CardSnapshot): Uint8Array {
    return Uint8Array.from(Buffer.from(snapshot.memory, 'hex'));
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.request('close').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }
}
