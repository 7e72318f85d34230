/** Shared by the backup suites: a fake timer fired by hand, live sales, and a corrupter for copies. */
import { openSync, writeSync, closeSync, statSync } from 'node:fs';
import type { Timer } from '../../electron/services/collection-scheduler';
import type { Fixture } from '../support/backend';

export function fakeTimer() {
  const pending: { fn: () => void; ms: number; id: number }[] = [];
  let next = 0;
  const timer: Timer = {
    set: (fn, ms) => { const id = ++next; pending.push({ fn, ms, id }); return id; },
    clear: (id) => { const i = pending.findIndex((p) => p.id === id); if (i >= 0) pending.splice(i, 1); },
  };
  const fire = () => {
    const entry = pending.shift();
    if (!entry) throw new Error('no timer armed');
    entry.fn();
  };
  return { timer, pending, fire };
}

export async function sell(fx: Fixture, amount = 1_000): Promise<number> {
  const sale = await fx.ok('sales.sell', { meterId: fx.meters.energy, request: { mode: 'money', amount }, tendered: amount, idempotencyKey: fx.key() }, fx.sessions.clerk1);
  return sale.id;
}

/** Makes the database a few MB bigger (a settings value no check reads), so a copy takes several backup steps. */
export async function pad(fx: Fixture, megabytes: number): Promise<void> {
  await fx.sql.run("insert into settings (key, value) values ('test:pad', ?)", ['x'.repeat(megabytes * 1_048_576)]);
}

/** Overwrites everything past the first page with garbage: the file still opens, its b-trees are gone. */
export function corrupt(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(Math.max(0, size - 4096), 0xa5), 0, Math.max(0, size - 4096), 4096);
  } finally {
    closeSync(fd);
  }
}

export function fileSize(file: string): number {
  return statSync(file).size;
}
