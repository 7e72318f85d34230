/** `halldesk report …`: the day close as JSON, exports to a file with a progress bar on stderr, bad input refused. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import { runCli } from '../support/run-cli';
import { progressBar } from '../../electron/cli/commands/report-progress';

let fx: Fixture;

beforeAll(async () => {
  fx = await buildBackend();
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  await fx.ok('sales.sell', { meterId: fx.meters.energy, request: { mode: 'money', amount: 4_883 }, tendered: 4_883, idempotencyKey: fx.key() }, fx.sessions.clerk1);
}, 60_000);
afterAll(async () => { await fx?.close(); });

describe('halldesk report', () => {
  it('prints the day close as JSON', async () => {
    const run = await runCli(['report', 'day', '2026-06-15', '--data', fx.dataDir]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ date: '2026-06-15', sales: { count: 1, amount: 4_883 } });
  });

  it('exports the payment record to a file with progress on stderr', async () => {
    const out = join(fx.dataDir, 'record.csv');
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { writes.push(String(chunk)); return true; });
    try {
      const run = await runCli(['report', 'payment-record', '2026-06', '--format', 'csv', '--out', out, '--data', fx.dataDir]);
      expect(run.code).toBe(0);
      expect(run.out).toEqual([out]);
    } finally {
      spy.mockRestore();
    }
    expect(writes.join('')).toContain('100%');
    expect(readFileSync(out, 'utf8')).toMatch(/^\uFEFF序号,/);
  });

  it('refuses a bad month', async () => {
    const run = await runCli(['report', 'monthly', '2026-13', '--data', fx.dataDir]);
    expect(run.code).toBe(2);
    expect(run.err.join('')).toMatch(/reports\.monthly: month/);
  });

  it('draws in place on a terminal', () => {
    const seen: string[] = [];
    const bar = progressBar('export', { isTTY: true, write: (s: string) => { seen.push(s); return true; } });
    bar.update(5, 10);
    bar.end();
    expect(seen[0]).toBe(`\rexport [${'#'.repeat(15)}${'.'.repeat(15)}]  50% 5/10`);
    expect(seen[1]).toBe('\n');
  });
});
