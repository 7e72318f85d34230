import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { ProtocolError, silenceMs, wireTimeMs } from '../meter-port';
import type { Exchange, ExchangeOptions, FrameLength, LineSettings } from '../meter-port';
import type { Link } from './link';
import { ReplyAssembler } from './reply-assembler';
import type { EchoMode } from './reply-assembler';

export interface BusOptions {
  /** The serial line (behind the gateway for TCP links): wire time, t3.5 silence and the default timeout. */
  readonly line: LineSettings;
  /** Fixed reply timeout in ms; default: wire time of request + expectedReplyBytes + turnaroundMs. */
  readonly replyTimeoutMs?: number;
  /** Meter turnaround allowance, plus network jitter on TCP links (default 150 serial, 300 TCP). */
  readonly turnaroundMs?: number;
  /** Reply size the default timeout allows for (default 256, the longest Modbus RTU frame). */
  readonly expectedReplyBytes?: number;
  /** Retries after a timeout, a corrupt reply or a lost link (default 2); exception replies are not retried. */
  readonly retries?: number;
  /** First retry delay; doubles each retry (default 20 ms). */
  readonly backoffMs?: number;
  /** First reopen delay after the link dropped; doubles on each failed reopen up to maxReconnectDelayMs. */
  readonly reconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
  readonly echo?: EchoMode;
  /** Receive buffer bound in bytes (default 1024). */
  readonly maxBuffer?: number;
  /** After a corrupt frame, how long to wait for more bytes before failing the attempt (default 3×t3.5, ≥ 20 ms). */
  readonly settleMs?: number;
  /** Exchanges in a row that time out before the link is closed and reopened (default 3 on TCP, 0 = never on serial). */
  readonly watchdogTimeouts?: number;
}

export interface BusStats {
  requests: number;
  replies: number;
  /** Attempts that timed out (each retry counts). */
  timeouts: number;
  retries: number;
  /** Attempts that failed on a corrupt or malformed reply. */
  badFrames: number;
  /** Exchanges that finally rejected. */
  failures: number;
  echoesStripped: number;
  bytesOut: number;
  bytesIn: number;
  discardedBytes: number;
  reconnects: number;
  queued: number;
  lastError: string | null;
  /** Milliseconds from write to reply of the last successful exchange. */
  lastReplyMs: number | null;
}

interface Job {
  readonly request: Uint8Array;
  readonly frameLength: FrameLength;
  readonly options: ExchangeOptions;
  readonly resolve: (reply: Uint8Array) => void;
  readonly reject: (error: unknown) => void;
}

const RETRYABLE = new Set(['timeout', 'crc', 'checksum', 'malformed', 'truncated', 'port-closed']);

/**
 * One physical bus behind one Link: a FIFO with exactly one request in flight (never one per meter), the t3.5
 * silence before each request on serial, reply timeouts, bounded retries with exponential backoff, echo stripping,
 * reassembly of fragments, garbage discarding, reconnects, and statistics. `exchange` is the meter-port Exchange.
 */
export class Bus {
  readonly exchange: Exchange;
  private readonly queue: Job[] = [];
  private readonly stats: BusStats = {
    requests: 0, replies: 0, timeouts: 0, retries: 0, badFrames: 0, failures: 0, echoesStripped: 0, bytesOut: 0,
    bytesIn: 0, discardedBytes: 0, reconnects: 0, queued: 0, lastError: null, lastReplyMs: null,
  };
  private readonly abort = new AbortController();
  private running = false;
  private closed = false;
  private failInFlight: ((error: ProtocolError) => void) | null = null;
  private lastActivityAt = -Infinity;
  private echoes: boolean | undefined;
  private everOpened = false;
  private reopenAt = 0;
  private reopenDelayMs: number;
  private timeoutsInARow = 0;

