/**
 * The meter-communication and collection part of the contract (issue 5 items 4 and 10): the buses and
 * gateways with their "test communication" button, a meter's communication settings, manual sweeps, the
 * read-completeness board and a meter's readings. Spread into the one contract table in methods.ts.
 */
import { z } from 'zod';
import * as f from './fields';
import type { Role } from '../vocabulary';

const ADMIN: readonly Role[] = ['admin'];
const SUPERVISOR_ADMIN: readonly Role[] = ['supervisor', 'admin'];
const STAFF: readonly Role[] = ['clerk', 'supervisor', 'admin'];

export const BUS_KINDS = ['serial', 'tcp-raw', 'modbus-tcp'] as const;
export type BusKind = (typeof BUS_KINDS)[number];
export const METER_PROTOCOLS = ['modbus', 'dlt645', 'cjt188'] as const;
export type MeterProtocolCode = (typeof METER_PROTOCOLS)[number];
export const SWEEP_KINDS = ['scheduled', 'manual', 'reread'] as const;
export type SweepKind = (typeof SWEEP_KINDS)[number];
export const BAUD_RATES = [1200, 2400, 4800, 9600, 19_200, 38_400, 57_600, 115_200] as const;

const line = z.object({
  baudRate: z.number().int().refine((b) => (BAUD_RATES as readonly number[]).includes(b), 'unsupported baud rate'),
  dataBits: z.union([z.literal(7), z.literal(8)]),
  parity: z.enum(['none', 'even', 'odd']),
  stopBits: z.union([z.literal(1), z.literal(2)]),
}).strict();

export const meterContract = {
  'buses.list': { access: STAFF, input: f.empty },
  /** Creates a bus (no busId) or updates one; the endpoint is checked against the kind by the service. */
  'buses.save': {
    access: ADMIN,
    input: z.object({
      busId: f.id.optional(),
      code: z.string().trim().regex(/^[A-Z0-9_-]{2,20}$/),
      name: f.text(60),
      kind: z.enum(BUS_KINDS),
      endpoint: f.text(200),
      line,
      replyTimeoutMs: z.number().int().min(50).max(10_000).nullable(),
      retries: z.number().int().min(0).max(5),
      active: z.boolean(),
    }).strict(),
  },
  /** Opens the bus and reads one meter: the chosen one, or the first on the bus. Writes nothing. */
  'buses.test': { access: SUPERVISOR_ADMIN, input: z.object({ busId: f.id, meterId: f.id.optional() }).strict() },
  /** A meter's bus, protocol and register-map firmware; all null = the hall does not talk to it. */
  'meters.setComm': {
    access: ADMIN,
    input: z.object({
      meterId: f.id, busId: f.id.nullable(), protocol: z.enum(METER_PROTOCOLS).nullable(),
      firmware: z.string().trim().regex(/^[0-9A-Za-z._-]{1,20}$/).nullable(),
    }).strict().refine((m) => (m.busId === null) === (m.protocol === null), { message: 'a bus and a protocol go together', path: ['protocol'] }),
  },
  /** A manual sweep now, over every active bus or one; answers the finished sweep. */
  'readings.sweep': { access: SUPERVISOR_ADMIN, input: z.object({ busId: f.id.optional() }).strict() },
  'readings.board': { access: STAFF, input: f.empty },
  'readings.ofMeter': { access: STAFF, input: z.object({ meterId: f.id, limit: z.number().int().min(1).max(500).optional() }).strict() },
  'collection.settings': { access: STAFF, input: f.empty },
  /**
   * The unified schedule: networked meters every intervalMinutes (a divisor of a day keeps slots on the same
   * clock times daily, so 5…1440 and 1440 % n = 0), re-reads within a sweep, and the delay of the re-read sweep.
   */
  'collection.setSettings': {
    access: ADMIN,
    input: z.object({
      intervalMinutes: z.number().int().min(5).max(1440).refine((n) => 1440 % n === 0, 'must divide a day (1440 minutes)'),
      rereads: z.number().int().min(0).max(5),
      rereadAfterMinutes: z.number().int().min(0).max(240),
    }).strict(),
  },
} as const;
