/**
 * The AT dialogue with a GSM modem on a byte stream: one command at a time, its answer collected up to the
 * final result (OK, ERROR, +CMS ERROR: n, +CME ERROR: n) or, for AT+CMGS, the "> " prompt. Unsolicited
 * lines (+CDS: delivery reports) go to a listener. A modem that does not answer in time is a timeout.
 */
import { cmsErrorCode, SmsError } from './sms-port';

export interface AtAnswer { readonly lines: readonly string[] }

interface Pending {
  readonly prompt: boolean;
  readonly lines: string[];
  readonly resolve: (answer: AtAnswer) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class AtChannel {
  private buffer = '';
  private pending: Pending | null = null;
  private unsolicited: ((line: string, next: () => Promise<string>) => void) | null = null;
  private waitingLine: ((line: string) => void) | null = null;

  constructor(private readonly write: (data: string) => void, private readonly timeoutMs = 5000) {}

  onUnsolicited(listener: (line: string, nextLine: () => Promise<string>) => void): void {
    this.unsolicited = listener;
  }

  /** Bytes from the modem. */
  receive(data: string): void {
    this.buffer += data;
    if (this.pending?.prompt && this.buffer.includes('> ')) {
      this.buffer = this.buffer.slice(this.buffer.indexOf('> ') + 2);
      return this.finish((p) => p.resolve({ lines: p.lines }));
    }
    let at: number;
    while ((at = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, at).trim();
      this.buffer = this.buffer.slice(at + (this.buffer.startsWith('\r\n', at) ? 2 : 1));
      if (line) this.line(line);
    }
  }

  private line(line: string): void {
    if (this.waitingLine) {
      const take = this.waitingLine;
      this.waitingLine = null;
      return take(line);
    }
    if (line.startsWith('+CDS:') || line.startsWith('+CMTI:')) {
      this.unsolicited?.(line, () => new Promise((resolve) => { this.waitingLine = resolve; }));
      return;
    }
    const p = this.pending;
    if (!p) return;
    if (line === 'OK') return this.finish((q) => q.resolve({ lines: q.lines }));
    const cms = /^\+CMS ERROR:\s*(\d+)/.exec(line);
    if (cms) return this.finish((q) => q.reject(new SmsError(cmsErrorCode(Number(cms[1])), `modem answered ${line}`)));
    if (line === 'ERROR' || line.startsWith('+CME ERROR')) return this.finish((q) => q.reject(new SmsError('sms-modem-error', `modem answered ${line}`)));
    p.lines.push(line);
  }

  private finish(settle: (p: Pending) => void): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = null;
    settle(p);
  }

  /** Sends `text` and waits for its final result (or the "> " prompt when `prompt`). */
  send(text: string, options: { prompt?: boolean; timeoutMs?: number } = {}): Promise<AtAnswer> {
    if (this.pending) return Promise.reject(new Error('AT channel busy'));
    return new Promise<AtAnswer>((resolve, reject) => {
      const timer = setTimeout(() => this.finish((p) => p.reject(new SmsError('sms-timeout', `no answer from the modem to ${JSON.stringify(text.slice(0, 20))}`))),
        options.timeoutMs ?? this.timeoutMs);
      this.pending = { prompt: options.prompt ?? false, lines: [], resolve, reject, timer };
      this.write(text);
    });
  }

  close(): void {
    this.finish((p) => p.reject(new SmsError('sms-port-error', 'the modem port closed')));
  }
}
