/**
 * 0070: how the hall reaches its meters. `meter_buses` are the physical RS-485 lines: a serial port of this
 * workstation, or a gateway on the LAN (transparent = raw RTU/DL/T 645 over TCP, or Modbus TCP), with the
 * line settings of the RS-485 side and the bus's timeouts. A networked meter names its bus, protocol and
 * (for Modbus) register-map firmware; its address is the existing `comm_address`. Configuration, not money:
 * mutable, every change audited by the service.
 */
import { sql } from 'kysely';
import { createTableWithId, int64, sqlIn, strict } from './dialect';
import type { Migration } from './dialect';

export const m0070MeterComm: Migration = {
  version: 70,
  name: 'meter-comm',
  async up(db, d) {
    await strict(createTableWithId(db, d, 'meter_buses')
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['serial', 'tcp-raw', 'modbus-tcp'])))
      /** A serial device path, or host:port of the gateway. */
      .addColumn('endpoint', 'text', (c) => c.notNull())
      .addColumn('baud_rate', 'integer', (c) => c.notNull())
      .addColumn('data_bits', 'integer', (c) => c.notNull().check(sql`data_bits in (7, 8)`))
      .addColumn('parity', 'text', (c) => c.notNull().check(sqlIn('parity', ['none', 'even', 'odd'])))
      .addColumn('stop_bits', 'integer', (c) => c.notNull().check(sql`stop_bits in (1, 2)`))
      .addColumn('reply_timeout_ms', 'integer')
      .addColumn('retries', 'integer', (c) => c.notNull().defaultTo(2))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
    await db.schema.alterTable('meters').addColumn('bus_id', int64(d), (c) => c.references('meter_buses.id')).execute();
    await db.schema.alterTable('meters').addColumn('protocol', 'text', (c) => c.check(sqlIn('protocol', ['modbus', 'dlt645', 'cjt188']))).execute();
    await db.schema.alterTable('meters').addColumn('firmware', 'text').execute();
    await db.schema.createIndex('meters_bus').on('meters').column('bus_id').execute();
  },
};
