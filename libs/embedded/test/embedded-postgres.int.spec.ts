import pg from 'pg';
import { ensureDatabase, withDatabase } from '@profila/persistence';
import { createTestDatabase, testServerUrl } from '@profila/testing';

describe('embedded PostgreSQL', () => {
  it('is a real PostgreSQL 18 server and ensureDatabase is idempotent', async () => {
    const url = await createTestDatabase('persist');
    const name = new URL(url).pathname.slice(1);
    await ensureDatabase(testServerUrl(), name); // second time: no error
    const client = new pg.Client({ connectionString: withDatabase(testServerUrl(), name) });
    await client.connect();
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    await client.end();
    expect(Number(rows[0].server_version_num)).toBeGreaterThanOrEqual(180000);
  });
});
