/**
 * One simulated RS-485 bus: many meters of one protocol behind one line, half duplex, at the line's baud rate.
 *
 * Timing (all from the ideal schedule, so timer lateness does not pile up):
 *   - a request is taken when its bytes could have arrived: it starts on the line when it reached the bus or
 *     when the line went free, whichever is later, and is complete one wire time (bytes × bits/char ÷ baud)
 *     after that; only then does the addressed meter see it;
 *   - the meter answers after the turnaround (default 20 ms; the slow-turnaround fault: 400 ms);
 *   - the reply is released paced at the line's character time: by default in ONE write at the moment its
 *     last byte would have arrived (what a gateway forwards), or, with `chunkBytes`, in chunks each written
 *     when its last byte would have arrived (what a UART delivers);
 *   - the line is then free again after Modbus's t3.5 silence (no gap for DL/T 645 and CJ/T 188).
 * Requests from every connection (TCP clients of a gateway, the PTY) share one queue: one exchange at a
 * time, never two. Achieved throughput is therefore bounded by exchangeTimeMs() per request.
 */
import { silenceMs, wireTimeMs } from '../meter-port';
import type { LineSettings } from '../meter-port';
import { FaultTable } from './faults';
import type { FaultKind, FaultSpec } from './faults';
import { seededRandom } from './noise';
import type { Responder } from './responders/types';

export interface SimMeterLike {
  readonly address: string;
}

export interface SimBusOptions<M extends SimMeterLike, R> {
  readonly responder: Responder<M, R>;
  readonly meters: readonly M[];
  readonly line: LineSettings;
  readonly turnaroundMs?: number;
  readonly chunkBytes?: number;
  readonly seed?: string | number;
  /** Monotonic real time in ms (default performance.now). */
  readonly now?: () => number;
}

/** Where a bus exchange sends its bytes (an echo first, then the reply, possibly in chunks). */
export type Emit = (bytes: Uint8Array) => void;

export interface BusStats {
  requests: number;
  replies: number;
  /** Real ms the line was busy (request + turnaround + reply + silence). */
  busyMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Waits until `now()` reaches `target`: Node's timers have millisecond granularity and may fire a fraction of a
 * millisecond early, and a simulated byte must never arrive before the wire could have carried it.
 */
async function sleepUntil(target: number, now: () => number): Promise<void> {
  while (now() < target) await sleep(Math.max(1, Math.ceil(target - now())));
}

interface Planned {
  readonly echo: Uint8Array | null;
  readonly reply: Uint8Array | null;
  readonly turnaroundMs: number;
}

export class SimBus<M extends SimMeterLike = SimMeterLike, R = unknown> {
  readonly line: LineSettings;
  readonly responder: Responder<M, R>;
  readonly turnaroundMs: number;
  readonly faults: FaultTable;
  readonly stats: BusStats = { requests: 0, replies: 0, busyMs: 0 };
  private readonly meters = new Map<string, M>();
  private readonly chunkBytes: number;
  private readonly now: () => number;
  private lineFreeAt = 0;
  private tail: Promise<void> = Promise.resolve();

  constructor(options: SimBusOptions<M, R>) {
    this.responder = options.responder;
    this.line = options.line;
    this.turnaroundMs = options.turnaroundMs ?? 20;
    this.chunkBytes = options.chunkBytes ?? 0;
    this.now = options.now ?? (() => performance.now());
    this.faults = new FaultTable(seededRandom(options.seed ?? 'halldesk-sim'));
    for (const meter of options.meters) this.add(meter);
  }

  add(meter: M): void {
    const address = this.responder.canonicalAddress(meter.address);
    if (this.meters.has(address)) throw new Error(`two meters at address ${address} on one bus`);
    this.meters.set(address, meter);
  }

  meter(address: string): M | undefined {
    return this.meters.get(this.responder.canonicalAddress(address));
  }

  all(): M[] {
    return [...this.meters.values()];
  }

  setFault(address: string, fault: FaultSpec): void {
    this.faults.set(this.responder.canonicalAddress(address), fault);
  }