  constructor(readonly link: Link, private readonly options: BusOptions) {
    this.reopenDelayMs = options.reconnectDelayMs ?? 100;
    this.exchange = (request, frameLength, exchangeOptions) => this.enqueue(request, frameLength, exchangeOptions ?? {});
    link.on('closed', (reason) => this.onLinkClosed(reason));
    link.on('error', (error) => {
      this.stats.lastError = error.message;
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  statistics(): Readonly<BusStats> {
    return { ...this.stats, queued: this.queue.length };
  }

  /** The reply timeout for `request` when none is configured: wire time both ways plus the turnaround allowance. */
  defaultTimeoutMs(request: Uint8Array): number {
    if (this.options.replyTimeoutMs !== undefined) return this.options.replyTimeoutMs;
    const { line } = this.options;
    const turnaround = this.options.turnaroundMs ?? (this.link.kind === 'serial' ? 150 : 300);
    return Math.ceil(wireTimeMs(line, request.length) + wireTimeMs(line, this.options.expectedReplyBytes ?? 256) + turnaround);
  }

  /** Rejects every queued request and the one in flight with ProtocolError('port-closed'), then closes the link. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new ProtocolError('port-closed', `${this.link.description} closed`);
    for (const job of this.queue.splice(0)) job.reject(error);
    this.failInFlight?.(error);
    this.abort.abort();
    await this.link.close();
  }

  private enqueue(request: Uint8Array, frameLength: FrameLength, options: ExchangeOptions): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new ProtocolError('port-closed', `${this.link.description} is closed`));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: request.slice(), frameLength, options, resolve, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) {
        this.stats.requests++;
        try {
          job.resolve(await this.run(job));
        } catch (error) {
          this.stats.failures++;
          this.stats.lastError = error instanceof Error ? error.message : String(error);
          job.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async run(job: Job): Promise<Uint8Array> {
    const retries = this.options.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.ensureOpen();
        await this.waitForSilence();
        const reply = await this.attempt(job);
        this.timeoutsInARow = 0;
        return reply;
      } catch (error) {
        if (this.closed) throw new ProtocolError('port-closed', `${this.link.description} closed`);
        const code = error instanceof ProtocolError ? error.code : null;
        if (code === null || !RETRYABLE.has(code) || attempt >= retries) {
          if (code === 'timeout') await this.watchdog();
          throw error;
        }
        this.stats.retries++;
        await this.pause((this.options.backoffMs ?? 20) * 2 ** attempt);
      }
    }
  }

  /** Opens the link if it is down, no sooner than the reconnect backoff allows. */
  private async ensureOpen(): Promise<void> {
    if (this.link.isOpen) return;
    await this.pause(this.reopenAt - performance.now());
    try {
      await this.link.open();
    } catch (error) {
      this.reopenDelayMs = Math.min(this.reopenDelayMs * 2, this.options.maxReconnectDelayMs ?? 5000);
      this.reopenAt = performance.now() + this.reopenDelayMs;
      const message = error instanceof Error ? error.message : String(error);
      throw new ProtocolError('port-closed', `cannot open ${this.link.description}: ${message}`);
    }
    if (this.everOpened) this.stats.reconnects++;
    this.everOpened = true;
    this.reopenDelayMs = this.options.reconnectDelayMs ?? 100;
    this.lastActivityAt = -Infinity;
  }

  private onLinkClosed(reason: Error | null): void {
    this.reopenAt = performance.now() + this.reopenDelayMs;
    if (reason) this.stats.lastError = reason.message;
    this.failInFlight?.(new ProtocolError('port-closed', `${this.link.description} dropped${reason ? `: ${reason.message}` : ''}`));
  }

  /** Consecutive timed-out exchanges on a TCP gateway: drop the socket so the next request starts afresh. */
  private async watchdog(): Promise<void> {
    const limit = this.options.watchdogTimeouts ?? (this.link.kind === 'serial' ? 0 : 3);
    this.timeoutsInARow++;
    if (limit > 0 && this.timeoutsInARow >= limit) {
      this.timeoutsInARow = 0;
      await this.link.close();
    }
  }

  /** Modbus RTU t3.5: the line must be quiet that long before a request (serial links only). */
  private async waitForSilence(): Promise<void> {
    if (this.link.kind !== 'serial') return;
    await this.pause(this.lastActivityAt + silenceMs(this.options.line) - performance.now());
  }

  private async pause(ms: number): Promise<void> {
    if (ms > 0) await sleep(ms, undefined, { signal: this.abort.signal }).catch(() => undefined);
    if (this.closed) throw new ProtocolError('port-closed', `${this.link.description} closed`);
  }

  private attempt(job: Job): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      const assembler = new ReplyAssembler(job.request, job.frameLength, {
        echo: this.options.echo ?? 'auto', echoes: this.echoes, maxBuffer: this.options.maxBuffer ?? 1024,
      });
      const startedAt = performance.now();
      let settleTimer: NodeJS.Timeout | undefined;
      let done = false;
      const finish = (error: ProtocolError | null, reply?: Uint8Array): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearTimeout(settleTimer);
        unsubscribe();
        this.failInFlight = null;
        this.stats.discardedBytes += assembler.discardedBytes;
        if (error) return reject(error);
        this.stats.lastReplyMs = performance.now() - startedAt;
        resolve(reply ?? new Uint8Array(0));
      };
      const timeoutMs = job.options.timeoutMs ?? this.defaultTimeoutMs(job.request);
      const timer = setTimeout(() => finish(this.timeoutError(assembler, timeoutMs)), timeoutMs);
      const unsubscribe = this.link.on('data', (chunk) => {
        this.lastActivityAt = performance.now();
        this.stats.bytesIn += chunk.length;
        const result = assembler.push(chunk);
        clearTimeout(settleTimer);
        if (result.kind === 'frame') return finish(null, this.accepted(assembler, result.frame));
        if (result.kind === 'discarding') settleTimer = setTimeout(() => finish(this.badFrame(result.error)), this.settleMs());
      });
      this.failInFlight = (error) => finish(error);
      this.send(job).then(() => job.options.expectReply === false && finish(null), (error: unknown) => finish(toPortClosed(error)));
    });
  }

  private async send(job: Job): Promise<void> {
    this.stats.bytesOut += job.request.length;
    await this.link.write(job.request);
    this.lastActivityAt = performance.now();
    // Nothing comes back from a broadcast: hold the bus while the gateway or UART still clocks the bytes out.
    if (job.options.expectReply === false && this.link.kind !== 'serial') await this.pause(wireTimeMs(this.options.line, job.request.length));
  }

  private accepted(assembler: ReplyAssembler, frame: Uint8Array): Uint8Array {
    if (assembler.echoSeen !== undefined) this.echoes = assembler.echoSeen;
    if (assembler.echoSeen) this.stats.echoesStripped++;
    this.stats.replies++;
    return frame;
  }

  private timeoutError(assembler: ReplyAssembler, timeoutMs: number): ProtocolError {
    if (assembler.lastError) return this.badFrame(assembler.lastError);
    this.stats.timeouts++;
    return new ProtocolError('timeout', `no reply on ${this.link.description} within ${timeoutMs} ms`, { timeoutMs });
  }

  private badFrame(error: ProtocolError): ProtocolError {
    this.stats.badFrames++;
    return error;
  }

  private settleMs(): number {
    return this.options.settleMs ?? Math.max(20, 3 * silenceMs(this.options.line));
  }
}

function toPortClosed(error: unknown): ProtocolError {
  if (error instanceof ProtocolError) return error;
  return new ProtocolError('port-closed', `write failed: ${error instanceof Error ? error.message : String(error)}`);
}
