/**
 * The concurrency suites need a PostgreSQL server and never skip without one: a missing server fails the
 * fixture with a message that says how to start it.
 */
import { afterEach, describe, expect, it } from 'vitest';

const saved = process.env.HALLDESK_TEST_PG_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.HALLDESK_TEST_PG_URL;
  else process.env.HALLDESK_TEST_PG_URL = saved;
});

describe('no PostgreSQL server', () => {
  it('fails the fixture clearly, naming the URL and how to start the server', async () => {
    process.env.HALLDESK_TEST_PG_URL = 'postgres://halldesk@127.0.0.1:1/postgres';
    const { freshPgDatabase } = await import('../support/pg');
    await expect(freshPgDatabase()).rejects.toThrow(/127\.0\.0\.1:1\/postgres cannot be reached .*bash \.ci\/postgres\.sh/);
  });
});
