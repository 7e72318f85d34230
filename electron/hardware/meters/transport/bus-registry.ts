import { ProtocolError, parseLineSettings } from '../meter-port';
import type { LineSettings } from '../meter-port';
import { Bus } from './bus';
import type { BusOptions } from './bus';
import type { Link, LinkKind } from './link';
import { ModbusTcpLink } from './modbus-tcp-link';
import type { EchoMode } from './reply-assembler';
import { SerialLink } from './serial-link';
import { TcpRawLink } from './tcp-raw-link';

export const DEFAULT_LINE: LineSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

/** Timing of one bus; every field optional (defaults in BusOptions). */
export type BusTimeouts = Pick<BusOptions,
  'replyTimeoutMs' | 'turnaroundMs' | 'expectedReplyBytes' | 'retries' | 'backoffMs' | 'reconnectDelayMs' |
  'maxReconnectDelayMs' | 'settleMs' | 'watchdogTimeouts'> & { readonly connectTimeoutMs?: number };

/** Where a bus is: a serial port, or host:port of a gateway (transparent = 'tcp-raw', Modbus TCP = 'modbus-tcp'). */
export type BusEndpoint =
  | { readonly kind: 'serial'; readonly path: string }
  | { readonly kind: 'tcp-raw' | 'modbus-tcp'; readonly host: string; readonly port: number };

export type BusConfig = BusEndpoint & {
  readonly id: string;
  /** Serial line; for a gateway, the RS-485 side behind it (timeouts are computed from it). */
  readonly line: LineSettings;
  readonly timeouts?: BusTimeouts;
  readonly echo?: EchoMode;
};

export type LinkFactory = (config: BusConfig) => Link;

export function createLink(config: BusConfig): Link {
  const connect = { connectTimeoutMs: config.timeouts?.connectTimeoutMs ?? 3000 };
  switch (config.kind) {
    case 'serial': return new SerialLink(config.path, config.line);
    case 'tcp-raw': return new TcpRawLink(config.host, config.port, connect);
    case 'modbus-tcp': return new ModbusTcpLink(config.host, config.port, connect);
  }
}

/** The configured buses by id; each Bus (and its port or socket) is created on first use, and closed together. */
export class BusRegistry {
  private readonly configs = new Map<string, BusConfig>();
  private readonly buses = new Map<string, Bus>();

  constructor(configs: readonly BusConfig[] = [], private readonly linkFactory: LinkFactory = createLink) {
    for (const config of configs) this.configure(config);
  }

  /** Adds or replaces a bus configuration; a replaced bus that was running is closed. */
  configure(config: BusConfig): Promise<void> {
    this.configs.set(config.id, config);
    const running = this.buses.get(config.id);
    this.buses.delete(config.id);
    return running ? running.close() : Promise.resolve();
  }

  ids(): string[] {
    return [...this.configs.keys()];
  }

  config(id: string): BusConfig | undefined {
    return this.configs.get(id);
  }

  get(id: string): Bus {
    const existing = this.buses.get(id);
    if (existing && !existing.isClosed) return existing;
    const config = this.configs.get(id);
    if (!config) throw new ProtocolError('port-closed', `no bus configured with id "${id}"`);
    const bus = new Bus(this.linkFactory(config), { line: config.line, ...config.timeouts, ...(config.echo ? { echo: config.echo } : {}) });
    this.buses.set(id, bus);
    return bus;
  }

  /** Buses already created (for the reading board's statistics). */
  active(): ReadonlyMap<string, Bus> {
    return this.buses;
  }

  async closeAll(): Promise<void> {
    const buses = [...this.buses.values()];
    this.buses.clear();
    await Promise.all(buses.map((bus) => bus.close()));
  }
}

const VIA_USAGE = 'expected serial:PATH@9600,8N1 | tcp:HOST:PORT | rtu-tcp:HOST:PORT';

/**
 * The CLI's --via: `serial:PATH[@9600,8N1]`, `tcp:HOST[:PORT]` (a Modbus TCP gateway, port 502 by default),
 * `rtu-tcp:HOST:PORT` (a transparent gateway). The TCP forms take an optional `@9600,8N1` for the line behind the
 * gateway. IPv6 hosts go in brackets. The config's id is the text itself. Throws an Error with a one-line message.
 */
export function parseVia(text: string): BusConfig {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const scheme = colon < 0 ? '' : trimmed.slice(0, colon).toLowerCase();
  const { target, line } = splitLine(trimmed.slice(colon + 1), trimmed);
  if (scheme === 'serial') {
    if (!target) throw new Error(`--via "${text}": missing serial port path; ${VIA_USAGE}`);
    return { id: trimmed, kind: 'serial', path: target, line };
  }
  if (scheme === 'tcp' || scheme === 'rtu-tcp') {
    const kind: LinkKind = scheme === 'tcp' ? 'modbus-tcp' : 'tcp-raw';
    const { host, port } = parseHostPort(target, scheme === 'tcp' ? 502 : null, text);
    return { id: trimmed, kind, host, port, line } as BusConfig;
  }
  throw new Error(`--via "${text}": unknown kind "${scheme}"; ${VIA_USAGE}`);
}

function splitLine(rest: string, text: string): { target: string; line: LineSettings } {
  const at = rest.lastIndexOf('@');
  if (at < 0) return { target: rest, line: DEFAULT_LINE };
  const line = parseLineSettings(rest.slice(at + 1));
  if (!line) throw new Error(`--via "${text}": bad line settings "${rest.slice(at + 1)}" (e.g. 9600,8N1 or 2400,8E1)`);
  return { target: rest.slice(0, at), line };
}

function parseHostPort(target: string, defaultPort: number | null, text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(target);
  const host = match?.[1] ?? match?.[2];
  const port = match?.[3] !== undefined ? Number(match[3]) : defaultPort;
  if (!host) throw new Error(`--via "${text}": missing host; ${VIA_USAGE}`);
  if (port === null) throw new Error(`--via "${text}": missing port (a transparent gateway has no standard port); ${VIA_USAGE}`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--via "${text}": bad port ${port}`);
  return { host, port };
}
