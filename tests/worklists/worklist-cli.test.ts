/**
 * `halldesk worklist …` (issue 7 item 5 from the CLI): the list as worklists.list answers it, as an aligned table,
 * JSON and a CSV file with a BOM; the printed duplicate list as a PDF; bad kinds and limits refused with exit 2;
 * a file that cannot be written is a failed job (exit 1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import { runCli } from '../support/run-cli';
import { displayWidth, formatTable } from '../../electron/cli/table';
import type { WorklistView } from '../../shared/contract/worklist-views';

let fx: Fixture;

beforeAll(async () => {
  fx = await buildBackend();
  await fx.sql.run('update meters set credit_fen = -1500 where id = ?', [fx.meters.hall]);
  await fx.sql.run('update meters set overdraft = 300, remaining = 0 where id = ?', [fx.meters.money]);
}, 60_000);
afterAll(async () => { await fx?.close(); });

describe('halldesk worklist', () => {
  it('prints the arrears list as an aligned table', async () => {
    const run = await runCli(['worklist', 'arrears', '--data', fx.dataDir]);
    expect(run.code).toBe(0);
    const [header, rule, ...rest] = run.out;
    expect(header).toMatch(/^account\s+customer\s+phone/);
    expect(rule).toMatch(/^-+ {2}-+/);
    const hall = rest.find((line) => line.startsWith(fx.accounts.hall.accountNo));
    expect(hall).toMatch(/negative balance\s+-15\.00\s+yuan/);
    expect(run.out.at(-1)).toMatch(/^2 on the arrears list on \d{4}-\d\d-\d\d$/);
    // The right-aligned balance ends under the end of its header, the Chinese name and address before it notwithstanding.
    const headerEnd = displayWidth(header!.slice(0, header!.indexOf('balance'))) + 'balance'.length;
    expect(displayWidth(hall!.slice(0, hall!.indexOf('-15.00'))) + '-15.00'.length).toBe(headerEnd);
  });

  it('answers the view as JSON, and takes the contract spelling of a kind', async () => {
    const run = await runCli(['worklist', 'arrears', '--json', '--limit', '1', '--data', fx.dataDir]);
    expect(run.code).toBe(0);
    const view = JSON.parse(run.out.join('\n')) as WorklistView;
    expect(view).toMatchObject({ kind: 'arrears', total: 2 });
    expect(view.rows).toHaveLength(1);
    const camel = await runCli(['worklist', 'lowBalance', '--json', '--data', fx.dataDir]);
    expect(JSON.parse(camel.out.join('\n'))).toMatchObject({ kind: 'lowBalance' });
  });

  it('writes a CSV file with a BOM, amounts with two decimals', async () => {
    const file = join(fx.dataDir, 'arrears.csv');
    const run = await runCli(['worklist', 'arrears', '--csv', file, '--area', '幸福小区', '--data', fx.dataDir]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([file]);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\uFEFFaccount,customer,phone,address,meter,utility,reason,balance,unit,overdraft,days left,last sale,last contact\r\n/);
    expect(text).toContain(`${fx.accounts.hall.accountNo},`);
    expect(text).toContain(',-15.00,yuan,');
  });

  it('prints the list as the duplicate customer list PDF', async () => {
    const out = join(fx.dataDir, 'arrears.pdf');
    const run = await runCli(['worklist', 'print', 'arrears', '--out', out, '--user', 'clerk1', '--data', fx.dataDir]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([out]);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a bad kind, a bad limit and an unknown user with exit 2', async () => {
    const kind = await runCli(['worklist', 'overdue', '--data', fx.dataDir]);
    expect(kind.code).toBe(2);
    expect(kind.err.join('')).toBe('halldesk worklist: the list is low-balance|arrears|not-recharged, got "overdue"');
    const limit = await runCli(['worklist', 'arrears', '--limit', '0', '--data', fx.dataDir]);
    expect(limit.code).toBe(2);
    expect(limit.err.join('')).toMatch(/worklists\.list: limit/);
    const user = await runCli(['worklist', 'print', 'arrears', '--user', 'nobody', '--data', fx.dataDir]);
    expect(user.code).toBe(2);
    expect(user.err.join('')).toContain('--user: no active user "nobody"');
    expect((await runCli(['worklist', '--help'])).code).toBe(0);
  });

  it('a CSV that cannot be written is a failed job, exit 1', async () => {
    const run = await runCli(['worklist', 'arrears', '--csv', join(fx.dataDir, 'no-such-folder', 'x.csv'), '--data', fx.dataDir]);
    expect(run.code).toBe(1);
    expect(run.err.join('')).toMatch(/^halldesk worklist: ENOENT/);
  });
});

describe('formatTable', () => {
  it('counts a Chinese character as two cells', () => {
    expect(formatTable([{ header: 'name' }, { header: 'n', right: true }], [['王小明', '5'], ['Li', '12']])).toEqual([
      'name     n', '------  --', '王小明   5', 'Li      12',
    ]);
  });
});
