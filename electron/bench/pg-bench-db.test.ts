import { afterEach, describe, expect, it } from 'vitest';
import { benchServerUrl, createBenchDatabase, DEFAULT_BENCH_PG_URL, NoBenchServer } from './pg-bench-db';

describe('the PostgreSQL benchmarks\' server', () => {
  afterEach(() => { delete process.env.HALLDESK_BENCH_PG_URL; });

  it('is --database, else HALLDESK_BENCH_PG_URL, else the private test cluster — never HALLDESK_DATABASE_URL', () => {
    process.env.HALLDESK_DATABASE_URL = 'postgres://hall@prod/hall';
    try {
      expect(benchServerUrl(undefined)).toBe(DEFAULT_BENCH_PG_URL);
      process.env.HALLDESK_BENCH_PG_URL = 'postgres://b@h:1/x';
      expect(benchServerUrl(undefined)).toBe('postgres://b@h:1/x');
      expect(benchServerUrl('postgres://c@h:2/y')).toBe('postgres://c@h:2/y');
    } finally {
      delete process.env.HALLDESK_DATABASE_URL;
    }
  });

  it('fails clearly, naming how to start one, when there is no server', async () => {
    const attempt = createBenchDatabase('postgres://halldesk:secret@127.0.0.1:1/postgres');
    await expect(attempt).rejects.toBeInstanceOf(NoBenchServer);
    await expect(attempt).rejects.toThrow(/127\.0\.0\.1:1.*cannot be reached.*bash \.ci\/postgres\.sh/);
    await expect(attempt).rejects.not.toThrow(/secret/);
  });
});
