/**
 * Named faults, set per meter at runtime: every time, with a probability, or for the next N requests.
 *   no-reply         the meter ignores the request (no state change, nothing on the wire)
 *   lost-reply       the meter acts on the request but its reply never arrives (a top-up applied, unconfirmed)
 *   bad-crc          the reply's CRC (Modbus) or checksum (DL/T 645, CJ/T 188) is wrong
 *   wrong-address    the reply carries another meter's address
 *   exception        Modbus exception 02 / DL/T 645 abnormal reply / CJ/T 188 error reply; no state change
 *   echo             the bus echoes the request before the reply (an adapter without echo suppression)
 *   truncated        the reply is cut short (its second half never arrives)
 *   slow-turnaround  the meter answers after `delayMs` (default 400 ms) instead of the bus's turnaround
 */
export const FAULT_KINDS = ['no-reply', 'lost-reply', 'bad-crc', 'wrong-address', 'exception', 'echo', 'truncated', 'slow-turnaround'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  readonly kind: FaultKind;
  /** Chance per request, 0..1 (default 1: every time). */
  readonly probability?: number;
  /** Only for the next N requests to this meter (counted whether or not the dice hit); default: until cleared. */
  readonly count?: number;
  /** slow-turnaround: the turnaround to use, ms (default 400). */
  readonly delayMs?: number;
}

export function isFaultKind(text: string): text is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(text);
}

/** Parses the CLI's `addr:kind[:probability][:xN]`, e.g. `3:no-reply`, `2:bad-crc:0.1`, `5:echo:x3`. */
export function parseFaultOption(text: string): { address: string; fault: FaultSpec } {
  const [address, kind, ...rest] = text.split(':');
  if (!address || !kind || !isFaultKind(kind)) {
    throw new Error(`fault "${text}" must be ADDRESS:KIND[:PROBABILITY][:xCOUNT] with KIND one of ${FAULT_KINDS.join(', ')}`);
  }
  let fault: FaultSpec = { kind };
  for (const part of rest) {
    if (/^x\d+$/.test(part)) fault = { ...fault, count: Number(part.slice(1)) };
    else if (/^(0(\.\d+)?|1(\.0+)?)$/.test(part)) fault = { ...fault, probability: Number(part) };
    else if (/^\d+ms$/.test(part)) fault = { ...fault, delayMs: Number(part.slice(0, -2)) };
    else throw new Error(`fault "${text}": "${part}" is neither a probability (0..1), a count (x3) nor a delay (400ms)`);
  }
  return { address, fault };
}

interface ActiveFault {
  readonly spec: FaultSpec;
  left: number;
}

/** The faults of a bus's meters, drawn per request with the bus's seeded dice. */
export class FaultTable {
  private readonly faults = new Map<string, ActiveFault[]>();

  constructor(private readonly random: () => number) {}

  set(address: string, spec: FaultSpec): void {
    const list = (this.faults.get(address) ?? []).filter((f) => f.spec.kind !== spec.kind);
    list.push({ spec, left: spec.count ?? Number.POSITIVE_INFINITY });
    this.faults.set(address, list);
  }

  clear(address?: string, kind?: FaultKind): void {
    if (address === undefined) this.faults.clear();
    else if (kind === undefined) this.faults.delete(address);
    else this.faults.set(address, (this.faults.get(address) ?? []).filter((f) => f.spec.kind !== kind));
  }

  list(): { address: string; fault: FaultSpec }[] {
    return [...this.faults].flatMap(([address, list]) => list.map((f) => ({ address, fault: f.spec })));
  }

  /** The faults that hit this request to `address` (each set fault rolls its own dice; counts run down). */
  draw(address: string): FaultSpec[] {
    const list = this.faults.get(address);
    if (!list) return [];
    const hit: FaultSpec[] = [];
    for (const fault of list) {
      if (fault.left <= 0) continue;
      fault.left--;
      if (this.random() < (fault.spec.probability ?? 1)) hit.push(fault.spec);
    }
    this.faults.set(address, list.filter((f) => f.left > 0));
    return hit;
  }
}