  clearFault(address?: string, kind?: FaultKind): void {
    this.faults.clear(address === undefined ? undefined : this.responder.canonicalAddress(address), kind);
  }

  /** The shortest time one exchange of these sizes can take on this line (the wire-time limit). */
  exchangeTimeMs(requestBytes: number, replyBytes: number): number {
    return wireTimeMs(this.line, requestBytes + replyBytes) + this.turnaroundMs + this.gapMs();
  }

  private gapMs(): number {
    return this.responder.protocol === 'modbus' ? silenceMs(this.line) : 0;
  }

  /**
   * Queues one complete request frame that reached the bus at `arrivedAt`; resolves when the line is free
   * of it (its reply, if any, fully emitted).
   */
  exchange(frame: Uint8Array, emit: Emit, arrivedAt: number = this.now()): Promise<void> {
    const run = this.tail.then(() => this.run(frame, emit, arrivedAt));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async run(frame: Uint8Array, emit: Emit, arrivedAt: number): Promise<void> {
    const start = Math.max(arrivedAt, this.lineFreeAt);
    const requestDone = start + wireTimeMs(this.line, frame.length);
    await sleepUntil(requestDone, () => this.now());
    this.stats.requests++;
    const planned = this.plan(frame);
    if (planned.echo) emit(planned.echo);
    let end = requestDone;
    if (planned.reply) {
      end = requestDone + planned.turnaroundMs + wireTimeMs(this.line, planned.reply.length);
      await this.pace(planned.reply, requestDone + planned.turnaroundMs, emit);
      this.stats.replies++;
    }
    this.lineFreeAt = end + this.gapMs();
    this.stats.busyMs += this.lineFreeAt - start;
  }

  /** Writes `reply` as its bytes would arrive from `startAt` on: in one piece, or chunk by chunk. */
  private async pace(reply: Uint8Array, startAt: number, emit: Emit): Promise<void> {
    const chunk = this.chunkBytes > 0 ? this.chunkBytes : reply.length;
    for (let offset = 0; offset < reply.length; offset += chunk) {
      const end = Math.min(reply.length, offset + chunk);
      await sleepUntil(startAt + wireTimeMs(this.line, end), () => this.now());
      emit(reply.subarray(offset, end));
    }
  }

  private addressed(address: string): M | undefined {
    const meter = this.meters.get(address);
    if (meter || address !== this.responder.wildcard || this.meters.size !== 1) return meter;
    return this.meters.values().next().value;
  }

  /** What the line carries back for a request: the meter acts, then the faults shape the reply. */
  private plan(frame: Uint8Array): Planned {
    const quiet: Planned = { echo: null, reply: null, turnaroundMs: this.turnaroundMs };
    const parsed = this.responder.parse(frame);
    if (!parsed) return quiet;
    if (parsed.address === null) {
      this.responder.broadcast(this.all(), parsed.request);
      return quiet;
    }
    const meter = this.addressed(parsed.address);
    if (!meter) return quiet;
    const drawn = this.faults.draw(this.responder.canonicalAddress(meter.address));
    const hit = new Set(drawn.map((f) => f.kind));
    const slow = drawn.find((f) => f.kind === 'slow-turnaround');
    const turnaroundMs = slow ? (slow.delayMs ?? 400) : this.turnaroundMs;
    const echo = hit.has('echo') ? Uint8Array.from(frame) : null;
    if (hit.has('no-reply')) return { echo, reply: null, turnaroundMs };
    return { echo, reply: this.shape(meter, parsed.request, hit), turnaroundMs };
  }

  private shape(meter: M, request: R, hit: ReadonlySet<FaultKind>): Uint8Array | null {
    const replyAddress = hit.has('wrong-address') ? this.responder.otherAddress(this.responder.canonicalAddress(meter.address)) : undefined;
    let reply = this.responder.answer(meter, request, { exception: hit.has('exception'), ...(replyAddress ? { replyAddress } : {}) });
    if (!reply || hit.has('lost-reply')) return null;
    if (hit.has('bad-crc')) reply = this.responder.corrupt(reply);
    if (hit.has('truncated')) reply = reply.slice(0, Math.max(1, Math.ceil(reply.length / 2)));
    return reply;
  }
}
